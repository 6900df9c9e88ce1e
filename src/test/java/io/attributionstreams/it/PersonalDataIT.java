package io.attributionstreams.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.attributionstreams.app.AppConfig;
import io.attributionstreams.app.RunningEngine;
import io.attributionstreams.attribution.AttributionSettings;
import io.attributionstreams.batch.BatchRun;
import io.attributionstreams.batch.GuardrailSettings;
import io.attributionstreams.export.Exporter;
import io.attributionstreams.facts.Identifiers;
import io.attributionstreams.normalise.Emails;
import io.attributionstreams.normalise.Phones;
import io.attributionstreams.normalise.RawCustomer;
import io.attributionstreams.normalise.RawInteraction;
import io.attributionstreams.privacy.Pseudonyms;
import io.attributionstreams.replay.ReplayPlan;
import io.attributionstreams.replay.Replayer;
import io.attributionstreams.testsupport.Cli;
import io.attributionstreams.testsupport.FactRecord;
import io.attributionstreams.testsupport.PersonalDataScan;
import io.attributionstreams.testsupport.TestPseudonyms;
import io.attributionstreams.topology.Names;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Personal data on a real broker (docs/contract.md §10 and §11, docs/privacy.md), in one app's life:
 * <ol>
 * <li>after a shuffled replay of generated data with revisions, every topic the app writes (each
 * repartition and changelog topic and each output) is read to its end, aborted records included: none
 * holds a phone or an email of the data in any form (as sent, E.164, national digits, lower-cased). The
 * same scan finds them in the input topics, where they are meant to be (so it finds them at all);</li>
 * <li>then five customers are erased by id with the {@code erase} command, which looks their phones and
 * emails up in the running engine, and three lone identifiers are erased by value; the whole history is
 * replayed again, shuffled another way, and exported: it equals {@code batch --erasures} with the same
 * subjects, and no topic's latest value per key names an erased customer or an erased identifier's
 * pseudonym (except the suppression list, which is made of them).</li>
 * </ol>
 */
class PersonalDataIT extends RealBrokerTest {
    private static final Set<String> RAW_VALUE_TOPICS = Set.of(Names.CUSTOMERS, Names.INTERACTIONS,
            Names.APPOINTMENTS, Names.PAYMENTS, Names.DLQ, Names.ERASURES);
    private static final String APP = "pii";

    @Test
    void noTopicHoldsPersonalDataAndAnErasureStaysErasedThroughAReplay(@TempDir Path tmp) throws Exception {
        DataSet data = generate(tmp, 500, 5_000, 14, 0.10);
        String bootstrap = kafka.bootstrapServers();
        List<FactRecord> facts = FactRecord.read(data.input());
        Map<String, String> cli = new LinkedHashMap<>();
        cli.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        cli.put(StreamsConfig.APPLICATION_ID_CONFIG, APP);
        cli.put(StreamsConfig.STATE_DIR_CONFIG, tmp.resolve("state").toString());
        cli.put(AppConfig.HTTP_PORT, "0");
        cli.put(AppConfig.HTTP_ADVERTISED_HOST, "localhost");
        cli.put(AppConfig.PSEUDONYM_KEY_FILE, TestPseudonyms.keyFile().toString());
        try (RunningEngine app = RunningEngine.start(null, Map.of(), cli)) {
            Replayer.send(bootstrap, ReplayPlan.shuffled(ReplayPlan.inFileOrder(data.input()), 5), 0, null);
            Exporter.awaitQuiet(bootstrap, APP, Duration.ofSeconds(3), Duration.ofMinutes(8), null);
            assertTopicsEqualBatch(data, tmp);
            noTopicHoldsAPhoneOrAnEmail(bootstrap, facts);

            Erased erased = erase(facts, app.httpPort(), bootstrap, tmp);
            Replayer.send(bootstrap, ReplayPlan.shuffled(ReplayPlan.inFileOrder(data.input()), 6), 0, null);
            Exporter.awaitQuiet(bootstrap, APP, Duration.ofSeconds(3), Duration.ofMinutes(8), null);

            Path batch = Files.createDirectories(tmp.resolve("batch-erased"));
            BatchRun.run(data.input(), batch, AttributionSettings.defaults(),
                    new GuardrailSettings(null, null, erased.file(), TestPseudonyms.keyFile()).load("US"), null);
            Exporter.Snapshot snapshot = Exporter.read(bootstrap);
            Path stream = Files.createDirectories(tmp.resolve("stream-erased"));
            snapshot.write(stream);
            assertThat(stream.resolve("attribution.csv")).hasSameBinaryContentAs(batch.resolve("attribution.csv"));
            assertThat(stream.resolve("channels.csv")).hasSameBinaryContentAs(batch.resolve("channels.csv"));
            assertThat(snapshot.updates().keySet()).noneMatch(key -> erased.customers().contains(key.split("\\|")[0]));

            noLatestValueNamesAnErasedSubject(bootstrap, erased);
            noTopicHoldsAPhoneOrAnEmail(bootstrap, facts);
        }
    }

