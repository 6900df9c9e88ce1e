package io.attributionstreams.batch;

import java.util.List;

/**
 * The CSV files of docs/contract.md §1 and §12: their names, the column holding the fact id, the
 * columns a file must have, and the ones it may have. Read in this order, which is also the
 * order of {@code rejects.csv}.
 */
public enum FactFile {
    CUSTOMERS("customers.csv", "customer_id",
            List.of("customer_id"),
            List.of("phone1", "phone2", "phone3", "phone4", "email1", "email2")),
    INTERACTIONS("interactions.csv", "interaction_id",
            List.of("interaction_id", "type", "occurred_at", "channel"),
            List.of("campaign", "phone", "email", "customer_id")),
    APPOINTMENTS("appointments.csv", "appointment_id",
            List.of("appointment_id", "customer_id", "booked_at"),
            List.of("attended_at")),
    PAYMENTS("payments.csv", "payment_id",
            List.of("payment_id", "customer_id", "paid_at", "amount", "currency"),
            List.of()),
    /** Optional (docs/contract.md §12): without it there is no spend, and the outputs have no money columns. */
    SPEND("spend.csv", "spend_id",
            List.of("spend_id", "channel", "spent_on", "amount", "currency"),
            List.of("campaign"));

    private final String fileName;
    private final String idColumn;
    private final List<String> requiredColumns;
    private final List<String> optionalColumns;

    FactFile(String fileName, String idColumn, List<String> requiredColumns, List<String> optionalColumns) {
        this.fileName = fileName;
        this.idColumn = idColumn;
        this.requiredColumns = requiredColumns;
        this.optionalColumns = optionalColumns;
    }

    public String fileName() {
        return fileName;
    }

    public String idColumn() {
        return idColumn;
    }

    /** The files to read from {@code dir}, in reading order: every required one, and the optional ones it has. */
    public static List<FactFile> toRead(java.nio.file.Path dir) {
        return java.util.Arrays.stream(values())
                .filter(f -> !f.optional() || java.nio.file.Files.exists(dir.resolve(f.fileName()))).toList();
    }

    /** Whether the input may leave the file out. */
    public boolean optional() {
        return this == SPEND;
    }

    public List<String> requiredColumns() {
        return requiredColumns;
    }

    /** The header exactly as docs/contract.md §1 spells it. */
    public List<String> canonicalHeader() {
        return switch (this) {
            case CUSTOMERS -> List.of("customer_id", "phone1", "phone2", "phone3", "phone4", "email1", "email2");
            case INTERACTIONS -> List.of("interaction_id", "type", "occurred_at", "channel", "campaign", "phone",
                    "email", "customer_id");
            case APPOINTMENTS -> List.of("appointment_id", "customer_id", "booked_at", "attended_at");
            case PAYMENTS -> List.of("payment_id", "customer_id", "paid_at", "amount", "currency");
            case SPEND -> List.of("spend_id", "channel", "campaign", "spent_on", "amount", "currency");
        };
    }
}
