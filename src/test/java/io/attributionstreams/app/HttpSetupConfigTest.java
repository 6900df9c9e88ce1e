package io.attributionstreams.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.attributionstreams.ops.HttpSetup;
import io.attributionstreams.testsupport.TestKeystore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP keys as the start reads them: defaults that change nothing, and for a token file or a keystore
 * that cannot be used, one clear error naming the key and never the secret.
 */
class HttpSetupConfigTest {
    private static HttpSetup setup(Map<String, String> cli) {
        return AppConfig.load(null, Map.of(), cli).httpSetup();
    }

    @Test
    void byDefaultEveryInterfaceOnePortNoTokenNoTls() {
        HttpSetup setup = setup(Map.of());

        assertThat(setup.bindAddress()).isEqualTo("0.0.0.0");
        assertThat(setup.port()).isEqualTo(AppConfig.DEFAULT_HTTP_PORT);
        assertThat(setup.opsPort()).isEmpty();
        assertThat(setup.token()).isEmpty();
        assertThat(setup.scheme()).isEqualTo("http");
    }

    @Test
    void theKeysSetTheAddressTheOpsPortAndTheTokenFromTheEnvironmentToo(@TempDir Path dir) throws Exception {
        Path token = Files.writeString(dir.resolve("token"), "  0123456789abcdefghijklmnopqrstuvwxyz\n");
        HttpSetup setup = AppConfig.load(null, Map.of("ATTRIBUTION_HTTP_AUTH_TOKEN_FILE", token.toString(),
                "ATTRIBUTION_HTTP_OPS_PORT", "9090", "ATTRIBUTION_HTTP_BIND_ADDRESS", "127.0.0.1"), Map.of()).httpSetup();

        assertThat(setup.bindAddress()).isEqualTo("127.0.0.1");
        assertThat(setup.opsPort()).hasValue(9090);
        assertThat(setup.token().orElseThrow().matches("0123456789abcdefghijklmnopqrstuvwxyz")).isTrue();
        assertThat(setup.token().orElseThrow().toString()).doesNotContain("0123");
    }

    @Test
    void aTokenFileThatIsMissingOrTooShortIsOneErrorNamingTheKeyNotTheToken(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("absent");
        Path shortFile = Files.writeString(dir.resolve("short"), "s3cret-but-short\n");
        Path spaced = Files.writeString(dir.resolve("spaced"), "0123456789 abcdefghijklmnopqrstuvwxyz");

        assertThatThrownBy(() -> setup(Map.of(AppConfig.HTTP_AUTH_TOKEN_FILE, missing.toString())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("attribution.http.auth-token-file: file not found: " + missing);
        assertThatThrownBy(() -> setup(Map.of(AppConfig.HTTP_AUTH_TOKEN_FILE, shortFile.toString())))
                .hasMessageStartingWith("attribution.http.auth-token-file: the token has 16 characters; at least 32")
                .hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> setup(Map.of(AppConfig.HTTP_AUTH_TOKEN_FILE, spaced.toString())))
                .hasMessageStartingWith("attribution.http.auth-token-file: the token may hold only visible ASCII")
                .hasMessageNotContaining("0123");
    }

    @Test
    void aKeystoreNeedsItsPasswordAndAWrongOneIsAnErrorThatDoesNotQuoteIt(@TempDir Path dir) throws Exception {
        TestKeystore keystore = TestKeystore.generate(dir);
        Path wrong = Files.writeString(dir.resolve("wrong"), "not-the-password");

        assertThat(setup(Map.of(AppConfig.HTTP_TLS_KEYSTORE_FILE, keystore.keystore().toString(),
                AppConfig.HTTP_TLS_KEYSTORE_PASSWORD_FILE, keystore.passwordFile().toString())).scheme())
                .isEqualTo("https");
        assertThatThrownBy(() -> setup(Map.of(AppConfig.HTTP_TLS_KEYSTORE_FILE, keystore.keystore().toString())))
                .hasMessage("attribution.http.tls.keystore-file needs attribution.http.tls.keystore-password-file");
        assertThatThrownBy(() -> setup(Map.of(AppConfig.HTTP_TLS_KEYSTORE_FILE, keystore.keystore().toString(),
                AppConfig.HTTP_TLS_KEYSTORE_PASSWORD_FILE, wrong.toString())))
                .hasMessageContaining("attribution.http.tls.keystore-file").hasMessageContaining("wrong password")
                .hasMessageNotContaining("not-the-password");
    }
}