    private static void noTopicHoldsAPhoneOrAnEmail(String bootstrap, List<FactRecord> facts) throws Exception {
        PersonalDataScan scan = new PersonalDataScan(facts, "US");
        assertThat(scan.phones()).isGreaterThan(500);
        assertThat(scan.emails()).isGreaterThan(300);
        Set<String> written = appTopics(bootstrap);
        // every kind of topic the app owns is there to be read
        assertThat(written).contains(Names.ATTRIBUTION_UPDATES, Names.CHANNEL_TOTALS,
                APP + "-" + Names.BY_IDENTIFIER + "-repartition", APP + "-" + Names.BY_CUSTOMER + "-repartition",
                APP + "-" + Names.CUSTOMER_VERSIONS + "-changelog", APP + "-" + Names.INTERACTION_VERSIONS + "-changelog",
                APP + "-" + Names.IDENTITY_CLAIMS + "-changelog", APP + "-" + Names.IDENTITY_CARRIERS + "-changelog",
                APP + "-" + Names.CUSTOMER_TOUCHPOINTS + "-changelog");
        List<PersonalDataScan.Finding> findings = new ArrayList<>();
        for (String topic : written) {
            findings.add(scan.scan(bootstrap, topic));
        }
        long records = findings.stream().mapToLong(PersonalDataScan.Finding::records).sum();
        assertThat(records).as("records read from the app's topics").isGreaterThan(20_000);
        assertThat(PersonalDataScan.leaksByTopic(findings)).as("personal data in the app's topics").isEmpty();

        // the control: the same scan finds the raw values where they are meant to be
        assertThat(scan.scan(bootstrap, Names.CUSTOMERS).leaks()).isNotEmpty();
        assertThat(scan.scan(bootstrap, Names.INTERACTIONS).leaks()).isNotEmpty();
    }

