package io.attributionstreams.topology.outputs;

import io.attributionstreams.normalise.RejectedFactException;
import io.attributionstreams.topology.Names;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dead-letter path, as Kafka Streams' own exception handlers (KIP-1034): a record that cannot
 * be read (bad JSON) or processed (a fact the normaliser rejects) goes to {@code attribution-dlq}
 * with its original key and value bytes, in the same transaction as the rest of the task's output,
 * and processing goes on. Headers carry the source topic, partition and offset and the reason
 * (Kafka's {@code __streams.errors.*} names, plus {@code attribution.reason}); a counter per topic
 * and kind of reason counts them. An exception in a later step is a bug, not bad input: the record
 * still goes to the dead-letter topic, but the application stops rather than lose an internal event.
 *
 * <p>Logs name the topic, partition, offset and kind of reason only: never a value, which may hold
 * a phone or an email.
 */
public final class DeadLetters implements DeserializationExceptionHandler, ProcessingExceptionHandler {
    public static final String REASON_HEADER = "attribution.reason";
    public static final String EXCEPTION_HEADER = "__streams.errors.exception";
    public static final String MESSAGE_HEADER = "__streams.errors.message";
    public static final String TOPIC_HEADER = "__streams.errors.topic";
    public static final String PARTITION_HEADER = "__streams.errors.partition";
    public static final String OFFSET_HEADER = "__streams.errors.offset";
    public static final String METRIC = "attribution.dlq.records";

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);
    private static final Set<String> INPUTS = Set.of(Names.CUSTOMERS, Names.INTERACTIONS, Names.APPOINTMENTS,
            Names.PAYMENTS);

    private String topic = Names.DLQ;
    private MeterRegistry registry = Metrics.globalRegistry;

    @Override
    public void configure(Map<String, ?> configs) {
        Object configured = configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
        if (configured != null && !configured.toString().isBlank()) {
            topic = configured.toString();
        }
        Object meters = configs.get(MeterRegistry.class.getName());
        if (meters instanceof MeterRegistry r) {
            registry = r;
        }
    }

    @Override
    public DeserializationExceptionHandler.Response handleError(ErrorHandlerContext context,
            ConsumerRecord<byte[], byte[]> record, Exception exception) {
        String reason = "unreadable record: " + exception.getMessage();
        return DeserializationExceptionHandler.Response.resume(List.of(deadLetter(context, record.key(), record.value(), exception, reason)));
    }

    @Override
    public ProcessingExceptionHandler.Response handleError(ErrorHandlerContext context, Record<?, ?> record,
            Exception exception) {
        boolean badInput = exception instanceof RejectedFactException && INPUTS.contains(context.topic());
        String reason = exception instanceof RejectedFactException rejected ? rejected.reason()
                : "processing failed: " + exception.getClass().getName();
        List<ProducerRecord<byte[], byte[]>> letters =
                List.of(deadLetter(context, context.sourceRawKey(), context.sourceRawValue(), exception, reason));
        if (badInput) {
            return ProcessingExceptionHandler.Response.resume(letters);
        }
        LOG.error("processing failed in {} on a record from {}-{} at offset {}: {}; stopping so nothing is lost",
                context.processorNodeId(), context.topic(), context.partition(), context.offset(),
                exception.getClass().getName());
        LOG.debug("processing failure", exception);
        return ProcessingExceptionHandler.Response.fail(letters);
    }

    private ProducerRecord<byte[], byte[]> deadLetter(ErrorHandlerContext context, byte[] key, byte[] value,
            Exception exception, String reason) {
        String kind = RejectReasons.kind(reason);
        LOG.warn("record from {}-{} at offset {} sent to {}: {}", context.topic(), context.partition(),
                context.offset(), topic, kind);
        Counter.builder(METRIC).description("records sent to the dead-letter topic")
                .tag("topic", String.valueOf(context.topic())).tag("reason", kind)
                .register(registry).increment();
        Headers headers = new RecordHeaders();
        if (context.headers() != null) {
            context.headers().forEach(headers::add);
        }
        headers.add(EXCEPTION_HEADER, utf8(exception.getClass().getName()));
        headers.add(MESSAGE_HEADER, utf8(reason));
        headers.add(REASON_HEADER, utf8(reason));
        headers.add(TOPIC_HEADER, utf8(String.valueOf(context.topic())));
        headers.add(PARTITION_HEADER, utf8(Integer.toString(context.partition())));
        headers.add(OFFSET_HEADER, utf8(Long.toString(context.offset())));
        return new ProducerRecord<>(topic, null, key, value, headers);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
