package io.attributionstreams.topology;

import io.attributionstreams.topology.outputs.DeadLetters;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The Kafka Streams defaults of the application: exactly-once v2, every internal resource named
 * explicitly, the dead-letter handlers. Later layers (file, environment, command line) override.
 */
public final class StreamsSettings {
    public static final String DEFAULT_APPLICATION_ID = "attribution-streams";
    /** Kafka Streams' record cache, on the heap, shared by the stream threads of the process. */
    public static final long RECORD_CACHE_BYTES = 100L << 20;

    private StreamsSettings() {
    }

    public static Properties defaults() {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, DEFAULT_APPLICATION_ID);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetters.class.getName());
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetters.class.getName());
        p.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetters.class.getName());
        p.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, Names.DLQ);
        // there are no global stores; opting in now keeps behaviour unchanged when 5.0 makes it the default
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        // every hop becomes visible downstream only at a commit: 50 ms took the latency p99 at 1,000 facts/s from
        // about 410 ms to about 260 ms (bench stream) at no throughput cost measurable on this machine
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 50);
        // the four input topics meet in one task; waiting to fetch each of them to process in timestamp
        // order (the default, 0) starved that task for minutes behind the repartition backlog at 1M facts,
        // and the order buys nothing: every event carries its fact's revision, so any order converges
        p.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, -1L);
        // the documented machine has two cores: with one thread the customer step saturated one of them and
        // fell behind on payment upserts at 1M facts (p99 1,921 ms); two threads: 287 ms, and 25% faster
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 2);
        p.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class.getName());
        // the record cache folds a commit's writes to one key into one store write and changelog record: with 100 MB
        // rather than Kafka's 10 MB the 1M bench took 11% less CPU per fact (261.5 against 292.4 and 301.3 ms per
        // 1,000 facts) and converged in 228.5 s against 261.6 and 269.4 s. Most of that was the pending channel
        // sums, which a write-behind store has folded since (ChannelDeltas); the cache still folds the pending
        // recomputes and fan-outs, and whether 100 MB still pays for its heap has not been measured again
        p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, RECORD_CACHE_BYTES);
        // the limit on uncommitted bytes of transactional state stores, which the topology does not use (each of its
        // stores reports 0): checking it anyway summed every store of every task on each loop of the stream threads,
        // 1 to 3% of their time in a flight recording of bench stream at full size
        p.put(StreamsConfig.STATESTORE_UNCOMMITTED_MAX_BYTES_CONFIG, -1L);
        p.put(StreamsConfig.producerPrefix(ProducerConfig.ACKS_CONFIG), "all");
        p.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
        // a dead letter keeps a bad record's original value, which may be as large as its input topic allows
        // (1 MiB by default): the dead-letter topic takes twice that, and so must the producer
        p.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), DeadLetters.MAX_RECORD_BYTES);
        return p;
    }
}
