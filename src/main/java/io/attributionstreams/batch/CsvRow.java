package io.attributionstreams.batch;

import io.attributionstreams.normalise.RawAppointment;
import io.attributionstreams.normalise.RawCustomer;
import io.attributionstreams.normalise.RawInteraction;
import io.attributionstreams.normalise.RawPayment;
import io.attributionstreams.normalise.RawSpend;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One data row of a fact file, read by column name (columns may come in any order; a column the
 * file lacks reads as absent). Converts to the raw fact the normaliser takes, which is also the
 * JSON form the replay command produces.
 */
public record CsvRow(FactFile file, long line, Map<String, Integer> columns, String[] cells) {

    public String get(String column) {
        Integer index = columns.get(column);
        if (index == null || index >= cells.length) {
            return null;
        }
        String cell = cells[index];
        return cell == null || cell.isEmpty() ? null : cell;
    }

    public String id() {
        return get(file.idColumn());
    }

    public RawCustomer customer() {
        return new RawCustomer(get("customer_id"),
                present(get("phone1"), get("phone2"), get("phone3"), get("phone4")),
                present(get("email1"), get("email2")));
    }

    public RawInteraction interaction() {
        return new RawInteraction(get("interaction_id"), get("type"), get("occurred_at"), get("channel"),
                get("campaign"), get("phone"), get("email"), get("customer_id"));
    }

    public RawAppointment appointment() {
        return new RawAppointment(get("appointment_id"), get("customer_id"), get("booked_at"), get("attended_at"));
    }

    public RawPayment payment() {
        return new RawPayment(get("payment_id"), get("customer_id"), get("paid_at"), get("amount"), get("currency"));
    }

    public RawSpend spend() {
        return new RawSpend(get("spend_id"), get("channel"), get("campaign"), get("spent_on"), get("amount"),
                get("currency"));
    }

    /** The non-empty cells, in order: a customer's phone1..phone4 become its list of phones. */
    private static List<String> present(String... values) {
        List<String> list = new ArrayList<>(values.length);
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                list.add(value);
            }
        }
        return list;
    }
}
