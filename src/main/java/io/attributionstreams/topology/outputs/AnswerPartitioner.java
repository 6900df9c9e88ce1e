package io.attributionstreams.topology.outputs;

import io.attributionstreams.contract.AttributionUpdate;
import io.attributionstreams.contract.UpdateKey;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Partitions {@code attribution-updates} by answer key, so that an answer's part records land in the
 * partition of the answer record itself: where Kafka's default partitioner puts that key (murmur2 of its
 * UTF-8 bytes), so a client that looks an answer up by its key finds it where it expects.
 */
public final class AnswerPartitioner implements StreamPartitioner<String, AttributionUpdate> {
    @Override
    public Optional<Set<Integer>> partitions(String topic, String key, AttributionUpdate value, int numPartitions) {
        byte[] answerKey = UpdateKey.parse(key).answerKey().getBytes(StandardCharsets.UTF_8);
        return Optional.of(Set.of(Utils.toPositive(Utils.murmur2(answerKey)) % numPartitions));
    }
}