    private static Set<String> appTopics(String bootstrap) throws Exception {
        Set<String> written = new TreeSet<>();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            for (String topic : admin.listTopics().names().get()) {
                if (!topic.startsWith("__") && !RAW_VALUE_TOPICS.contains(topic)) {
                    written.add(topic);
                }
            }
        }
        return written;
    }

    /** Who was erased: customer ids, the pseudonyms of every erased phone and email, and the batch file. */
    private record Erased(Set<String> customers, Set<String> pseudonyms, Path file) {
    }

    /**
     * Erases five customers with phones and emails (by id; {@code erase} looks their identifiers up in the
     * engine) and three phones of interactions that no erased customer has (by value), writing the same
     * subjects, with values, as the batch engine's erasure file.
     */
    private static Erased erase(List<FactRecord> facts, int httpPort, String bootstrap, Path tmp) throws Exception {
        Phones phones = new Phones("US");
        Pseudonyms pseudonyms = Pseudonyms.withKey(TestPseudonyms.KEY.getBytes(StandardCharsets.UTF_8));
        Map<String, RawCustomer> last = new LinkedHashMap<>();
        facts.stream().filter(f -> f.value() instanceof RawCustomer).forEach(f -> last.put(f.key(), (RawCustomer) f.value()));
        List<RawCustomer> chosen = last.values().stream()
                .filter(c -> c.phones().stream().filter(p -> phones.normalise(p) != null).count() >= 2
                        && c.emails().stream().anyMatch(e -> Emails.normalise(e) != null))
                .limit(5).toList();
        assertThat(chosen).hasSize(5);
        StringBuilder csv = new StringBuilder("customer_id,phone,email\n");
        Set<String> customers = new TreeSet<>();
        Set<String> erasedPseudonyms = new TreeSet<>();
        for (RawCustomer customer : chosen) {
            Cli.Run run = Cli.run("erase", "--bootstrap-servers", bootstrap, "--customer-id", customer.customerId(),
                    "--engine", "http://localhost:" + httpPort);
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.err()).contains("customer " + customer.customerId())
                    .doesNotContain(customer.phones().get(0));
            customers.add(customer.customerId());
            csv.append(customer.customerId()).append(",,\n");
            for (String phone : customer.phones()) {
                String e164 = phones.normalise(phone);
                if (e164 != null) {
                    csv.append(",\"").append(e164).append("\",\n");
                    erasedPseudonyms.add(pseudonyms.of(Identifiers.phone(e164)));
                }
            }
            for (String email : customer.emails()) {
                String normalised = Emails.normalise(email);
                if (normalised != null) {
                    csv.append(",,\"").append(normalised).append("\"\n");
                    erasedPseudonyms.add(pseudonyms.of(Identifiers.email(normalised)));
                }
            }
        }
        List<String> lonePhones = facts.stream().filter(f -> f.value() instanceof RawInteraction)
                .map(f -> ((RawInteraction) f.value()).phone())
                .filter(p -> p != null && phones.normalise(p) != null)
                .filter(p -> !erasedPseudonyms.contains(pseudonyms.of(Identifiers.phone(phones.normalise(p)))))
                .distinct().limit(3).toList();
        assertThat(lonePhones).hasSize(3);
        for (String phone : lonePhones) {
            Cli.Run run = Cli.run("erase", "--bootstrap-servers", bootstrap, "--phone", phone, "--no-lookup");
            assertThat(run.exitCode()).as(run.err()).isZero();
            csv.append(",\"").append(phones.normalise(phone)).append("\",\n");
            erasedPseudonyms.add(pseudonyms.of(Identifiers.phone(phones.normalise(phone))));
        }
        Path file = Files.writeString(tmp.resolve("erasures.csv"), csv);
        return new Erased(customers, erasedPseudonyms, file);
    }

    /**
     * Reads every topic the app writes to its end (read_committed) and keeps the latest value per key: none
     * may name an erased customer (as a whole id) or an erased identifier's pseudonym, in its key or value,
     * unless it is a tombstone. The suppression list is exempt: it is made of those pseudonyms. A repartition
     * topic is no table but events in flight, the erasure's own retractions among them: Kafka Streams deletes
     * them once processed and committed (every {@code repartition.purge.interval.ms}, 30 s), so for those the
     * check is that they are gone within two minutes.
     */
    private static void noLatestValueNamesAnErasedSubject(String bootstrap, Erased erased) throws Exception {
        List<Pattern> subjects = new ArrayList<>();
        erased.customers().forEach(c -> subjects.add(Pattern.compile("(?<![A-Za-z0-9])" + Pattern.quote(c)
                + "(?![A-Za-z0-9])")));
        erased.pseudonyms().forEach(p -> subjects.add(Pattern.compile(Pattern.quote(p))));
        List<String> repartitions = new ArrayList<>();
        List<String> found = new ArrayList<>();
        int topics = 0;
        for (String topic : appTopics(bootstrap)) {
            if (topic.endsWith("-suppressions")) {
                // the control: the list of erased subjects is made of the very pseudonyms looked for
                String keys = String.join("\n", PersonalDataScan.latestPerKey(bootstrap, topic).keySet());
                assertThat(erased.pseudonyms()).allMatch(keys::contains);
                continue;
            }
            topics++;
            if (topic.endsWith("-repartition")) {
                repartitions.add(topic);
            } else {
                found.addAll(naming(bootstrap, topic, subjects));
            }
        }
        assertThat(topics).isGreaterThan(10);
        assertThat(repartitions).hasSizeGreaterThanOrEqualTo(3);
        assertThat(found).isEmpty();
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(5)).untilAsserted(() -> {
            List<String> inFlight = new ArrayList<>();
            for (String topic : repartitions) {
                inFlight.addAll(naming(bootstrap, topic, subjects));
            }
            assertThat(inFlight).isEmpty();
        });
    }

    /** A line per latest value of {@code topic} (by key, tombstones aside) that names one of {@code subjects}. */
    private static List<String> naming(String bootstrap, String topic, List<Pattern> subjects) {
        List<String> found = new ArrayList<>();
        for (Map.Entry<String, String> latest : PersonalDataScan.latestPerKey(bootstrap, topic).entrySet()) {
            if (latest.getValue() == null) {
                continue;
            }
            String text = latest.getKey() + "\n" + latest.getValue();
            if (subjects.stream().anyMatch(subject -> subject.matcher(text).find())) {
                found.add(topic + ": a latest value names an erased subject");
            }
        }
        return found;
    }
}
