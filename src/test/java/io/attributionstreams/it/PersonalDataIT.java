package io.attributionstreams.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.attributionstreams.app.StreamingApp;
import io.attributionstreams.export.Exporter;
import io.attributionstreams.replay.ReplayPlan;
import io.attributionstreams.replay.Replayer;
import io.attributionstreams.testsupport.FactRecord;
import io.attributionstreams.testsupport.PersonalDataScan;
import io.attributionstreams.testsupport.RunningApp;
import io.attributionstreams.topology.Names;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where phones and emails live (docs/contract.md §10, pseudonymised identifiers): after a shuffled
 * replay of generated data with revisions, every topic the app writes (each repartition and changelog
 * topic and each output) is read to its end, aborted records included. None holds a phone or an email
 * of the data in any form: as sent, E.164, national digits, lower-cased. Only the input topics and the
 * dead-letter topic hold raw values, and the scan finds them there (so it is known to find them at all).
 */
class PersonalDataIT extends RealBrokerTest {
    private static final Set<String> RAW_VALUE_TOPICS = Set.of(Names.CUSTOMERS, Names.INTERACTIONS,
            Names.APPOINTMENTS, Names.PAYMENTS, Names.DLQ);

    @Test
    void noTopicTheAppWritesHoldsAPhoneOrAnEmailInAnyForm(@TempDir Path tmp) throws Exception {
        DataSet data = generate(tmp, 500, 5_000, 14, 0.10);
        String bootstrap = kafka.bootstrapServers();
        try (StreamingApp app = RunningApp.start(bootstrap, "pii", tmp.resolve("state"), Map.of())) {
            Replayer.send(bootstrap, ReplayPlan.shuffled(ReplayPlan.inFileOrder(data.input()), 5), 0, null);
            Exporter.awaitQuiet(bootstrap, "pii", Duration.ofSeconds(3), Duration.ofMinutes(8), null);
        }
        assertTopicsEqualBatch(data, tmp);

        PersonalDataScan scan = new PersonalDataScan(FactRecord.read(data.input()), "US");
        assertThat(scan.phones()).isGreaterThan(500);
        assertThat(scan.emails()).isGreaterThan(300);
        Set<String> written = new TreeSet<>();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            for (String topic : admin.listTopics().names().get()) {
                if (!topic.startsWith("__") && !RAW_VALUE_TOPICS.contains(topic)) {
                    written.add(topic);
                }
            }
        }
        // every kind of topic the app owns is there to be read
        assertThat(written).contains(Names.ATTRIBUTION_UPDATES, Names.CHANNEL_TOTALS,
                "pii-" + Names.BY_IDENTIFIER + "-repartition", "pii-" + Names.BY_CUSTOMER + "-repartition",
                "pii-" + Names.CUSTOMER_VERSIONS + "-changelog", "pii-" + Names.INTERACTION_VERSIONS + "-changelog",
                "pii-" + Names.IDENTITY_CLAIMS + "-changelog", "pii-" + Names.IDENTITY_CARRIERS + "-changelog",
                "pii-" + Names.CUSTOMER_TOUCHPOINTS + "-changelog");
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
}
