package io.attributionstreams.topology.outputs;

import io.attributionstreams.normalise.RejectedFactException;
import io.attributionstreams.normalise.Text;
import io.attributionstreams.topology.Names;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dead-letter path and the error policy of docs/contract.md §9, as Kafka Streams' own exception
 * handlers (KIP-1033 processing, KIP-210 production, KIP-1034 dead letters). A dead letter goes to
 * {@code attribution-dlq} in the same transaction as the rest of the task's output, with the original
 * key and value bytes, and headers a person can act on: the source topic, partition and offset, the
 * exception and the reason (Kafka's {@code __streams.errors.*} names, plus {@code attribution.reason}).
 * A counter per topic and kind of reason counts them.
 *
 * <p>The policy:
 * <ul>
 *   <li>a fact the normaliser rejects: dead-lettered, processing goes on;</li>
 *   <li>any other exception while processing a record (a bug): dead-lettered with the exception, counted,
 *       logged, and processing goes on: one fact must never stop the engine for good, since on restart it
 *       would meet the same record again;</li>
 *   <li>a record of an internal topic, or a stored value, that cannot be read: the engine stops, loudly,
 *       naming the topic, partition and offset: skipping it would lose state silently;</li>
 *   <li>a record the engine itself cannot serialize for an output topic: dead-lettered (its key, and the
 *       reason), processing goes on; for an internal topic the engine stops;</li>
 *   <li>a send that fails: retried when the error is retriable; otherwise the engine stops loudly. Under
 *       exactly-once a failed send aborts the whole transaction, so no handler could skip just that record:
 *       the engine instead never writes a record over its topic's limit (answers are split, reasons and
 *       events are bounded).</li>
 * </ul>
 *
 * <p>Logs name the topic, partition, offset and kind of reason only: never a value, which may hold a
 * phone or an email. A dead letter's WARN line is written for at most {@value #LINES_PER_MINUTE} a minute
 * ({@link LogBudget}): a hostile producer must not be able to flood the log.
 */
