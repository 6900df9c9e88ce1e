package io.attributionstreams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.attributionstreams.attribution.AttributionSettings;
import io.attributionstreams.batch.BatchRun;
import io.attributionstreams.batch.FactFile;
import io.attributionstreams.credit.CreditModels;
import io.attributionstreams.generate.DataGenerator;
import io.attributionstreams.generate.GeneratorSpec;
import io.attributionstreams.normalise.RawAppointment;
import io.attributionstreams.normalise.RawCustomer;
import io.attributionstreams.normalise.RawInteraction;
import io.attributionstreams.normalise.RawPayment;
import io.attributionstreams.testsupport.FactRecord;
import io.attributionstreams.testsupport.FinalFacts;
import io.attributionstreams.testsupport.TopologyHarness;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/**
 * docs/contract.md §8 with updates: generated facts (with upserts), then random corrections that
 * a live system sees (a customer changes or drops a phone, an interaction's channel is corrected
 * or it moves to another customer, a customer is deleted and maybe comes back, a refund arrives,
 * an appointment gains attendance), all interleaved at random across the four topics. The latest
 * record per key equals the batch engine on the final facts, for every model.
 */
class UpdatesConvergenceTest {
    private static final AttributionSettings EVERY_MODEL = AttributionSettings.defaults()
            .withModels(CreditModels.named(CreditModels.names()))
            .withLookback(Duration.ofDays(40))
            .withHalfLife(Duration.ofDays(5));

    @Property(tries = 12)
    void convergesToBatchOnFinalFacts(@ForAll @LongRange(min = 1, max = 1_000_000) long seed) throws IOException {
        Path tmp = Files.createTempDirectory("updates");
        try {
            Path generated = Files.createDirectories(tmp.resolve("generated"));
            new DataGenerator(new GeneratorSpec(30, 250, seed, 0.15, ZoneOffset.UTC)).writeTo(generated);
            List<FactRecord> initial = FactRecord.read(generated);
            Random random = new Random(seed);
            List<FactRecord> all = new ArrayList<>(initial);
            all.addAll(corrections(initial, random));
            List<FactRecord> sent = FactRecord.shuffled(all, random);

            Path finalFacts = Files.createDirectories(tmp.resolve("final"));
            FinalFacts.write(sent, finalFacts);
            Path batch = Files.createDirectories(tmp.resolve("batch"));
            BatchRun.run(finalFacts, batch, EVERY_MODEL, null);

            Path stream = Files.createDirectories(tmp.resolve("stream"));
            try (TopologyHarness harness = new TopologyHarness(EVERY_MODEL)) {
                harness.pipe(sent);
                harness.exportTo(stream);
                assertThat(harness.versionViolations()).isEmpty();
            }
            assertThat(Files.readString(stream.resolve("attribution.csv")))
                    .isEqualTo(Files.readString(batch.resolve("attribution.csv")));
            assertThat(Files.readString(stream.resolve("channels.csv")))
                    .isEqualTo(Files.readString(batch.resolve("channels.csv")));
        } finally {
            deleteTree(tmp);
        }
    }

