package io.attributionstreams.topology;

import io.attributionstreams.contract.InputTopics;
import io.attributionstreams.contract.OutputTopics;
import java.util.List;

/**
 * Every topic, store, processor and internal topic name of the topology, in one place. Internal
 * topics are {@code <application.id>-<name>-repartition} and {@code <application.id>-<store>-changelog}.
 */
public final class Names {
    private Names() {
    }

    // input topics
    public static final String CUSTOMERS = InputTopics.CUSTOMERS;
    public static final String INTERACTIONS = InputTopics.INTERACTIONS;
    public static final String APPOINTMENTS = InputTopics.APPOINTMENTS;
    public static final String PAYMENTS = InputTopics.PAYMENTS;
    /** Spend facts (docs/contract.md §12): key a spend id. */
    public static final String SPEND = InputTopics.SPEND;
    public static final List<String> INPUT_TOPICS = InputTopics.ALL;
    /** Erasure requests (docs/contract.md §11): key a request id, value the subjects to suppress. */
    public static final String ERASURES = "attribution-erasures";

    // output topics: the output contract names them (OutputTopics), the topology refers to them by these
    public static final String ATTRIBUTION_UPDATES = OutputTopics.ATTRIBUTION_UPDATES;
    public static final String CHANNEL_TOTALS = OutputTopics.CHANNEL_TOTALS;
    public static final String CAMPAIGN_TOTALS = OutputTopics.CAMPAIGN_TOTALS;
    public static final String MONTH_TOTALS = OutputTopics.MONTH_TOTALS;
    public static final String PATH_TOTALS = OutputTopics.PATH_TOTALS;
    public static final String DLQ = OutputTopics.DLQ;
    public static final String IDENTITY_CAPPED = OutputTopics.IDENTITY_CAPPED;
    public static final String ATTRIBUTION_CREDITS = OutputTopics.ATTRIBUTION_CREDITS;

    // step 1, by fact id: the last version of each fact
    public static final String CUSTOMER_VERSIONS = "customer-versions";
    public static final String INTERACTION_VERSIONS = "interaction-versions";
    public static final String APPOINTMENT_VERSIONS = "appointment-versions";
    public static final String PAYMENT_VERSIONS = "payment-versions";
    /** The last version of each spend fact (docs/contract.md §12). */
    public static final String SPEND_VERSIONS = "spend-versions";

    /**
     * Per step-1 processor, where its scan of its versions store for newly suppressed subjects stands: a key
     * only while a scan is under way.
     */
    public static final String ERASURE_SCANS = "erasure-scans";
    /** Per step-1 processor, how many suppressions there were when its last complete scan began. */
    public static final String ERASURE_MARKS = "erasure-marks";
    /**
     * The global store of suppressed subjects, a keyed pseudonym each, read from {@link #suppressionsTopic}:
     * every instance holds all of them. Not in {@link #STORES}: a global store belongs to no task.
     */
    public static final String SUPPRESSIONS = "suppressions";

    // step 2, by identifier: who claims it, which interactions carry it
    public static final String BY_IDENTIFIER = "by-identifier";
    public static final String IDENTITY_CLAIMS = "identity-claims";
    public static final String IDENTITY_CARRIERS = "identity-carriers";
    /** How many customers claim each identifier (no row: none), for the claimant cap and the hot meter. */
    public static final String IDENTITY_CLAIM_COUNTS = "identity-claim-counts";
    /** Identity events whose links and unlinks are not all sent yet: the fan-out over the budget of one record. */
    public static final String PENDING_FANOUTS = "pending-fanouts";

    // step 3, by customer id: touchpoints, appointments, payments, existence, last answers
    public static final String BY_CUSTOMER = "by-customer";
    public static final String CUSTOMER_STATUS = "customer-status";
    public static final String CUSTOMER_TOUCHPOINTS = "customer-touchpoints";
    public static final String CUSTOMER_APPOINTMENTS = "customer-appointments";
    public static final String CUSTOMER_PAYMENTS = "customer-payments";
    public static final String CUSTOMER_ANSWERS = "customer-answers";
    /** What an answer over very many channels added to each, an entry per channel (most answers keep it inline). */
    public static final String ANSWER_CHANNELS = "answer-channels";
    /** Customers whose recompute waits for their pace (see {@link Pacing}), with their earliest event's time. */
    public static final String PENDING_RECOMPUTES = "pending-recomputes";

