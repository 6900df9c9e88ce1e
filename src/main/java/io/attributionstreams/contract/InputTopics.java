package io.attributionstreams.contract;

import java.util.List;
import java.util.Map;

/**
 * The topics producers write the engine's facts to (schemas under {@code schemas/}), and the field of each
 * fact that is its id and its record's key. Part of the input contract: the webhook ingest writes them too.
 * The topology's {@code Names} refers to these.
 */
public final class InputTopics {
    public static final String CUSTOMERS = "customers";
    public static final String INTERACTIONS = "interactions";
    public static final String APPOINTMENTS = "appointments";
    public static final String PAYMENTS = "payments";
    /** Spend facts (docs/contract.md §12): key a spend id. */
    public static final String SPEND = "spend";
    public static final List<String> ALL = List.of(CUSTOMERS, INTERACTIONS, APPOINTMENTS, PAYMENTS, SPEND);
    /** Each topic's id field: the record's key must equal it. */
    public static final Map<String, String> ID_FIELDS = Map.of(CUSTOMERS, "customer_id",
            INTERACTIONS, "interaction_id", APPOINTMENTS, "appointment_id", PAYMENTS, "payment_id",
            SPEND, "spend_id");

    private InputTopics() {
    }
}
