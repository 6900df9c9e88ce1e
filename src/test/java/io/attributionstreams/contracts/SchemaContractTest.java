package io.attributionstreams.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.attributionstreams.batch.BatchRun;
import io.attributionstreams.batch.FactSet;
import io.attributionstreams.contract.AttributionUpdate;
import io.attributionstreams.contract.CampaignTotalRecord;
import io.attributionstreams.contract.ChannelTotalRecord;
import io.attributionstreams.contract.MonthTotalRecord;
import io.attributionstreams.contract.PathTotalRecord;
import io.attributionstreams.contract.OutputFiles;
import io.attributionstreams.normalise.NormalisationCounters;
import io.attributionstreams.privacy.ErasureRequest;
import io.attributionstreams.testsupport.FactRecord;
import io.attributionstreams.testsupport.Golden;
import io.attributionstreams.testsupport.Settings;
import io.attributionstreams.testsupport.TestPseudonyms;
import io.attributionstreams.testsupport.TopologyHarness;
import io.attributionstreams.topology.IdentityOptions;
import io.attributionstreams.topology.Names;
import io.attributionstreams.topology.Outputs;
import io.attributionstreams.topology.Pacing;
import io.attributionstreams.topology.Topics;
import io.attributionstreams.topology.serde.JsonSerde;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The JSON our code writes and reads is what {@code schemas/} promises other teams' clients,
 * checked with an independent JSON Schema (2020-12) validator.
 */
class SchemaContractTest {
    private static final ObjectMapper PLAIN = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    static JsonSchema schema(String topic) throws IOException {
        try (InputStream in = Files.newInputStream(Path.of("schemas", topic + ".schema.json"))) {
            return FACTORY.getSchema(in);
        }
    }

    static List<String> violations(JsonSchema schema, byte[] json) throws IOException {
        JsonNode node = PLAIN.readTree(json);
        return schema.validate(node).stream().map(Object::toString).collect(Collectors.toList());
    }

    /**
     * Credit rows included. models: every model's answers; limits: answers in parts, 256-character names, sums past 2^63 cents; spend:
     * the money fields, rows that spend alone keeps.
     */
    @ParameterizedTest
    @ValueSource(strings = {"models", "limits", "spend"})
    void everyOutputRecordOfAnExampleMatchesItsSchema(String example) throws IOException {
        JsonSchema updates = schema(Names.ATTRIBUTION_UPDATES);
        JsonSchema totals = schema(Names.CHANNEL_TOTALS);
        List<String> problems = new ArrayList<>();
        int checked = 0;
        int parts = 0;
        try (TopologyHarness harness = new TopologyHarness(Settings.fromArgs(Golden.args(example)), Pacing.DEFAULT,
                IdentityOptions.pseudonymised(TestPseudonyms.values()), Outputs.WITH_CREDITS)) {
            harness.pipe(FactRecord.read(Golden.input(example)));
            JsonSchema credits = schema(Names.ATTRIBUTION_CREDITS);
            int rows = 0;
            for (var record : harness.allCredits()) {
                if (record.value() != null) {
                    problems.addAll(violations(credits, Topics.ATTRIBUTION_CREDITS.valueSerde().serializer()
                            .serialize(Names.ATTRIBUTION_CREDITS, record.value())));
                    rows++;
                }
            }
            assertThat(rows).as("credit rows").isGreaterThan(100);
            for (var record : harness.allUpdates()) {
                if (record.value() != null) {
                    problems.addAll(violations(updates, Topics.ATTRIBUTION_UPDATES.valueSerde().serializer()
                            .serialize(Names.ATTRIBUTION_UPDATES, record.value())));
                    checked++;
                    parts += record.value().isPart() ? 1 : 0;
                }
            }
            if (example.equals("limits")) {
                assertThat(parts).as("part records of the 2,500-touchpoint customer's answers").isPositive();
            } else {
                assertThat(parts).as("part records").isZero();
            }
            for (var total : harness.latestTotals().values()) {
                problems.addAll(violations(totals, Topics.CHANNEL_TOTALS.valueSerde().serializer()
                        .serialize(Names.CHANNEL_TOTALS, total)));
                checked++;
            }
            JsonSchema campaigns = schema(Names.CAMPAIGN_TOTALS);
            for (var total : harness.latestCampaigns().values()) {
                problems.addAll(violations(campaigns, Topics.CAMPAIGN_TOTALS.valueSerde().serializer()
                        .serialize(Names.CAMPAIGN_TOTALS, total)));
                checked++;
            }
            JsonSchema months = schema(Names.MONTH_TOTALS);
            for (var total : harness.latestMonths().values()) {
                problems.addAll(violations(months, Topics.MONTH_TOTALS.valueSerde().serializer()
                        .serialize(Names.MONTH_TOTALS, total)));
                checked++;
            }
            JsonSchema paths = schema(Names.PATH_TOTALS);
            for (var total : harness.latestPaths().values()) {
                problems.addAll(violations(paths, Topics.PATH_TOTALS.valueSerde().serializer()
                        .serialize(Names.PATH_TOTALS, total)));
                checked++;
            }
            assertThat(harness.latestPaths()).as("path totals").isNotEmpty();
            assertThat(harness.latestCampaigns()).as("campaign totals").isNotEmpty();
            assertThat(harness.latestMonths()).as("monthly totals").isNotEmpty();
        }
        assertThat(checked).isGreaterThan(100);
        assertThat(problems).isEmpty();
    }

