package io.attributionstreams.cli;

import io.attributionstreams.broker.BrokerCheck;
import io.attributionstreams.broker.KafkaClients;
import io.attributionstreams.broker.TopicCreator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code topics}: creates the topics of topics/ that the cluster lacks, then exits. */
@Command(name = "topics", mixinStandardHelpOptions = true,
        description = "Create every topic of topics/ (packaged in the jar) that the cluster lacks, then exit.")
public final class TopicsCommand implements Callable<Integer> {

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--partitions", defaultValue = "0", description = "Override the files' partitions (0: as written).")
    int partitions;

    @Option(names = "--replication-factor", defaultValue = "0",
            description = "Override the files' replication (0: as written, capped at the broker count).")
    int replicationFactor;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        KafkaClients clients = connection.clients();
        BrokerCheck.require(clients);
        List<String> created = TopicCreator.createMissing(clients, partitions, replicationFactor);
        spec.commandLine().getOut().println(created.isEmpty() ? "topics: all present"
                : "topics: created " + String.join(", ", created));
        return 0;
    }
}
