package io.attributionstreams.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import io.attributionstreams.facts.Appointment;
import io.attributionstreams.facts.Customer;
import io.attributionstreams.facts.Interaction;
import io.attributionstreams.facts.Payment;
import io.attributionstreams.testsupport.FactArbitraries;
import io.attributionstreams.topology.events.Versioned;
import io.attributionstreams.topology.events.VersionedSerde;
import io.attributionstreams.topology.serde.JsonSerde;
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
 * The binary form of the stores that keep a fact's last version: every fact of every kind, and a deletion, reads
 * back equal; the JSON entries an older version left in the stores still read; bad bytes fail with a reason.
 */
class VersionedSerdeTest {

    @Property(tries = 300)
    void customersReadBackEqual(@ForAll("customers") Versioned<Customer> value) {
        roundTrips(VersionedSerde.customers(), new TypeReference<Versioned<Customer>>() { }, value);
    }

    @Property(tries = 300)
    void interactionsReadBackEqual(@ForAll("interactions") Versioned<Interaction> value) {
        roundTrips(VersionedSerde.interactions(), new TypeReference<Versioned<Interaction>>() { }, value);
    }

    @Property(tries = 300)
    void appointmentsReadBackEqual(@ForAll("appointments") Versioned<Appointment> value) {
        roundTrips(VersionedSerde.appointments(), new TypeReference<Versioned<Appointment>>() { }, value);
    }

    @Property(tries = 300)
    void paymentsReadBackEqual(@ForAll("payments") Versioned<Payment> value) {
        roundTrips(VersionedSerde.payments(), new TypeReference<Versioned<Payment>>() { }, value);
    }

    private static <F> void roundTrips(VersionedSerde<F> serde, TypeReference<Versioned<F>> type, Versioned<F> value) {
        assertThat(serde.fromBytes(serde.toBytes(value))).isEqualTo(value);
        JsonSerde<Versioned<F>> json = JsonSerde.of(type);
        assertThat(serde.fromBytes(json.toBytes(value))).as("JSON an older version stored")
                .isEqualTo(json.fromBytes(json.toBytes(value)));
    }

    @Test
    void truncatedPaddedOrForeignBytesFailWithAReason() {
        VersionedSerde<Customer> serde = VersionedSerde.customers();
        byte[] bytes = serde.toBytes(new Versioned<>(new Customer("C1", List.of("+12015550123"), List.of("a@b.co")), 4));
        for (int cut = 1; cut < bytes.length; cut++) {
            byte[] truncated = Arrays.copyOf(bytes, cut);
            assertThatThrownBy(() -> serde.fromBytes(truncated)).as("cut at " + cut)
                    .isInstanceOf(SerializationException.class).hasMessageContaining("versioned customer")
                    .hasMessageNotContaining("+1201");
        }
        assertThatThrownBy(() -> serde.fromBytes(Arrays.copyOf(bytes, bytes.length + 2)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("not a valid binary versioned customer");
        assertThatThrownBy(() -> serde.fromBytes(new byte[] {9})).isInstanceOf(SerializationException.class)
                .hasMessageContaining("format byte 9");
    }

    @Provide
    Arbitrary<Versioned<Customer>> customers() {
        Arbitrary<String> text = FactArbitraries.texts();
        return versioned(Combinators.combine(text, text.list().ofMaxSize(4), text.list().ofMaxSize(2))
                .as(Customer::new));
    }

    @Provide
    Arbitrary<Versioned<Interaction>> interactions() {
        return versioned(FactArbitraries.interactions());
    }

    @Provide
    Arbitrary<Versioned<Appointment>> appointments() {
        return versioned(FactArbitraries.appointments());
    }

    @Provide
    Arbitrary<Versioned<Payment>> payments() {
        return versioned(FactArbitraries.payments());
    }

    private static <F> Arbitrary<Versioned<F>> versioned(Arbitrary<F> facts) {
        return Combinators.combine(facts.injectNull(0.2), Arbitraries.longs()).as(Versioned::new);
    }
}
