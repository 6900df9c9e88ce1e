package io.attributionstreams.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.attributionstreams.identity.BlockedIdentifiers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The identity and privacy settings of the streaming app, read through the configuration layers. */
class IdentityConfigTest {

    @Test
    void theBlockedFileIsReadFromItsKeyOrItsVariableAndNormalisedWithTheAppsRegion(@TempDir Path tmp)
            throws IOException {
        Path file = Files.writeString(tmp.resolve("blocked.txt"), "# switchboard\n020 7946 0000\n\n TEST@test.com \n");
        BlockedIdentifiers blocked = AppConfig.load(null, Map.of("ATTRIBUTION_IDENTITY_BLOCKED_FILE", file.toString(),
                "ATTRIBUTION_REGION", "GB"), Map.of()).blockedIdentifiers();
        assertThat(blocked.blockedPhone("+442079460000")).isTrue();
        assertThat(blocked.blockedEmail("test@test.com")).isTrue();
        assertThat(blocked.entries()).isEqualTo(2);
        assertThat(AppConfig.load(null, Map.of(), Map.of()).blockedIdentifiers().isEmpty()).isTrue();
    }

    @Test
    void aMissingBlockedFileOrABadLineIsAnErrorThatNamesNoValue(@TempDir Path tmp) throws IOException {
        Path missing = tmp.resolve("nope.txt");
        assertThatThrownBy(() -> AppConfig.load(null, Map.of(), Map.of(AppConfig.BLOCKED_FILE, missing.toString()))
                .blockedIdentifiers()).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("attribution.identity.blocked-file: file not found: " + missing);
        Path bad = Files.writeString(tmp.resolve("bad.txt"), "test@test.com\nnot a phone\n");
        assertThatThrownBy(() -> AppConfig.load(null, Map.of(), Map.of(AppConfig.BLOCKED_FILE, bad.toString()))
                .blockedIdentifiers()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 2").hasMessageNotContaining("not a phone");
    }

    @Test
    void thePseudonymKeyFileIsOptionalButAShortKeyIsRefused(@TempDir Path tmp) throws IOException {
        assertThat(AppConfig.load(null, Map.of(), Map.of()).pseudonymKeyFile()).isEmpty();
        Path shortKey = Files.writeString(tmp.resolve("short.key"), "too short\n");
        assertThatThrownBy(() -> AppConfig.load(null, Map.of(), Map.of(AppConfig.PSEUDONYM_KEY_FILE, shortKey.toString()))
                .pseudonymKeyFile()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 32")
                .hasMessageNotContaining("too short");
        Path key = Files.writeString(tmp.resolve("good.key"), "0123456789abcdefghijklmnopqrstuvwxyz\n");
        assertThat(AppConfig.load(null, Map.of("ATTRIBUTION_PSEUDONYM_KEY_FILE", key.toString()), Map.of())
                .pseudonymKeyFile().orElseThrow().of("tel:+12015550123")).hasSize(43);
    }
}