    /** The guardrails example under a cap of 3: each record on attribution-identity-capped, as it is written. */
    @Test
    void everyCappedRecordMatchesItsSchemaAndOnlyACountDoes() throws IOException {
        JsonSchema schema = schema(Names.IDENTITY_CAPPED);
        List<String> problems = new ArrayList<>();
        try (TopologyHarness harness = new TopologyHarness(Settings.fromArgs(List.of()),
                IdentityOptions.pseudonymised(TestPseudonyms.values()).withMaxClaimants(3))) {
            harness.pipe(FactRecord.read(Golden.input("guardrails")));
            assertThat(harness.latestCapped()).hasSize(2);
            for (Long claimants : harness.latestCapped().values()) {
                problems.addAll(violations(schema, Topics.IDENTITY_CAPPED.valueSerde().serializer()
                        .serialize(Names.IDENTITY_CAPPED, claimants)));
            }
        }
        assertThat(problems).isEmpty();
        assertThat(violations(schema, utf8("{\"claimants\":4}"))).isNotEmpty();
        assertThat(violations(schema, utf8("1"))).isNotEmpty();
    }

    @Test
    void everyAcceptedInputRowAsJsonMatchesItsTopicSchema() throws IOException {
        Path input = Golden.input("revisions");
        FactSet facts = BatchRun.read(input, Settings.fromArgs(List.of()), NormalisationCounters.NONE, null);
        Set<String> rejected = facts.rejects().stream().map(r -> r.file() + "#" + r.id()).collect(Collectors.toSet());
        Map<String, JsonSchema> schemas = Map.of(
                "customers.csv", schema(Names.CUSTOMERS), "interactions.csv", schema(Names.INTERACTIONS),
                "appointments.csv", schema(Names.APPOINTMENTS), "payments.csv", schema(Names.PAYMENTS));
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (FactRecord record : FactRecord.read(input)) {
            if (rejected.contains(record.file().fileName() + "#" + record.key())) {
                continue;
            }
            @SuppressWarnings("unchecked")
            JsonSerde<Object> serde = (JsonSerde<Object>) (JsonSerde<?>) JsonSerde.of(record.value().getClass());
            problems.addAll(violations(schemas.get(record.file().fileName()), serde.toBytes(record.value())));
            checked++;
        }
        assertThat(checked).isGreaterThan(800);
        assertThat(problems).isEmpty();
    }