public final class DeadLetters implements DeserializationExceptionHandler, ProcessingExceptionHandler,
        ProductionExceptionHandler {
    public static final String REASON_HEADER = "attribution.reason";
    /** Set when a dead letter's value had to be cut to fit the dead-letter topic: the original length. */
    public static final String TRUNCATED_HEADER = "attribution.value.truncated-from";
    public static final String EXCEPTION_HEADER = "__streams.errors.exception";
    public static final String MESSAGE_HEADER = "__streams.errors.message";
    public static final String TOPIC_HEADER = "__streams.errors.topic";
    public static final String PARTITION_HEADER = "__streams.errors.partition";
    public static final String OFFSET_HEADER = "__streams.errors.offset";
    public static final String METRIC = "attribution.dlq.records";
    /** What the dead-letter topic's {@code max.message.bytes} is set to (topics/attribution-dlq.yaml). */
    public static final int MAX_RECORD_BYTES = 2 * 1024 * 1024;
    /** Room left in a dead letter for its headers and the record's framing. */
    private static final int HEADROOM_BYTES = 16 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);
    /** Lines a minute about dead letters, shared by the app's handlers; the counter and the topic keep every one. */
    static final int LINES_PER_MINUTE = 10;
    private static final LogBudget LINES = new LogBudget(LINES_PER_MINUTE, TimeUnit.MINUTES.toNanos(1),
            System::nanoTime);
    private static final Set<String> INPUTS = Set.copyOf(Names.INPUT_TOPICS);
    private static final Set<String> OUTPUTS = Set.of(Names.ATTRIBUTION_UPDATES, Names.CHANNEL_TOTALS,
            Names.CAMPAIGN_TOTALS, Names.MONTH_TOTALS, Names.PATH_TOTALS, Names.ATTRIBUTION_CREDITS);

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

    /** Input topics are read as raw bytes, so only a record of an internal topic can fail here: lost state. */
    @Override
    public DeserializationExceptionHandler.Response handleError(ErrorHandlerContext context,
            ConsumerRecord<byte[], byte[]> record, Exception exception) {
        String reason = "unreadable record: " + Text.excerpt(String.valueOf(exception.getMessage()));
        List<ProducerRecord<byte[], byte[]>> letters =
                List.of(deadLetter(context, record.key(), record.value(), exception, reason));
        if (INPUTS.contains(context.topic())) {
            return DeserializationExceptionHandler.Response.resume(letters);
        }
        stopping("an unreadable record on internal topic", context, exception);
        return DeserializationExceptionHandler.Response.fail(letters);
    }

    @Override
    public ProcessingExceptionHandler.Response handleError(ErrorHandlerContext context, Record<?, ?> record,
            Exception exception) {
        if (exception instanceof RejectedFactException rejected) {
            return ProcessingExceptionHandler.Response.resume(List.of(deadLetter(context, context.sourceRawKey(),
                    keptValue(context), exception, rejected.reason())));
        }
        String reason = "processing failed: " + describe(exception);
        List<ProducerRecord<byte[], byte[]>> letters = List.of(deadLetter(context, context.sourceRawKey(),
                keptValue(context), exception, reason));
        if (causedBy(exception, SerializationException.class)) {
            stopping("an unreadable stored value or internal record while processing a record of", context,
                    exception);
            return ProcessingExceptionHandler.Response.fail(letters);
        }
        LOG.error("processing failed in {} on {}: {}; the record is dead-lettered and processing goes on",
                context.processorNodeId(), where(context), exception.getClass().getName());
        LOG.debug("processing failure", exception);
        return ProcessingExceptionHandler.Response.resume(letters);
    }

    @Override
    public ProductionExceptionHandler.Response handleSerializationError(ErrorHandlerContext context,
            ProducerRecord record, Exception exception, SerializationExceptionOrigin origin) {
        String reason = "cannot write a record for " + record.topic() + ": " + describe(exception);
        byte[] key = record.key() instanceof String k ? k.getBytes(StandardCharsets.UTF_8) : null;
        List<ProducerRecord<byte[], byte[]>> letters = List.of(deadLetter(context, key, null, exception, reason));
        if (OUTPUTS.contains(record.topic())) {
            LOG.error("cannot serialize a record for {} ({}); dead-lettered, processing goes on", record.topic(),
                    exception.getClass().getName());
            return ProductionExceptionHandler.Response.resume(letters);
        }
        stopping("a record that cannot be serialized for internal topic " + record.topic() + ", from", context,
                exception);
        return ProductionExceptionHandler.Response.fail(letters);
    }

    @Override
    public ProductionExceptionHandler.Response handleError(ErrorHandlerContext context,
            ProducerRecord<byte[], byte[]> record, Exception exception) {
        if (exception instanceof RetriableException) {
            LOG.warn("sending to {} failed ({}); retrying", record.topic(), exception.getClass().getName());
            return ProductionExceptionHandler.Response.retry();
        }
        LOG.error("sending a record of {} bytes to {} failed: {}; stopping, since under exactly-once the whole "
                + "transaction aborts", size(record.key()) + size(record.value()), record.topic(),
                exception.getClass().getName());
        return ProductionExceptionHandler.Response.fail();
    }

    /**
     * The original value a dead letter keeps: none for an erasure request, which names the very values to
     * forget (docs/contract.md §11); its key, the request id, says which one to send again.
     */
    private static byte[] keptValue(ErrorHandlerContext context) {
        return Names.ERASURES.equals(context.topic()) ? null : context.sourceRawValue();
    }

    private void stopping(String what, ErrorHandlerContext context, Exception exception) {
        LOG.error("{} {}: {}; stopping, since skipping it would lose state", what, where(context),
                exception.getClass().getName());
        LOG.debug("failure", exception);
    }

    private ProducerRecord<byte[], byte[]> deadLetter(ErrorHandlerContext context, byte[] key, byte[] value,
            Exception exception, String reason) {
        String kind = RejectReasons.kind(reason);
        long held = LINES.take();
        if (held != LogBudget.HOLD) {
            LOG.warn("record from {} sent to {}: {}{}", where(context), topic, kind, held == 0 ? ""
                    : String.format(Locale.ROOT, " (and %,d more dead letters since the last of these lines, "
                            + "not logged one by one: counted in %s)", held, METRIC));
        }
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
        // only when an operator let an input topic take records larger than the dead-letter topic does
        int room = MAX_RECORD_BYTES - HEADROOM_BYTES - size(key);
        if (value != null && value.length > room) {
            headers.add(TRUNCATED_HEADER, utf8(Integer.toString(value.length)));
            value = Arrays.copyOf(value, Math.max(0, room));
        }
        return new ProducerRecord<>(topic, null, key, value, headers);
    }

    /** The exception's class and, bounded, its message: enough to find the bug, never a whole value. */
    private static String describe(Exception exception) {
        String message = exception.getMessage();
        return exception.getClass().getName() + (message == null ? "" : ": " + Text.excerpt(message));
    }

    private static boolean causedBy(Throwable exception, Class<? extends Throwable> type) {
        for (Throwable t = exception; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String where(ErrorHandlerContext context) {
        return context.topic() == null ? "a punctuation of task " + context.taskId()
                : context.topic() + "-" + context.partition() + " at offset " + context.offset();
    }

    private static int size(byte[] bytes) {
        return bytes == null ? 0 : bytes.length;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
