package io.attributionstreams.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

/**
 * Every topic's end offsets summed over its partitions, at one moment: two of them tell how many records (transaction
 * markers included) each topic took in between. For the bench's step 4, where what the app writes per upsert, internal
 * topics included, is a figure that does not move with this VM's noise as its CPU and latency do.
 */
record TopicOffsets(Map<String, Long> ends) {
    static TopicOffsets of(Admin admin) throws ExecutionException, InterruptedException {
        List<TopicPartition> partitions = new ArrayList<>();
        Map<String, TopicDescription> topics = admin.describeTopics(admin.listTopics().names().get()).allTopicNames()
                .get();
        topics.values().forEach(t -> t.partitions().forEach(p -> partitions.add(new TopicPartition(t.name(),
                p.partition()))));
        Map<String, Long> ends = new HashMap<>();
        admin.listOffsets(partitions.stream().collect(Collectors.toMap(Function.identity(), p -> OffsetSpec.latest())))
                .all().get().forEach((partition, info) -> ends.merge(partition.topic(), info.offset(), Long::sum));
        return new TopicOffsets(Map.copyOf(ends));
    }

    /** The records each topic took since {@code before}, the largest first, topics that took none left out. */
    List<Map.Entry<String, Long>> since(TopicOffsets before) {
        return ends.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.ends().getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .toList();
    }
}
