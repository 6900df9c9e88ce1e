package io.attributionstreams.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.attributionstreams.app.AppConfig;
import io.attributionstreams.app.StreamingApp;
import io.attributionstreams.attribution.AttributionSettings;
import io.attributionstreams.batch.BatchRun;
import io.attributionstreams.batch.GuardrailSettings;
import io.attributionstreams.export.Exporter;
import io.attributionstreams.export.TopicReader;
import io.attributionstreams.facts.Identifiers;
import io.attributionstreams.normalise.Emails;
import io.attributionstreams.normalise.Phones;
import io.attributionstreams.normalise.RawCustomer;
import io.attributionstreams.privacy.Pseudonyms;
import io.attributionstreams.replay.ReplayPlan;
import io.attributionstreams.replay.Replayer;
import io.attributionstreams.testsupport.Cli;
import io.attributionstreams.testsupport.FactRecord;
import io.attributionstreams.testsupport.RunningApp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rotating the pseudonym key as docs/operations.md says: stop, reset the application (its consumer
 * group and every internal topic, the suppressions included, as {@code kafka-streams-application-reset}
 * does), delete the state folder, start with the new key. The answers are the same as before and as
 * batch's (with the erasure, which the requests topic brings back under the new key), and no topic of the
 * application holds a pseudonym made with the old key, while the new key's are there.
 */
class KeyRotationIT extends RealBrokerTest {
    private static final String APP = "rotation";
    private static final String OLD_KEY = "the old key of the rotation test, 32+ characters";
    private static final String NEW_KEY = "the new key of the rotation test, 32+ characters";

    @Test
    void afterARotationTheAnswersAreTheSameAndNoTopicHoldsAnOldPseudonym(@TempDir Path tmp) throws Exception {
        DataSet data = generate(tmp, 300, 3_000, 21, 0.05);
        String bootstrap = kafka.bootstrapServers();
        List<FactRecord> facts = FactRecord.read(data.input());
        RawCustomer erased = facts.stream().map(FactRecord::value).filter(v -> v instanceof RawCustomer)
                .map(v -> (RawCustomer) v).filter(c -> !c.phones().isEmpty() && new Phones("US")
                        .normalise(c.phones().get(0)) != null).findFirst().orElseThrow();
        String phone = new Phones("US").normalise(erased.phones().get(0));
        Path erasures = Files.writeString(tmp.resolve("erasures.csv"),
                "customer_id,phone,email\n" + erased.customerId() + ",\"" + phone + "\",\n");
        Path batch = Files.createDirectories(tmp.resolve("batch-erased"));
        BatchRun.run(data.input(), batch, AttributionSettings.defaults(),
                new GuardrailSettings(null, null, erasures, null).load("US"), null);

        Path oldKey = Files.writeString(tmp.resolve("old.key"), OLD_KEY);
        try (StreamingApp app = start(tmp.resolve("state"), oldKey)) {
            Replayer.send(bootstrap, ReplayPlan.shuffled(ReplayPlan.inFileOrder(data.input()), 3), 0, null);
            Cli.Run erase = Cli.run("erase", "--bootstrap-servers", bootstrap, "--customer-id", erased.customerId(),
                    "--phone", phone, "--no-lookup");
            assertThat(erase.exitCode()).as(erase.err()).isZero();
            Exporter.awaitQuiet(bootstrap, APP, Duration.ofSeconds(3), Duration.ofMinutes(6), null);
        }
        assertExportEquals(batch, tmp.resolve("before"));
        assertThat(pseudonymsIn(bootstrap, facts, OLD_KEY)).as("old pseudonyms before the rotation").isPositive();

        // the rotation: reset (the group and every internal topic), a fresh state folder, the new key
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.deleteConsumerGroups(List.of(APP)).all().get(30, TimeUnit.SECONDS);
            Set<String> internal = new HashSet<>();
            for (String topic : admin.listTopics().names().get()) {
                if (topic.startsWith(APP + "-")) {
                    internal.add(topic);
                }
            }
            assertThat(internal).contains(APP + "-suppressions");
            admin.deleteTopics(internal).all().get(30, TimeUnit.SECONDS);
            // a deletion completes after its call returns: start only once the topics are gone, as after the reset tool
            await().atMost(Duration.ofSeconds(60)).until(() -> admin.listTopics().names().get().stream()
                    .noneMatch(internal::contains));
        }
        Path newKey = Files.writeString(tmp.resolve("new.key"), NEW_KEY);
        try (StreamingApp app = start(tmp.resolve("state-after"), newKey)) {
            Exporter.awaitQuiet(bootstrap, APP, Duration.ofSeconds(3), Duration.ofMinutes(6), null);
            assertExportEquals(batch, tmp.resolve("after"));
            assertThat(pseudonymsIn(bootstrap, facts, OLD_KEY)).as("old pseudonyms after the rotation").isZero();
            assertThat(pseudonymsIn(bootstrap, facts, NEW_KEY)).as("new pseudonyms after the rotation").isPositive();
        }
    }

    private StreamingApp start(Path state, Path keyFile) {
        return RunningApp.start(kafka.bootstrapServers(), APP, state, Map.of(AppConfig.HTTP_PORT, "0",
                AppConfig.PSEUDONYM_KEY_FILE, keyFile.toString()));
    }

    private static void assertExportEquals(Path batch, Path dir) throws Exception {
        Exporter.Snapshot snapshot = Exporter.read(kafka.bootstrapServers());
        Path stream = Files.createDirectories(dir);
        snapshot.write(stream);
        assertThat(stream.resolve("attribution.csv")).hasSameBinaryContentAs(batch.resolve("attribution.csv"));
        assertThat(stream.resolve("channels.csv")).hasSameBinaryContentAs(batch.resolve("channels.csv"));
    }

    /** Records of the application's own topics that hold the pseudonym, under {@code key}, of a phone or email of the data. */
    private static long pseudonymsIn(String bootstrap, List<FactRecord> facts, String key) throws Exception {
        Pseudonyms pseudonyms = Pseudonyms.withKey(key.getBytes(StandardCharsets.UTF_8));
        Phones phones = new Phones("US");
        Set<String> wanted = new HashSet<>();
        for (FactRecord fact : facts) {
            if (fact.value() instanceof RawCustomer c) {
                c.phones().stream().map(phones::normalise).filter(p -> p != null)
                        .forEach(p -> wanted.add(pseudonyms.of(Identifiers.phone(p))));
                c.emails().stream().map(Emails::normalise).filter(e -> e != null)
                        .forEach(e -> wanted.add(pseudonyms.of(Identifiers.email(e))));
            }
        }
        long[] found = {0};
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            for (String topic : admin.listTopics().names().get()) {
                if (!topic.startsWith(APP + "-")) {
                    continue;
                }
                TopicReader.forEach(bootstrap, topic, record -> {
                    String text = (record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8))
                            + (record.value() == null ? "" : new String(record.value(), StandardCharsets.UTF_8));
                    // a pseudonym is 43 characters of base64url between characters that are not
                    for (String token : text.split("[^A-Za-z0-9_-]+")) {
                        if (token.length() == 43 && wanted.contains(token)) {
                            found[0]++;
                            return;
                        }
                    }
                });
            }
        }
        return found[0];
    }
}