    @Test
    void theSchemaTellsAnswerRecordsFromPartsAndHoldsEachToItsShape() throws IOException {
        String touchpoint = "{\"interaction_id\":\"I1\",\"type\":\"call\",\"channel\":\"tv\","
                + "\"occurred_at\":\"2025-01-01T00:00:00Z\",\"credit\":0.5,\"revenue\":\"1.00\"}";
        String head = "{\"customer_id\":\"C1\",\"conversion_type\":\"FIRST_PAID\",\"model\":\"linear\",\"version\":3,"
                + "\"settings\":\"0123456789abcdef\",";
        JsonSchema schema = schema(Names.ATTRIBUTION_UPDATES);
        assertThat(violations(schema, utf8(head + "\"part\":1,\"parts\":2,\"touchpoints\":[" + touchpoint + "]}")))
                .isEmpty();
        assertThat(violations(schema, utf8(head + "\"revenue\":\"2.00\",\"parts\":2,\"touchpoint_count\":2,"
                + "\"touchpoints\":[]}"))).isEmpty();
        // a part with the answer's revenue, an answer record with both parts and touchpoints, a part without its number
        assertThat(violations(schema, utf8(head + "\"part\":1,\"parts\":2,\"revenue\":\"2.00\",\"touchpoints\":["
                + touchpoint + "]}"))).isNotEmpty();
        assertThat(violations(schema, utf8(head + "\"revenue\":\"2.00\",\"parts\":2,\"touchpoint_count\":2,"
                + "\"touchpoints\":[" + touchpoint + "]}"))).isNotEmpty();
        assertThat(violations(schema, utf8(head + "\"parts\":2,\"touchpoints\":[" + touchpoint + "]}"))).isNotEmpty();
        // an answer that does not say which settings made it
        assertThat(violations(schema, utf8(head.replace("\"settings\":\"0123456789abcdef\",", "")
                + "\"revenue\":\"2.00\",\"touchpoints\":[" + touchpoint + "]}"))).isNotEmpty();
    }

