package io.attributionstreams.testsupport;

import io.attributionstreams.batch.CsvRows;
import io.attributionstreams.batch.FactFile;
import io.attributionstreams.normalise.RawAppointment;
import io.attributionstreams.normalise.RawCustomer;
import io.attributionstreams.normalise.RawInteraction;
import io.attributionstreams.normalise.RawPayment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The batch oracle's input for a sequence of topic records: each file gets the rows in the order
 * they were sent (the batch engine applies last-row-wins and rejects exactly as the topology does),
 * except that a tombstone removes every earlier row of its id, which is what a delete leaves.
 */
public final class FinalFacts {
    private FinalFacts() {
    }

    public static void write(List<FactRecord> records, Path dir) {
        Map<FactFile, List<FactRecord>> rows = new EnumMap<>(FactFile.class);
        for (FactFile file : FactFile.values()) {
            rows.put(file, new ArrayList<>());
        }
        for (FactRecord r : records) {
            List<FactRecord> list = rows.get(r.file());
            if (r.value() == null) {
                list.removeIf(previous -> r.key() != null && r.key().equals(previous.key()));
            } else {
                list.add(r);
            }
        }
        for (FactFile file : FactFile.values()) {
            if (file.optional() && rows.get(file).isEmpty()) {
                continue; // an input without spend facts has no spend.csv, and outputs without money columns
            }
            try (CsvRows out = new CsvRows(dir.resolve(file.fileName()), file.canonicalHeader())) {
                for (FactRecord r : rows.get(file)) {
                    out.write(cells(r.value()));
                }
            }
        }
    }

    private static String[] cells(Object raw) {
        if (raw instanceof RawCustomer c) {
            List<String> phones = c.phones() == null ? List.of() : c.phones();
            List<String> emails = c.emails() == null ? List.of() : c.emails();
            if (phones.size() > 4 || emails.size() > 2) {
                throw new IllegalArgumentException("the CSV form holds at most 4 phones and 2 emails");
            }
            return new String[] {c.customerId(), at(phones, 0), at(phones, 1), at(phones, 2), at(phones, 3),
                at(emails, 0), at(emails, 1)};
        }
        if (raw instanceof RawInteraction i) {
            return new String[] {i.interactionId(), i.type(), i.occurredAt(), i.channel(), i.campaign(), i.phone(),
                i.email(), i.customerId()};
        }
        if (raw instanceof RawAppointment a) {
            return new String[] {a.appointmentId(), a.customerId(), a.bookedAt(), a.attendedAt()};
        }
        RawPayment p = (RawPayment) raw;
        return new String[] {p.paymentId(), p.customerId(), p.paidAt(), p.amount(), p.currency()};
    }

    private static String at(List<String> list, int i) {
        return i < list.size() ? list.get(i) : "";
    }
}
