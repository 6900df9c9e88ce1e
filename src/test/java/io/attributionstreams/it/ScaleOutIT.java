package io.attributionstreams.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.attributionstreams.batch.CsvRow;
import io.attributionstreams.export.Exporter;
import io.attributionstreams.replay.ReplayPlan;
import io.attributionstreams.replay.Replayer;
import io.attributionstreams.bench.AppProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.MemberDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scale out: two app processes share the work of 6 input partitions (both hold assignments of the
 * application's group while records flow); killing one with SIGKILL mid-run leaves the other to
 * take over its tasks and finish with the same exact answer.
 */
class ScaleOutIT extends RealBrokerTest {
    private static final String APP = "scale";

    @Test
    void twoInstancesShareTheWorkAndOneFinishesAloneAfterTheOtherIsKilled(@TempDir Path tmp) throws Exception {
        DataSet data = generate(tmp, 1_000, 8_000, 2718, 0.05);
        List<CsvRow> rows = ReplayPlan.shuffled(ReplayPlan.inFileOrder(data.input()), 8);
        // a killed instance's members leave the group when their session times out: after 10 s (Kafka's default
        // until 3.0) rather than 45 s, so the survivor takes over sooner; what it then does is the same
        String[] session = {"--set", "session.timeout.ms=10000"};
        AppProcess one = AppProcess.start(kafka.bootstrapServers(), APP, tmp.resolve("state-1"), tmp.resolve("one.log"),
                session);
        AppProcess two = AppProcess.start(kafka.bootstrapServers(), APP, tmp.resolve("state-2"), tmp.resolve("two.log"),
                session);
        try (AppProcess survivor = two) {
            CompletableFuture<Replayer.Totals> replay = CompletableFuture.supplyAsync(
                    () -> Replayer.send(kafka.bootstrapServers(), rows, 800, null));

            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                    .ignoreExceptionsInstanceOf(java.util.concurrent.ExecutionException.class) // no group yet
                    .until(() -> instancesWithPartitions() == 2);
            one.kill();
            replay.join();
            Exporter.awaitQuiet(kafka.bootstrapServers(), APP, Duration.ofSeconds(3), Duration.ofMinutes(6), null);
            assertThat(instancesWithPartitions()).isEqualTo(1);
        }

        assertTopicsEqualBatch(data, tmp);
    }

    /**
     * App instances (processes) of which some member of the application's consumer group holds a
     * partition: each stream thread is a member, its client id the instance's plus {@code -StreamThread-N-consumer}.
     */
    private static long instancesWithPartitions() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            Collection<MemberDescription> members = admin.describeConsumerGroups(List.of(APP)).all().get()
                    .get(APP).members();
            return members.stream().filter(m -> !m.assignment().topicPartitions().isEmpty())
                    .map(m -> m.clientId().replaceFirst("-StreamThread-\\d+-consumer$", ""))
                    .distinct().count();
        }
    }
}
