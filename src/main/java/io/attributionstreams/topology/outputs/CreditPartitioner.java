package io.attributionstreams.topology.outputs;

import io.attributionstreams.contract.CreditRecord;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Partitions {@code attribution-credits} by answer key, so that all the rows of an answer, and their
 * tombstones, are in one partition in the order they were written, where Kafka's default partitioner puts
 * the answer's key (and {@link AnswerPartitioner} the answer on {@code attribution-updates}). A table sink
 * then applies an answer's change row after row, never some rows before others written earlier.
 */
public final class CreditPartitioner implements StreamPartitioner<String, CreditRecord> {
    @Override
    public Optional<Set<Integer>> partitions(String topic, String key, CreditRecord value, int numPartitions) {
        byte[] answerKey = CreditRecord.answerKeyOf(key).getBytes(StandardCharsets.UTF_8);
        return Optional.of(Set.of(Utils.toPositive(Utils.murmur2(answerKey)) % numPartitions));
    }
}
