package io.attributionstreams.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.attributionstreams.facts.Appointment;
import io.attributionstreams.facts.Interaction;
import io.attributionstreams.facts.InteractionType;
import io.attributionstreams.facts.Payment;
import io.attributionstreams.testsupport.FactArbitraries;
import io.attributionstreams.topology.events.GraphEvent;
import io.attributionstreams.topology.events.GraphEventSerde;
import io.attributionstreams.topology.serde.JsonSerde;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/**
 * The binary form of the identity graph's events: every event of every kind reads back equal, the JSON an older
 * version left in the topics still reads, and bad bytes fail with a reason (never the value).
 */
class GraphEventSerdeTest {
    private static final JsonSerde<GraphEvent> JSON = JsonSerde.of(GraphEvent.class);
    private static final GraphEventSerde SERDE = new GraphEventSerde();
    private static final Interaction CALL = new Interaction("I1", InteractionType.CALL,
            Instant.parse("2024-03-01T10:15:30.5Z"), "tv", "spring", "+12015550123", null, null);

    @Property(tries = 1000)
    void everyEventReadsBackEqualAndSoDoesItsJson(@ForAll("events") GraphEvent event) {
        assertThat(SERDE.fromBytes(SERDE.toBytes(event))).isEqualTo(event);
        assertThat(SERDE.fromBytes(JSON.toBytes(event))).as("JSON of an older version")
                .isEqualTo(JSON.fromBytes(JSON.toBytes(event)));
    }

    @Test
    void eachFactoryEventReadsBackEqualAndIsSmallerThanItsJson() {
        List<GraphEvent> events = List.of(GraphEvent.claim("C1", true, 3), GraphEvent.claim("C1", false, 4),
                GraphEvent.attach(CALL, 2), GraphEvent.detach("I1", 5), GraphEvent.status("C1", true, 1),
                GraphEvent.status("C1", false, 2),
                GraphEvent.link("C1", "tel:+12015550123", List.of(GraphEvent.Link.to(CALL, 2),
                        GraphEvent.Link.away("I2", 7))),
                GraphEvent.unlink("C1", "tel:+12015550123", List.of()), GraphEvent.capped("p1", 10_001),
                GraphEvent.capped("p1", 0),
                GraphEvent.appointment("C1", "A1", new Appointment("A1", "C1", Instant.EPOCH, null), 1),
                GraphEvent.appointment("C1", "A1", null, 2),
                GraphEvent.payment("C1", "P1", new Payment("P1", "C1", Instant.EPOCH, -1_999), 1),
                GraphEvent.payment("C1", "P1", null, 2));
        for (GraphEvent event : events) {
            byte[] bytes = SERDE.toBytes(event);
            assertThat(SERDE.fromBytes(bytes)).isEqualTo(event);
            assertThat(bytes.length).as(event.kind() + " smaller than JSON").isLessThan(JSON.toBytes(event).length);
        }
    }

    @Test
    void truncatedPaddedOrForeignBytesFailWithAReason() {
        byte[] bytes = SERDE.toBytes(GraphEvent.link("C1", "tel:+12015550123",
                List.of(GraphEvent.Link.to(CALL, 2))));
        for (int cut = 1; cut < bytes.length; cut++) {
            byte[] truncated = Arrays.copyOf(bytes, cut);
            assertThatThrownBy(() -> SERDE.fromBytes(truncated)).as("cut at " + cut)
                    .isInstanceOf(SerializationException.class).hasMessageContaining("graph event")
                    .hasMessageNotContaining("+1201");
        }
        assertThatThrownBy(() -> SERDE.fromBytes(Arrays.copyOf(bytes, bytes.length + 1)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("not a valid binary graph event");
        assertThatThrownBy(() -> SERDE.fromBytes(new byte[] {7, 0}))
                .isInstanceOf(SerializationException.class).hasMessageContaining("format byte 7");
        assertThatThrownBy(() -> SERDE.fromBytes(new byte[0])).isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> SERDE.fromBytes("{\"kind\":\"NOPE\"}".getBytes()))
                .isInstanceOf(SerializationException.class).hasMessageContaining("GraphEvent");
    }

    @Provide
    Arbitrary<GraphEvent> events() {
        Arbitrary<String> optional = FactArbitraries.optionalTexts();
        Arbitrary<Interaction> interactions = FactArbitraries.interactions();
        Arbitrary<GraphEvent.Link> links = Combinators.combine(FactArbitraries.texts(), Arbitraries.longs(),
                interactions.injectNull(0.3)).as(GraphEvent.Link::new);
        Arbitrary<Appointment> appointments = FactArbitraries.appointments();
        Arbitrary<Payment> payments = FactArbitraries.payments();
        Arbitrary<List<GraphEvent.Link>> linkLists = links.list().ofMaxSize(4).map(List::copyOf).injectNull(0.4);
        return Combinators.combine(Arbitraries.of(GraphEvent.Kind.class), optional, optional, optional,
                Arbitraries.longs(), Arbitraries.of(true, false).injectNull(0.4), interactions.injectNull(0.5),
                linkLists).flatAs((kind, customer, fact, via, revision, exists, interaction, linkList) ->
                        Combinators.combine(appointments.injectNull(0.6), payments.injectNull(0.6),
                                Arbitraries.longs().injectNull(0.6)).as((appointment, payment, claimants) ->
                                new GraphEvent(kind, customer, fact, via, revision, exists, interaction, linkList,
                                        appointment, payment, claimants)));
    }
}