    private static byte[] utf8(String json) {
        return json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void theErasureRequestSchemaHoldsWhatTheEngineReadsAndNotTheRest() throws IOException {
        JsonSchema schema = schema(Names.ERASURES);
        String pseudonym = "AbCd_-0123456789abcdefghijklmnopqrstuvwxyzZ";
        JsonSerde<ErasureRequest> serde = JsonSerde.of(ErasureRequest.class);
        assertThat(violations(schema, serde.toBytes(new ErasureRequest("C1", List.of("(201) 555-0101"),
                List.of("One@Example.com"), List.of(pseudonym))))).isEmpty();
        assertThat(violations(schema, utf8("{\"phones\":[\"201-555-0101\"]}"))).isEmpty();
        assertThat(violations(schema, utf8("{\"pseudonyms\":[\" " + pseudonym + "\"]}"))).isEmpty();
        // nothing at all, a phone not in a list, a customer id as a number, a raw value given as a pseudonym
        assertThat(violations(schema, utf8("{}"))).isNotEmpty();
        assertThat(violations(schema, utf8("{\"phones\":\"201-555-0101\"}"))).isNotEmpty();
        assertThat(violations(schema, utf8("{\"customer_id\":7}"))).isNotEmpty();
        assertThat(violations(schema, utf8("{\"pseudonyms\":[\"+12015550101\"]}"))).isNotEmpty();
    }

    @Test
    void theSchemasCatchAWrongRecord() throws IOException {
        byte[] wrong = "{\"customer_id\":\"C1\",\"conversion_type\":\"FIRST_KISS\",\"model\":\"linear\",\"version\":0,\"revenue\":\"1.5\",\"touchpoints\":[]}"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(violations(schema(Names.ATTRIBUTION_UPDATES), wrong)).hasSizeGreaterThanOrEqualTo(4);
    }

    /**
     * Each output record writes exactly the properties its schema allows: a field added to the record and
     * not to the schema (or the other way round) fails here, by name, before any client sees it.
     */
    @Test
    void eachOutputRecordWritesExactlyThePropertiesOfItsSchema() throws IOException {
        JsonNode updates = ContractShapes.schema(Names.ATTRIBUTION_UPDATES + ".schema.json");
        JsonNode totals = ContractShapes.schema(Names.CHANNEL_TOTALS + ".schema.json");
        List<String> problems = new ArrayList<>();
        problems.addAll(ContractShapes.differences("AttributionUpdate",
                ContractShapes.writtenNames(AttributionUpdate.class), "attribution-updates.schema.json",
                ContractShapes.schemaProperties(updates, updates)));
        problems.addAll(ContractShapes.differences("AttributionUpdate.Touchpoint",
                ContractShapes.writtenNames(AttributionUpdate.Touchpoint.class),
                "attribution-updates.schema.json $defs/touchpoint",
                ContractShapes.schemaProperties(updates, updates.at("/$defs/touchpoint"))));
        problems.addAll(ContractShapes.differences("ChannelTotalRecord",
                ContractShapes.writtenNames(ChannelTotalRecord.class), "attribution-channel-totals.schema.json",
                ContractShapes.schemaProperties(totals, totals)));
        JsonNode campaigns = ContractShapes.schema(Names.CAMPAIGN_TOTALS + ".schema.json");
        problems.addAll(ContractShapes.differences("CampaignTotalRecord",
                ContractShapes.writtenNames(CampaignTotalRecord.class), "attribution-campaign-totals.schema.json",
                ContractShapes.schemaProperties(campaigns, campaigns)));
        JsonNode months = ContractShapes.schema(Names.MONTH_TOTALS + ".schema.json");
        problems.addAll(ContractShapes.differences("MonthTotalRecord",
                ContractShapes.writtenNames(MonthTotalRecord.class), "attribution-month-totals.schema.json",
                ContractShapes.schemaProperties(months, months)));
        JsonNode paths = ContractShapes.schema(Names.PATH_TOTALS + ".schema.json");
        problems.addAll(ContractShapes.differences("PathTotalRecord",
                ContractShapes.writtenNames(PathTotalRecord.class), "attribution-path-totals.schema.json",
                ContractShapes.schemaProperties(paths, paths)));
        assertThat(problems).as("output records against their schemas").isEmpty();
        assertThat(ContractShapes.writtenNames(ChannelTotalRecord.class)).contains("revenue_cents");
    }

    /** The CSV headers of {@link OutputFiles} are the columns docs/contract.md §7 promises, file by file. */
    @Test
    void theBatchFileHeadersAreTheColumnsOfTheContractTable() throws IOException {
        Map<String, String> table = ContractShapes.batchFilesTable(Path.of("docs", "contract.md"));
        Map<String, List<String>> headers = Map.of(OutputFiles.ATTRIBUTION_FILE, OutputFiles.ATTRIBUTION_HEADER,
                OutputFiles.CHANNELS_FILE, OutputFiles.CHANNELS_HEADER, OutputFiles.CAMPAIGNS_FILE,
                OutputFiles.CAMPAIGNS_HEADER, OutputFiles.MONTHS_FILE, OutputFiles.MONTHS_HEADER,
                OutputFiles.PATHS_FILE, OutputFiles.PATHS_HEADER, OutputFiles.REJECTS_FILE, OutputFiles.REJECTS_HEADER);
        assertThat(table.keySet()).as("files in the Batch files table of docs/contract.md §7")
                .containsExactlyInAnyOrderElementsOf(headers.keySet());
        headers.forEach((file, header) -> assertThat(ContractShapes.baseColumns(table.get(file)))
                .as("%s: docs/contract.md §7 against OutputFiles", file).isEqualTo(header));
        String money = "`" + String.join(",", OutputFiles.MONEY_COLUMNS) + "`";
        assertThat(table.get(OutputFiles.CHANNELS_FILE)).as("channels.csv's optional columns")
                .contains("`" + OutputFiles.REMOVAL_EFFECT + "`", money);
        assertThat(ContractShapes.baseColumns(table.get(OutputFiles.CHANNELS_FILE)))
                .doesNotContain(OutputFiles.REMOVAL_EFFECT).doesNotContainAnyElementsOf(OutputFiles.MONEY_COLUMNS);
        for (String file : List.of(OutputFiles.CAMPAIGNS_FILE, OutputFiles.MONTHS_FILE)) {
            assertThat(table.get(file)).as("%s's optional columns", file).contains("the money columns");
        }
    }
}
