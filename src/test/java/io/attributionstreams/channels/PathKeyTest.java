package io.attributionstreams.channels;

import static org.assertj.core.api.Assertions.assertThat;

import io.attributionstreams.conversion.ConversionType;
import io.attributionstreams.markov.Journey;
import io.attributionstreams.topology.markov.StoredJourney;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** The path summary's rows (docs/contract.md §15): which paths count, and their text. */
class PathKeyTest {
    private static final ConversionType PAID = ConversionType.FIRST_PAID;

    @Test
    void aConvertedPathReadsAsItsCollapsedChannels() {
        Journey journey = Journey.of(PAID, List.of("google", "google", "email", "google"), true, BigInteger.TEN);
        PathKey key = PathKey.of(journey).orElseThrow();
        assertThat(key.steps()).containsExactly("google", "email", "google");
        assertThat(key.truncated()).isFalse();
        assertThat(key.text()).isEqualTo("google > email > google");
    }

    @Test
    void pathsThatDoNotConvertOrHaveNoStepCountNowhere() {
        assertThat(PathKey.of(Journey.of(PAID, List.of("google"), false, BigInteger.TEN))).isEmpty();
        assertThat(PathKey.of(Journey.of(PAID, List.of(), true, BigInteger.TEN))).isEmpty();
    }

    @Test
    void aLongPathKeepsItsLastFiftySteps() {
        List<String> channels = IntStream.range(0, 120).mapToObj(i -> "c" + i).toList();
        PathKey key = PathKey.of(Journey.of(PAID, channels, true, BigInteger.ONE)).orElseThrow();
        assertThat(key.truncated()).isTrue();
        assertThat(key.steps()).hasSize(PathKey.MAX_STEPS).startsWith("c70").endsWith("c119");
        assertThat(key.text()).startsWith("\\… > c70 > c71").endsWith("c119");
        assertThat(PathKey.parse(PAID, key.text())).isEqualTo(key);
        assertThat(PathKey.of(PAID, channels.subList(70, 120))).isNotEqualTo(key);
    }

    @Test
    void stepsHoldingTheSeparatorOrTheMarkerAreEscaped() {
        PathKey odd = new PathKey(PAID, List.of("a > b", "\\…", "x\\"), false);
        assertThat(odd.text()).isEqualTo("a \\> b > \\\\… > x\\\\");
        assertThat(PathKey.parse(PAID, odd.text())).isEqualTo(odd);
        assertThat(new PathKey(PAID, List.of("a", "b"), false).text())
                .isNotEqualTo(new PathKey(PAID, List.of("a > b"), false).text());
    }

    @Property(tries = 300)
    void theTextReadsBackIntoTheSameSteps(
            @ForAll @Size(min = 1, max = 8) List<@StringLength(min = 1, max = 6) @Chars({'>', '\\', ' ', '…', 'a'})
                    @CharRange(from = 'b', to = 'c') String> raw, @ForAll boolean truncated) {
        // channels are trimmed on the way in: no step starts or ends with a space
        List<String> steps = new ArrayList<>();
        raw.forEach(step -> steps.add("s" + step.strip() + "e"));
        PathKey key = new PathKey(PAID, steps, truncated);
        assertThat(PathKey.parse(PAID, key.text())).isEqualTo(key);
    }

    /**
     * Path rows sort by type, then by their text: escapes, separators, the truncation mark, empty steps, a prefix,
     * characters either side of the separator's, and characters outside the Basic Multilingual Plane all order
     * exactly as the texts do. Leading empty steps write nothing, so two keys can share a text: the one with fewer
     * steps comes first, and neither replaces the other in a sorted map.
     */
    @Property(tries = 3000)
    void keysOrderAsTheirTexts(
            @ForAll @Size(max = 4) List<@StringLength(max = 3) @Chars({'>', '\\', ' ', '!', '\t', '…', '\uFFFF'})
                    @CharRange(from = 'a', to = 'b') String> a, @ForAll boolean aTruncated,
            @ForAll @Size(max = 4) List<@StringLength(max = 3) @Chars({'>', '\\', ' ', '!', '\t', '…', '\uFFFF'})
                    @CharRange(from = 'a', to = 'b') String> b, @ForAll boolean bTruncated,
            @ForAll boolean sameType) {
        PathKey x = new PathKey(PAID, a, aTruncated);
        PathKey y = new PathKey(sameType ? PAID : ConversionType.FIRST_CONTACT, b, bTruncated);
        int byText = !sameType ? PAID.name().compareTo(ConversionType.FIRST_CONTACT.name())
                : x.text().equals(y.text()) ? Integer.compare(a.size(), b.size()) : x.text().compareTo(y.text());
        assertThat(Integer.signum(x.compareTo(y))).as("%s vs %s", x.text(), y.text()).isEqualTo(Integer.signum(byText));
        assertThat(Integer.signum(y.compareTo(x))).isEqualTo(-Integer.signum(byText));
        assertThat(x.compareTo(new PathKey(PAID, new ArrayList<>(a), aTruncated))).isZero();
    }

    @Test
    void aSurrogatePairOrdersByItsCharsAsStringsDo() {
        PathKey emoji = new PathKey(PAID, List.of("x\uD83D\uDE00"), false);
        PathKey high = new PathKey(PAID, List.of("x\uFFFD"), false);
        assertThat(Integer.signum(emoji.compareTo(high))).isEqualTo(Integer.signum(emoji.text().compareTo(high.text())))
                .isEqualTo(-1);
        assertThat(new PathKey(PAID, List.of("a"), false).compareTo(new PathKey(PAID, List.of("a", "b"), false)))
                .isNegative();
        PathKey emptyFirst = new PathKey(PAID, List.of("", "a"), false);
        assertThat(emptyFirst.text()).as("an empty first step writes nothing, then no separator").isEqualTo("a");
        assertThat(emptyFirst.compareTo(new PathKey(PAID, List.of("a"), false))).isPositive();
        assertThat(emptyFirst).isNotEqualTo(new PathKey(PAID, List.of("a"), false))
                .isEqualTo(new PathKey(PAID, new ArrayList<>(List.of("", "a")), false));
    }

    @Test
    void anOversizedStoredPathCountsInTheRowItsFullPathWould() {
        // over RemovalEffects.MAX_CHANNELS distinct channels: the store keeps the mark and the last steps only
        List<String> channels = IntStream.range(0, 700).mapToObj(i -> "channel-" + i).toList();
        Journey journey = Journey.of(PAID, channels, true, BigInteger.valueOf(999));
        StoredJourney stored = StoredJourney.of(journey);
        assertThat(stored.oversized()).isTrue();
        assertThat(stored.journey()).isNull();
        assertThat(stored.pathKey()).contains(PathKey.of(journey).orElseThrow());
        assertThat(StoredJourney.of(Journey.of(PAID, List.of("a", "b"), true, BigInteger.ONE)).pathKey())
                .contains(new PathKey(PAID, List.of("a", "b"), false));
        assertThat(StoredJourney.of(Journey.of(PAID, List.of("a"), false, BigInteger.ONE)).pathKey()).isEmpty();
    }
}