    /** Corrections appended after the initial facts (the shuffle keeps each key's order). */
    static List<FactRecord> corrections(List<FactRecord> initial, Random random) {
        List<FactRecord> customers = of(initial, FactFile.CUSTOMERS);
        List<FactRecord> interactions = of(initial, FactFile.INTERACTIONS);
        List<FactRecord> appointments = of(initial, FactFile.APPOINTMENTS);
        List<FactRecord> payments = of(initial, FactFile.PAYMENTS);
        List<FactRecord> out = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            switch (random.nextInt(8)) {
                case 0 -> { // a customer changes a phone to one an interaction carries
                    RawCustomer c = (RawCustomer) pick(customers, random).value();
                    RawInteraction carrier = (RawInteraction) pick(interactions, random).value();
                    List<String> phones = new ArrayList<>(c.phones() == null ? List.of() : c.phones());
                    if (phones.isEmpty()) {
                        phones.add(carrier.phone() == null ? "212-555-0100" : carrier.phone());
                    } else {
                        phones.set(0, carrier.phone() == null ? "212-555-0100" : carrier.phone());
                    }
                    out.add(new FactRecord(FactFile.CUSTOMERS, c.customerId(),
                            new RawCustomer(c.customerId(), phones, c.emails())));
                }
                case 1 -> { // a customer drops all phones
                    RawCustomer c = (RawCustomer) pick(customers, random).value();
                    out.add(new FactRecord(FactFile.CUSTOMERS, c.customerId(),
                            new RawCustomer(c.customerId(), List.of(), c.emails())));
                }
                case 2 -> { // a customer is deleted, and sometimes comes back, maybe with another phone
                    FactRecord c = pick(customers, random);
                    out.add(FactRecord.tombstone(FactFile.CUSTOMERS, c.key()));
                    if (random.nextBoolean()) {
                        out.add(c);
                    } else if (random.nextBoolean()) {
                        RawCustomer raw = (RawCustomer) c.value();
                        out.add(new FactRecord(FactFile.CUSTOMERS, c.key(),
                                new RawCustomer(raw.customerId(), List.of("917-555-0" + (100 + i)), raw.emails())));
                    }
                }
                case 3 -> { // an interaction's channel is corrected
                    RawInteraction x = (RawInteraction) pick(interactions, random).value();
                    out.add(new FactRecord(FactFile.INTERACTIONS, x.interactionId(), new RawInteraction(
                            x.interactionId(), x.type(), x.occurredAt(), "corrected_" + random.nextInt(3), x.campaign(),
                            x.phone(), x.email(), x.customerId())));
                }
                case 4 -> { // an interaction moves to another customer by id
                    RawInteraction x = (RawInteraction) pick(interactions, random).value();
                    RawCustomer c = (RawCustomer) pick(customers, random).value();
                    out.add(new FactRecord(FactFile.INTERACTIONS, x.interactionId(), new RawInteraction(
                            x.interactionId(), x.type(), x.occurredAt(), x.channel(), x.campaign(), null, null,
                            c.customerId())));
                }
                case 5 -> { // a refund arrives
                    RawCustomer c = (RawCustomer) pick(customers, random).value();
                    String id = "REFUND-" + i;
                    out.add(new FactRecord(FactFile.PAYMENTS, id, new RawPayment(id, c.customerId(),
                            "2025-09-01T00:00:00Z", "-" + (1 + random.nextInt(300)) + ".25", "USD")));
                }
                case 6 -> { // an appointment gains attendance, or an interaction is deleted
                    if (!appointments.isEmpty() && random.nextBoolean()) {
                        RawAppointment a = (RawAppointment) pick(appointments, random).value();
                        out.add(new FactRecord(FactFile.APPOINTMENTS, a.appointmentId(), new RawAppointment(
                                a.appointmentId(), a.customerId(), a.bookedAt(), "2025-08-20T10:00:00Z")));
                    } else {
                        out.add(FactRecord.tombstone(FactFile.INTERACTIONS, pick(interactions, random).key()));
                    }
                }
                default -> { // a payment moves to another customer
                    if (!payments.isEmpty()) {
                        RawPayment p = (RawPayment) pick(payments, random).value();
                        RawCustomer c = (RawCustomer) pick(customers, random).value();
                        out.add(new FactRecord(FactFile.PAYMENTS, p.paymentId(), new RawPayment(p.paymentId(),
                                c.customerId(), p.paidAt(), p.amount(), p.currency())));
                    }
                }
            }
        }
        return out;
    }

    private static List<FactRecord> of(List<FactRecord> records, FactFile file) {
        return records.stream().filter(r -> r.file() == file && r.key() != null && r.value() != null).toList();
    }

    private static FactRecord pick(List<FactRecord> records, Random random) {
        return records.get(random.nextInt(records.size()));
    }

    private static void deleteTree(Path root) {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
