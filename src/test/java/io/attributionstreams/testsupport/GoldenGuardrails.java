package io.attributionstreams.testsupport;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.attributionstreams.batch.GuardrailSettings;
import io.attributionstreams.batch.Guardrails;
import io.attributionstreams.identity.BlockedIdentifiers;
import io.attributionstreams.normalise.Phones;
import io.attributionstreams.topology.IdentityOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A golden example's identity guardrails and erasures (docs/contract.md §10, §11), read from its
 * {@code args} ({@code --blocked FILE}, {@code --max-claimants K}, {@code --erasures FILE}, paths relative
 * to the example): the same for the batch engine and for the topology, which gets the blocked values and
 * the cap as options and each erasure row as a request on {@code attribution-erasures}.
 *
 * @param attributionArgs the other args, for {@link Settings#fromArgs}
 * @param requests one erasure request a row of the erasures file, as {@code attribution-erasures} carries it
 */
public record GoldenGuardrails(List<String> attributionArgs, IdentityOptions identity, Guardrails batch,
        List<Request> requests) {

    /** An erasure request: its id (the record key) and its JSON value. */
    public record Request(String id, String json) {
    }

    public static GoldenGuardrails of(String example) {
        Path dir = Golden.input(example).getParent();
        List<String> rest = new ArrayList<>();
        Path blocked = null;
        Integer cap = null;
        Path erasures = null;
        List<String> args = Golden.args(example);
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--blocked" -> blocked = dir.resolve(args.get(++i));
                case "--max-claimants" -> cap = Integer.valueOf(args.get(++i));
                case "--erasures" -> erasures = dir.resolve(args.get(++i));
                default -> rest.add(args.get(i));
            }
        }
        IdentityOptions identity = IdentityOptions.pseudonymised(TestPseudonyms.values())
                .withMaxClaimants(cap == null ? 0 : cap);
        try {
            if (blocked != null) {
                identity = identity.withBlocked(BlockedIdentifiers.parse(
                        Files.readAllLines(blocked, StandardCharsets.UTF_8), new Phones("US"), "blocked"));
            }
            Guardrails batch = new GuardrailSettings(blocked, cap, erasures, TestPseudonyms.keyFile()).load("US");
            return new GoldenGuardrails(List.copyOf(rest), identity, batch,
                    erasures == null ? List.of() : requests(erasures));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Each row of an erasure file ({@code customer_id,phone,email}) as the request naming the same subjects. */
    private static List<Request> requests(Path csv) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Request> requests = new ArrayList<>();
        try (MappingIterator<Map<String, String>> rows = new CsvMapper().readerFor(Map.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(csv.toFile())) {
            int line = 1;
            while (rows.hasNext()) {
                Map<String, String> row = rows.next();
                line++;
                ObjectNode request = json.createObjectNode();
                String customer = row.getOrDefault("customer_id", "");
                if (!customer.isBlank()) {
                    request.put("customer_id", customer);
                }
                ArrayNode phones = request.putArray("phones");
                ArrayNode emails = request.putArray("emails");
                if (!row.getOrDefault("phone", "").isBlank()) {
                    phones.add(row.get("phone"));
                }
                if (!row.getOrDefault("email", "").isBlank()) {
                    emails.add(row.get("email"));
                }
                requests.add(new Request("line-" + line, json.writeValueAsString(request)));
            }
        }
        return requests;
    }
}
