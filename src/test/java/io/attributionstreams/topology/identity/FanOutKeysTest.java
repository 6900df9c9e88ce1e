package io.attributionstreams.topology.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** The keys of pending fan-outs read back as written, and the scan order is the stores' byte order. */
class FanOutKeysTest {

    @Test
    void aKeyReadsBackAndAnInteractionAndACustomerOfOneIdNeverShareIt() {
        FanOutKey attach = FanOutKey.attach("tel:+13125550147", "X1");
        FanOutKey claim = FanOutKey.claim("tel:+13125550147", "X1");

        assertThat(FanOutKey.of(attach.storeKey())).isEqualTo(attach);
        assertThat(FanOutKey.of(claim.storeKey())).isEqualTo(claim);
        assertThat(attach.storeKey()).isNotEqualTo(claim.storeKey())
                .startsWith(FanOutKey.prefix("tel:+13125550147", FanOutKey.Side.ATTACH));
    }

    @Property(tries = 500)
    void utf8OrderIsTheOrderOfTheUtf8Bytes(
            @ForAll @StringLength(max = 6) @CharRange(from = 'a', to = 'c') @CharRange(from = '\u00e0', to = '\u00e2')
            @CharRange(from = '\uffe0', to = '\uffe2') @CharRange(from = '\ud83c', to = '\ud83c') String a,
            @ForAll @StringLength(max = 6) @CharRange(from = 'a', to = 'c') @CharRange(from = '\u00e0', to = '\u00e2')
            @CharRange(from = '\uffe0', to = '\uffe2') @CharRange(from = '\ud83c', to = '\ud83c') String b) {
        String x = pairUp(a);
        String y = pairUp(b);
        int bytes = Arrays.compareUnsigned(x.getBytes(StandardCharsets.UTF_8), y.getBytes(StandardCharsets.UTF_8));

        assertThat(Integer.signum(Utf8Order.compare(x, y))).isEqualTo(Integer.signum(bytes));
    }

    /** Each high surrogate followed by a low one: a valid string with characters above U+FFFF. */
    private static String pairUp(String s) {
        return s.replace("\ud83c", "\ud83c\udf00");
    }
}
