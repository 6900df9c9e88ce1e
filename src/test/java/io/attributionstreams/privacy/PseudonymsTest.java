package io.attributionstreams.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pseudonyms: HMAC-SHA-256 of the identifier's one spelling, base64url without padding. */
class PseudonymsTest {
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);

    /** RFC 4231 test case 6: a 131-byte key of 0xaa. */
    @Test
    void knownAnswerOfRfc4231() {
        byte[] key = new byte[131];
        Arrays.fill(key, (byte) 0xaa);
        byte[] expected = HexFormat.of().parseHex("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");

        String pseudonym = Pseudonyms.withKey(key).of("Test Using Larger Than Block-Size Key - Hash Key First");

        assertThat(pseudonym).isEqualTo(Base64.getUrlEncoder().withoutPadding().encodeToString(expected))
                .hasSize(43).doesNotContain("=");
    }

    @Test
    void matchesAnIndependentHmacOfTheIdentifierSpelling() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
        String expected = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac.doFinal("tel:+13128675309".getBytes(StandardCharsets.UTF_8)));

        assertThat(Pseudonyms.withKey(KEY).of("tel:+13128675309")).isEqualTo(expected);
    }

    @Test
    void sameValueSamePseudonymOtherKeyOtherPseudonym() {
        Pseudonyms a = Pseudonyms.withKey(KEY);
        byte[] other = KEY.clone();
        other[0] ^= 1;

        assertThat(a.of("mailto:ann@example.com")).isEqualTo(Pseudonyms.withKey(KEY).of("mailto:ann@example.com"));
        assertThat(Pseudonyms.withKey(other).of("mailto:ann@example.com")).isNotEqualTo(a.of("mailto:ann@example.com"));
        assertThat(a.of("tel:+13128675309")).isNotEqualTo(a.of("mailto:ann@example.com"));
        assertThat(Pseudonyms.oneOff().of("tel:+1")).isNotEqualTo(Pseudonyms.oneOff().of("tel:+1"));
    }

    @Test
    void aKeyShorterThan32BytesIsRefused() {
        assertThatThrownBy(() -> Pseudonyms.withKey(new byte[31]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 32 bytes");
    }

    @Test
    void keyFileIsItsTrimmedText(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("key");
        Files.writeString(file, new String(KEY, StandardCharsets.UTF_8) + "\n");

        assertThat(Pseudonyms.fromKeyFile(file).of("id:C1")).isEqualTo(Pseudonyms.withKey(KEY).of("id:C1"));
    }

    @Test
    void shortOrMissingKeyFileFailsWithoutQuotingTheKey(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("key");
        Files.writeString(file, "  short-secret  \n");

        assertThatThrownBy(() -> Pseudonyms.fromKeyFile(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 32").hasMessageNotContaining("short-secret");
        assertThatThrownBy(() -> Pseudonyms.fromKeyFile(dir.resolve("none")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not found");
    }
}
