package io.attributionstreams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.attributionstreams.normalise.RejectedFactException;
import io.attributionstreams.topology.outputs.DeadLetters;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The error policy of docs/contract.md §9, handler by handler: no fact stops the engine; an unreadable
 * internal record or stored value does, since skipping it would lose state.
 */
class DeadLetterPolicyTest {
    private static final String INTERNAL = "attribution-streams-by-customer-repartition";
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final DeadLetters handler = new DeadLetters();

    @BeforeEach
    void configure() {
        handler.configure(Map.of("errors.dead.letter.queue.topic.name", "dlq",
                io.micrometer.core.instrument.MeterRegistry.class.getName(), registry));
    }

    private static ErrorHandlerContext context(String topic, byte[] key, byte[] value) {
        return new ErrorHandlerContext() {
            @Override public String topic() { return topic; }
            @Override public int partition() { return 2; }
            @Override public long offset() { return 41; }
            @Override public Headers headers() { return new RecordHeaders(); }
            @Override public String processorNodeId() { return "attribute"; }
            @Override public TaskId taskId() { return new TaskId(1, 2); }
            @Override public long timestamp() { return 0; }
            @Override public byte[] sourceRawKey() { return key; }
            @Override public byte[] sourceRawValue() { return value; }
        };
    }

    private static String header(ProducerRecord<byte[], byte[]> letter, String name) {
        return new String(letter.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aBugWhileProcessingAFactIsDeadLetteredAndProcessingGoesOn() {
        ProcessingExceptionHandler.Response response = handler.handleError(context(INTERNAL, utf8("C1"), utf8("{}")),
                new Record<>("C1", "x", 0), new ArithmeticException("division by zero"));

        assertThat(response.result()).isEqualTo(ProcessingExceptionHandler.Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).singleElement().satisfies(letter -> {
            assertThat(letter.topic()).isEqualTo("dlq");
            assertThat(letter.key()).isEqualTo(utf8("C1"));
            assertThat(letter.value()).isEqualTo(utf8("{}"));
            assertThat(header(letter, DeadLetters.REASON_HEADER))
                    .isEqualTo("processing failed: java.lang.ArithmeticException: division by zero");
            assertThat(header(letter, DeadLetters.TOPIC_HEADER)).isEqualTo(INTERNAL);
            assertThat(header(letter, DeadLetters.OFFSET_HEADER)).isEqualTo("41");
        });
        assertThat(registry.get(DeadLetters.METRIC).tag("reason", "processing failed").counter().count()).isEqualTo(1);
    }

    @Test
    void aRejectedFactIsDeadLetteredWithItsReason() {
        ProcessingExceptionHandler.Response response = handler.handleError(context("payments", utf8("P1"), utf8("{}")),
                new Record<>("P1", "x", 0), new RejectedFactException("amount out of range"));
        assertThat(response.result()).isEqualTo(ProcessingExceptionHandler.Result.RESUME);
        assertThat(header(response.deadLetterQueueRecords().get(0), DeadLetters.REASON_HEADER))
                .isEqualTo("amount out of range");
    }

    @Test
    void anUnreadableStoredValueStopsTheEngine() {
        ProcessingExceptionHandler.Response response = handler.handleError(context(INTERNAL, null, null),
                new Record<>("C1", "x", 0), new StreamsException(new SerializationException("not a valid touchpoint")));
        assertThat(response.result()).isEqualTo(ProcessingExceptionHandler.Result.FAIL);
    }

    @Test
    void anExceptionInAPunctuationIsCountedAndProcessingGoesOn() {
        ProcessingExceptionHandler.Response response = handler.handleError(context(null, null, null), (Record<?, ?>) null,
                new IllegalStateException("boom"));
        assertThat(response.result()).isEqualTo(ProcessingExceptionHandler.Result.RESUME);
        assertThat(response.deadLetterQueueRecords().get(0).value()).isNull();
    }

    @Test
    void anUnreadableInternalRecordStopsTheEngineButAnInputRecordDoesNot() {
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>(INTERNAL, 2, 41, utf8("C1"), utf8("{bad"));
        assertThat(handler.handleError(context(INTERNAL, utf8("C1"), utf8("{bad")), record,
                new SerializationException("bad")).result()).isEqualTo(DeserializationExceptionHandler.Result.FAIL);
        assertThat(handler.handleError(context("interactions", utf8("I1"), utf8("{bad")), record,
                new SerializationException("bad")).result()).isEqualTo(DeserializationExceptionHandler.Result.RESUME);
    }

    @Test
    void anOutputRecordThatCannotBeSerializedIsDeadLetteredAnInternalOneStops() {
        ProductionExceptionHandler.Response output = handler.handleSerializationError(context("interactions", null, null),
                new ProducerRecord<>("attribution-updates", "C1|FIRST_PAID|linear", new Object()),
                new SerializationException("cannot write"), ProductionExceptionHandler.SerializationExceptionOrigin.VALUE);
        assertThat(output.result()).isEqualTo(ProductionExceptionHandler.Result.RESUME);
        assertThat(output.deadLetterQueueRecords().get(0).key()).isEqualTo(utf8("C1|FIRST_PAID|linear"));

        ProductionExceptionHandler.Response internal = handler.handleSerializationError(
                context("interactions", null, null), new ProducerRecord<>(INTERNAL, "C1", new Object()),
                new SerializationException("cannot write"), ProductionExceptionHandler.SerializationExceptionOrigin.VALUE);
        assertThat(internal.result()).isEqualTo(ProductionExceptionHandler.Result.FAIL);
    }

    @Test
    void aRetriableSendErrorIsRetriedAnyOtherStops() {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>("attribution-updates", utf8("k"), new byte[10]);
        assertThat(handler.handleError(context("interactions", null, null), record, new TimeoutException("slow"))
                .result()).isEqualTo(ProductionExceptionHandler.Result.RETRY);
        assertThat(handler.handleError(context("interactions", null, null), record, new RecordTooLargeException("big"))
                .result()).isEqualTo(ProductionExceptionHandler.Result.FAIL);
    }

    @Test
    void aDeadLetterNeverOutgrowsTheDeadLetterTopic() {
        byte[] huge = new byte[DeadLetters.MAX_RECORD_BYTES + 5];
        Arrays.fill(huge, (byte) 'x');
        ProducerRecord<byte[], byte[]> letter = handler.handleError(context("interactions", utf8("I1"), huge),
                new Record<>("I1", "x", 0), new RejectedFactException("unreadable record: x")).deadLetterQueueRecords()
                .get(0);
        assertThat(letter.value().length).isLessThan(DeadLetters.MAX_RECORD_BYTES - 8 * 1024);
        assertThat(header(letter, DeadLetters.TRUNCATED_HEADER)).isEqualTo(Integer.toString(huge.length));
    }
}
