package io.attributionstreams.topology.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.attributionstreams.facts.Interaction;
import io.attributionstreams.facts.InteractionType;
import io.attributionstreams.topology.Topics;
import io.attributionstreams.topology.events.GraphEvent;
import io.attributionstreams.topology.events.GraphEvent.Link;
import io.attributionstreams.topology.serde.JsonSerde;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

/**
 * Link events stay under the byte bound whatever the interactions hold: quotes, control characters,
 * three-byte scripts, emoji. The estimate is an upper bound of the real JSON and binary forms, so an event of several
 * links never passes {@link LinkBatch#MAX_BYTES}; count and order of the links are kept.
 */
class LinkBatchTest {
    private static final String CUSTOMER = "C1";
    private static final String VIA = "tel:+13125550147";

    @Property(tries = 60)
    void everyEventIsUnderTheBoundsAndTheLinksArriveInOrder(@ForAll @LongRange(min = 1, max = 1_000_000) long seed,
            @ForAll @IntRange(min = 1, max = 700) int count) {
        Random random = new Random(seed);
        List<Link> links = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            links.add(random.nextInt(5) == 0 ? Link.away(text(random, "I" + i), i) : Link.to(interaction(random, i), i));
        }
        List<GraphEvent> events = new ArrayList<>();
        LinkBatch batch = new LinkBatch(CUSTOMER, VIA, part -> events.add(GraphEvent.link(CUSTOMER, VIA, part)));
        links.forEach(batch::add);
        batch.flush();

        List<Link> received = new ArrayList<>();
        for (GraphEvent event : events) {
            int bytes = Topics.GRAPH_EVENT.serializer().serialize("t", event).length;
            assertThat(event.links()).hasSizeBetween(1, LinkBatch.MAX_LINKS);
            if (event.links().size() > 1) {
                assertThat(bytes).isLessThanOrEqualTo(LinkBatch.MAX_BYTES);
            }
            received.addAll(event.links());
        }
        assertThat(received).isEqualTo(links);
    }

    @Property(tries = 200)
    void theEstimateIsAtLeastTheLinksJsonAndBinaryForm(@ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
        Random random = new Random(seed);
        Link link = Link.to(interaction(random, random.nextInt(Integer.MAX_VALUE)), Long.MAX_VALUE);
        for (Serde<GraphEvent> form : List.of(JsonSerde.of(GraphEvent.class), Topics.GRAPH_EVENT)) {
            int alone = form.serializer().serialize("t", GraphEvent.link("", "", List.of())).length;
            int withLink = form.serializer().serialize("t", GraphEvent.link("", "", List.of(link))).length;

            assertThat(LinkBatch.estimate(link)).isGreaterThanOrEqualTo(withLink - alone);
        }
    }

    @Test
    void smallLinksAreCutByCountAndLargeOnesByBytes() {
        List<Integer> small = sizes(450, "tv");
        List<Integer> large = sizes(300, "\u983b".repeat(256));

        assertThat(small).containsExactly(200, 200, 50);
        assertThat(large).hasSizeGreaterThan(2).allMatch(n -> n < 200);
        assertThat(large.stream().mapToInt(Integer::intValue).sum()).isEqualTo(300);
    }

    private static List<Integer> sizes(int count, String channel) {
        List<Integer> sizes = new ArrayList<>();
        LinkBatch batch = new LinkBatch(CUSTOMER, VIA, part -> sizes.add(part.size()));
        for (int i = 0; i < count; i++) {
            batch.add(Link.to(new Interaction("I" + i, InteractionType.CALL, Instant.EPOCH, channel, channel,
                    "+13125550147", null, null), 1));
        }
        batch.flush();
        return sizes;
    }

    private static Interaction interaction(Random random, int i) {
        return new Interaction(text(random, "I" + i), InteractionType.values()[random.nextInt(6)],
                Instant.ofEpochSecond(random.nextLong() % 253_402_300_799L, random.nextInt(1_000_000_000)),
                text(random, "tv"), random.nextBoolean() ? null : text(random, "spring"),
                random.nextBoolean() ? null : "+13125550147", random.nextBoolean() ? null : text(random, "a@b.example"),
                random.nextBoolean() ? null : text(random, "C" + i));
    }

    /** {@code base} and up to 2,000 characters of every awkward kind: ASCII, quotes, controls, CJK, emoji. */
    private static String text(Random random, String base) {
        StringBuilder s = new StringBuilder(base);
        int length = random.nextInt(10) == 0 ? random.nextInt(2_000) : random.nextInt(40);
        for (int i = 0; i < length; i++) {
            switch (random.nextInt(7)) {
                case 0 -> s.append((char) ('a' + random.nextInt(26)));
                case 1 -> s.append(random.nextBoolean() ? '"' : '\\');
                case 2 -> s.append((char) (1 + random.nextInt(0x1f)));
                case 3 -> s.append((char) (0x80 + random.nextInt(0x780)));
                case 4 -> s.append((char) (0x800 + random.nextInt(0xd000)));
                case 5 -> s.appendCodePoint(0x1f300 + random.nextInt(0x300));
                default -> s.append(' ');
            }
        }
        return s.toString();
    }
}
