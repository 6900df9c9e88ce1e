package io.attributionstreams.batch;

import io.attributionstreams.normalise.Emails;
import io.attributionstreams.normalise.Phones;
import io.attributionstreams.normalise.Text;
import io.attributionstreams.privacy.Pseudonyms;
import io.attributionstreams.privacy.Suppression;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * An erasure file (docs/contract.md §11): CSV with the header {@code customer_id,phone,email}
 * (columns in any order, each optional), one subject or more a row, empty cells skipped. Phones
 * and emails are normalised first; one that is unusable stops the run with its line number, never
 * its value. Values are hashed as they are read: only their pseudonyms stay in memory.
 */
public final class ErasureFile {
    private ErasureFile() {
    }

    public static Suppression read(Path file, Phones phones, Pseudonyms pseudonyms) {
        if (!Files.isRegularFile(file)) {
            throw new InputException("erasure file not found: " + file);
        }
        Suppression.Builder suppression = Suppression.builder(pseudonyms);
        class Reading {
            int customerColumn = -1;
            int phoneColumn = -1;
            int emailColumn = -1;
            boolean header = true;
            long line;
        }
        Reading reading = new Reading();
        try {
            CsvFactReader.forEachRecord(file, cells -> {
                reading.line++;
                if (reading.header) {
                    reading.header = false;
                    for (int i = 0; i < cells.size(); i++) {
                        switch (cells.get(i).replace("\uFEFF", "").strip().toLowerCase(Locale.ROOT)) {
                            case "customer_id" -> reading.customerColumn = i;
                            case "phone" -> reading.phoneColumn = i;
                            case "email" -> reading.emailColumn = i;
                            default -> throw new InputException(file + ": unknown column in the header "
                                    + "(expected customer_id, phone, email)");
                        }
                    }
                    return;
                }
                String customerId = cell(cells, reading.customerColumn);
                if (customerId != null) {
                    suppression.customer(customerId);
                }
                String rawPhone = cell(cells, reading.phoneColumn);
                if (rawPhone != null) {
                    String phone = phones.normalise(rawPhone);
                    if (phone == null) {
                        throw new IllegalArgumentException("erasure file " + file + " line " + reading.line
                                + ": the phone is not a valid number");
                    }
                    suppression.phone(phone);
                }
                String rawEmail = cell(cells, reading.emailColumn);
                if (rawEmail != null) {
                    String email = Emails.normalise(rawEmail);
                    if (email == null) {
                        throw new IllegalArgumentException("erasure file " + file + " line " + reading.line
                                + ": the email is not a usable address");
                    }
                    suppression.email(email);
                }
            });
        } catch (IOException e) {
            throw new InputException("cannot read erasure file " + file + ": " + e.getClass().getSimpleName(), e);
        }
        if (reading.header) {
            throw new InputException(file + ": empty file, a header row is required");
        }
        return suppression.build();
    }

    private static String cell(List<String> cells, int column) {
        return column < 0 || column >= cells.size() ? null : Text.clean(cells.get(column));
    }
}