    /**
     * Each customer's last path per conversion type: the converted ones, for the path summary (docs/contract.md
     * §15); when markov runs, the others too (§14).
     */
    public static final String CUSTOMER_JOURNEYS = "customer-journeys";

    // step 4, by (type, model, channel): totals kept by deltas
    public static final String PENDING_CHANNEL_DELTAS = "pending-channel-deltas";
    public static final String BY_CHANNEL = "by-channel";
    /** Spend deltas on their way to the channel totals, by (type, model, channel). */
    public static final String SPEND_BY_CHANNEL = "spend-by-channel";
    public static final String CHANNEL_TOTALS_STORE = "channel-totals";
    /** The campaign and monthly totals (docs/contract.md §12): summed in the same step, by their own keys. */
    public static final String CAMPAIGN_TOTALS_STORE = "campaign-totals";
    public static final String MONTH_TOTALS_STORE = "month-totals";
    /** The path summary (docs/contract.md §15): conversions and revenue per (type, path). */
    public static final String PATH_TOTALS_STORE = "path-totals";

    // step 6, by conversion type, when markov runs: the paths' transition counts, and the rows last written
    public static final String BY_CONVERSION_TYPE = "by-conversion-type";
    /** Spend deltas on their way to the markov rows, by conversion type. */
    public static final String SPEND_BY_CONVERSION_TYPE = "spend-by-conversion-type";
    public static final String MARKOV_COUNTS = "markov-counts";
    public static final String MARKOV_ROWS = "markov-rows";
    /** The rows of {@code attribution-credits} written for each answer: answer key, then interaction id. */
    public static final String ANSWER_CREDITS = "answer-credits";
    /** The stores that exist only when {@code attribution-credits} is written. */
    public static final List<String> CREDIT_STORES = List.of(ANSWER_CREDITS);
    /** The stores that exist only when markov runs. */
    public static final List<String> MARKOV_STORES = List.of(MARKOV_COUNTS, MARKOV_ROWS);

    /** Every state store of the topology (a test holds this list to the built topology). */
    public static final List<String> STORES = List.of(CUSTOMER_VERSIONS, INTERACTION_VERSIONS, APPOINTMENT_VERSIONS,
            PAYMENT_VERSIONS, SPEND_VERSIONS, IDENTITY_CLAIMS, IDENTITY_CARRIERS, IDENTITY_CLAIM_COUNTS, PENDING_FANOUTS, CUSTOMER_STATUS,
            CUSTOMER_TOUCHPOINTS, CUSTOMER_APPOINTMENTS, CUSTOMER_PAYMENTS, CUSTOMER_ANSWERS, ANSWER_CHANNELS,
            PENDING_RECOMPUTES, PENDING_CHANNEL_DELTAS, CHANNEL_TOTALS_STORE, CAMPAIGN_TOTALS_STORE, MONTH_TOTALS_STORE, PATH_TOTALS_STORE,
            CUSTOMER_JOURNEYS, ERASURE_SCANS,
            ERASURE_MARKS);

    /**
     * The stores that hold work the application still owes, a key per piece: while any holds a key, the
     * outputs are not final even when every topic is read (what {@code export --await-quiet} waits for). The
     * summed deltas are among them: a slow punctuation (a busy host) may hold them past any quiet period.
     */
    public static final List<String> DEFERRED_WORK_STORES = List.of(PENDING_FANOUTS, PENDING_RECOMPUTES,
            PENDING_CHANNEL_DELTAS, ERASURE_SCANS);

