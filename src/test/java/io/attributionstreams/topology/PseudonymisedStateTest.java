package io.attributionstreams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.attributionstreams.attribution.AttributionSettings;
import io.attributionstreams.normalise.Emails;
import io.attributionstreams.normalise.IdentifierValues;
import io.attributionstreams.normalise.Phones;
import io.attributionstreams.testsupport.FactRecord;
import io.attributionstreams.testsupport.Golden;
import io.attributionstreams.testsupport.TopologyHarness;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.Test;

/**
 * Phones and emails become pseudonyms in step 1: after a shuffled replay of the revisions example
 * (identifiers added, dropped, swapped and restored), no state store and no output holds any of the
 * data's phones or emails, whether as written, in E.164, as national digits or lower-cased. The same
 * scan over a topology that keeps the values finds them, so the scan can see what it looks for.
 */
class PseudonymisedStateTest {
    private static final String EXAMPLE = "revisions";

    @Test
    void noStoreAndNoOutputHoldsAPhoneOrAnEmailOfTheData() throws IOException {
        Set<String> forms = identifierForms();
        assertThat(forms).hasSizeGreaterThan(100);
        try (TopologyHarness harness = new TopologyHarness(AttributionSettings.defaults())) {
            replay(harness);
            assertThat(harness.latestUpdates()).isNotEmpty();
            assertThat(found(harness, forms)).isEmpty();
        }
    }

    @Test
    void theScanFindsThemWhereTheyAreKept() throws IOException {
        Set<String> forms = identifierForms();
        try (TopologyHarness harness = new TopologyHarness(AttributionSettings.defaults(),
                IdentityOptions.pseudonymised(IdentifierValues.AS_IS))) {
            replay(harness);
            assertThat(found(harness, forms)).containsKeys("identity-claims", "interaction-versions",
                    "customer-versions");
        }
    }

    private static void replay(TopologyHarness harness) {
        harness.pipe(FactRecord.shuffled(FactRecord.read(Golden.input(EXAMPLE)), new Random(7))).settle();
    }

    /** Store (or output) name to the forms of identifiers found in it. */
    private static Map<String, Set<String>> found(TopologyHarness harness, Set<String> forms) {
        Map<String, Set<String>> found = new TreeMap<>();
        for (Map.Entry<String, StateStore> store : harness.driver().getAllStateStores().entrySet()) {
            if (store.getValue() instanceof ReadOnlyKeyValueStore<?, ?> kv) {
                StringBuilder text = new StringBuilder();
                try (KeyValueIterator<?, ?> all = kv.all()) {
                    while (all.hasNext()) {
                        KeyValue<?, ?> entry = all.next();
                        text.append(entry.key).append(' ').append(entry.value).append('\n');
                    }
                }
                scan(store.getKey(), text.toString().toLowerCase(Locale.ROOT), forms, found);
            }
        }
        scan("attribution-updates", harness.allUpdates().toString().toLowerCase(Locale.ROOT), forms, found);
        scan("attribution-channel-totals", harness.latestTotals().toString().toLowerCase(Locale.ROOT), forms, found);
        return found;
    }

    private static void scan(String where, String text, Set<String> forms, Map<String, Set<String>> found) {
        for (String form : forms) {
            if (text.contains(form)) {
                found.computeIfAbsent(where, k -> new TreeSet<>()).add(form);
            }
        }
    }

    /** Every valid phone and email of the example's input, in each form a store could hold it in. */
    private static Set<String> identifierForms() throws IOException {
        Phones phones = new Phones("US");
        Set<String> forms = new TreeSet<>();
        List<String> cells = new ArrayList<>();
        for (String file : List.of("customers.csv", "interactions.csv")) {
            Path csv = Golden.input(EXAMPLE).resolve(file);
            CsvMapper mapper = new CsvMapper();
            try (MappingIterator<Map<String, String>> rows = mapper.readerFor(Map.class)
                    .with(CsvSchema.emptySchema().withHeader()).readValues(csv.toFile())) {
                while (rows.hasNext()) {
                    rows.next().forEach((column, value) -> {
                        if (column.startsWith("phone") || column.startsWith("email")) {
                            cells.add(value);
                        }
                    });
                }
            }
        }
        for (String cell : cells) {
            String phone = phones.normalise(cell);
            if (phone != null) {
                forms.add(phone.toLowerCase(Locale.ROOT));
                forms.add(phone.substring(phone.length() - 10)); // national digits of a +1 number
                forms.add(cell.strip().toLowerCase(Locale.ROOT));
            }
            String email = Emails.normalise(cell);
            if (email != null) {
                forms.add(email);
                forms.add(cell.strip().toLowerCase(Locale.ROOT));
            }
        }
        return forms;
    }
}
