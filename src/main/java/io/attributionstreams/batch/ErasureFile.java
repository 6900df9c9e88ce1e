package io.attributionstreams.batch;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.attributionstreams.normalise.Emails;
import io.attributionstreams.normalise.Phones;
import io.attributionstreams.normalise.Text;
import io.attributionstreams.privacy.Pseudonyms;
import io.attributionstreams.privacy.Suppression;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An erasure file (docs/contract.md §11): CSV with the header {@code customer_id,phone,email}
 * (columns in any order, each optional), one subject or more a row, empty cells skipped. Phones
 * and emails are normalised first; one that is unusable stops the run with its line number, never
 * its value. Values are hashed as they are read: only their pseudonyms stay in memory.
 */
public final class ErasureFile {
    private static final CsvMapper MAPPER = new CsvMapper();

    private ErasureFile() {
    }

    public static Suppression read(Path file, Phones phones, Pseudonyms pseudonyms) {
        if (!Files.isRegularFile(file)) {
            throw new InputException("erasure file not found: " + file);
        }
        Suppression.Builder suppression = Suppression.builder(pseudonyms);
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CsvParser parser = (CsvParser) MAPPER.reader()
                     .with(CsvSchema.emptySchema())
                     .with(CsvParser.Feature.SKIP_EMPTY_LINES)
                     .createParser(reader)) {
            int customerColumn = -1;
            int phoneColumn = -1;
            int emailColumn = -1;
            boolean header = true;
            long line = 0;
            List<String> cells = new ArrayList<>();
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.START_ARRAY) {
                    cells.clear();
                } else if (token == JsonToken.VALUE_STRING) {
                    cells.add(parser.getText());
                } else if (token == JsonToken.END_ARRAY) {
                    line++;
                    if (header) {
                        header = false;
                        for (int i = 0; i < cells.size(); i++) {
                            switch (cells.get(i).replace("\uFEFF", "").strip().toLowerCase(Locale.ROOT)) {
                                case "customer_id" -> customerColumn = i;
                                case "phone" -> phoneColumn = i;
                                case "email" -> emailColumn = i;
                                default -> throw new InputException(file + ": unknown column in the header "
                                        + "(expected customer_id, phone, email)");
                            }
                        }
                        continue;
                    }
                    String customerId = cell(cells, customerColumn);
                    if (customerId != null) {
                        suppression.customer(customerId);
                    }
                    String rawPhone = cell(cells, phoneColumn);
                    if (rawPhone != null) {
                        String phone = phones.normalise(rawPhone);
                        if (phone == null) {
                            throw new IllegalArgumentException("erasure file " + file + " line " + line
                                    + ": the phone is not a valid number");
                        }
                        suppression.phone(phone);
                    }
                    String rawEmail = cell(cells, emailColumn);
                    if (rawEmail != null) {
                        String email = Emails.normalise(rawEmail);
                        if (email == null) {
                            throw new IllegalArgumentException("erasure file " + file + " line " + line
                                    + ": the email is not a usable address");
                        }
                        suppression.email(email);
                    }
                }
            }
            if (header) {
                throw new InputException(file + ": empty file, a header row is required");
            }
            return suppression.build();
        } catch (IOException e) {
            throw new InputException("cannot read erasure file " + file + ": " + e.getClass().getSimpleName(), e);
        }
    }

    private static String cell(List<String> cells, int column) {
        return column < 0 || column >= cells.size() ? null : Text.clean(cells.get(column));
    }
}