    // processors
    public static final String SOURCE_PREFIX = "read-";
    public static final String NORMALISE_CUSTOMERS = "normalise-customers";
    public static final String NORMALISE_INTERACTIONS = "normalise-interactions";
    public static final String NORMALISE_APPOINTMENTS = "normalise-appointments";
    public static final String NORMALISE_PAYMENTS = "normalise-payments";
    public static final String NORMALISE_SPEND = "normalise-spend";
    public static final String SPEND_DELTAS = "spend-deltas";
    public static final String SPEND_MARKOV_DELTAS = "spend-markov-deltas";
    public static final String MERGE_SPEND = "merge-spend";
    public static final String MERGE_MARKOV_SPEND = "merge-markov-spend";
    public static final String MERGE_FACT_EVENTS = "merge-fact-events";
    public static final String SPLIT_FACT_EVENTS = "split-fact-events-";
    public static final String TO_IDENTITY = "to-identity";
    public static final String TO_CUSTOMER = "to-customer";
    public static final String IDENTITY_GRAPH = "identity-graph";
    public static final String SPLIT_IDENTITY_EVENTS = "split-identity-events-";
    public static final String TO_CAPPED = "to-capped";
    public static final String CAPPED_COUNTS = "capped-counts";
    public static final String WRITE_CAPPED = "write-identity-capped";
    public static final String MERGE_CUSTOMER_EVENTS = "merge-customer-events";
    public static final String TOUCHPOINTS = "touchpoints";
    public static final String ATTRIBUTE = "attribute";
    public static final String SPLIT_ANSWERS = "split-answers-";
    public static final String UPDATES = "updates";
    public static final String DELTAS = "deltas";
    public static final String SUM_DELTAS = "sum-deltas";
    public static final String SUM_CHANNELS = "sum-channels";
    public static final String PATHS = "paths";
    public static final String SOLVE_MARKOV = "solve-markov";
    public static final String WRITE_MARKOV_TOTALS = "write-markov-totals";
    public static final String WRITE_UPDATES = "write-attribution-updates";
    public static final String CREDIT_ROWS = "credit-rows";
    public static final String WRITE_CREDITS = "write-attribution-credits";
    public static final String WRITE_CHANNEL_TOTALS = "write-channel-totals";
    public static final String SPLIT_TOTALS = "split-totals-";
    public static final String TO_CHANNELS = "to-channels";
    public static final String TO_CAMPAIGNS = "to-campaigns";
    public static final String TO_MONTHS = "to-months";
    public static final String TO_PATHS = "to-paths";
    public static final String CHANNEL_ROWS = "channel-rows";
    public static final String CAMPAIGN_ROWS = "campaign-rows";
    public static final String MONTH_ROWS = "month-rows";
    public static final String PATH_ROWS = "path-rows";
    public static final String WRITE_CAMPAIGN_TOTALS = "write-campaign-totals";
    public static final String WRITE_MONTH_TOTALS = "write-month-totals";
    public static final String WRITE_PATH_TOTALS = "write-path-totals";
    public static final String ERASE_SUBJECTS = "erase-subjects";
    public static final String WRITE_SUPPRESSIONS = "write-suppressions";
    public static final String READ_SUPPRESSIONS = "read-suppressions";
    public static final String KEEP_SUPPRESSIONS = "keep-suppressions";

    /** Separates the parts of a composite store key; a fact id may not contain it. */
    public static final char KEY_SEPARATOR = '\u0000';

    /** {@code owner} then {@code part}, so that a prefix scan on the owner finds every part. */
    public static String compositeKey(String owner, String part) {
        return owner + KEY_SEPARATOR + part;
    }

    /** The changelog topic Kafka Streams creates for {@code store} of application {@code applicationId}. */
    public static String changelogTopic(String applicationId, String store) {
        return applicationId + '-' + store + "-changelog";
    }

    /**
     * The engine's own compacted topic of suppressed subjects (a keyed pseudonym a record, never a raw
     * value), written by {@link #ERASE_SUBJECTS} and read into the global store {@link #SUPPRESSIONS}; the
     * application creates it at start, like its pseudonym key topic.
     */
    public static String suppressionsTopic(String applicationId) {
        return applicationId + "-suppressions";
    }

    /** The topic Kafka Streams creates for the repartition named {@code repartition}. */
    public static String repartitionTopic(String applicationId, String repartition) {
        return applicationId + '-' + repartition + "-repartition";
    }

    /** The prefix that selects every composite key of {@code owner}. */
    public static String prefixOf(String owner) {
        return owner + KEY_SEPARATOR;
    }

    /** The part after the owner in a composite key. */
    public static String partOf(String compositeKey) {
        return compositeKey.substring(compositeKey.indexOf(KEY_SEPARATOR) + 1);
    }
}
