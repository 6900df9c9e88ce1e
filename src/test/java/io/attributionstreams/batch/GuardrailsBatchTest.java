package io.attributionstreams.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.attributionstreams.attribution.AttributionSettings;
import io.attributionstreams.normalise.Phones;
import io.attributionstreams.privacy.Pseudonyms;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Erasures in a batch run (docs/contract.md §11): dropped facts count for nothing and are no rejects. */
class GuardrailsBatchTest {
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);

    private static void write(Path dir, String name, String... lines) throws IOException {
        Files.write(dir.resolve(name), List.of(lines));
    }

    private static void facts(Path in) throws IOException {
        write(in, "customers.csv", "customer_id,phone1,phone2,phone3,phone4,email1,email2",
                "C1,201-555-0101,,,,c1@example.com,", "GE,(415) 555-0198,,,,erase.me@example.com,");
        write(in, "interactions.csv", "interaction_id,type,occurred_at,channel,campaign,phone,email,customer_id",
                "I1,call,2025-03-01T10:00:00Z,tv,,2015550101,,",
                "I2,call,2025-03-02T10:00:00Z,tv,,4155550198,,",
                "I2,call,2025-03-02T10:00:00Z,tv,,4155550198,,GE",
                "I3,form,bad time,web,,,erase.me@example.com,",
                "I4,form,2025-03-03T10:00:00Z,web,,4155550198,c1@example.com,");
        write(in, "appointments.csv", "appointment_id,customer_id,booked_at,attended_at",
                "A1,GE,2025-03-04T10:00:00Z,", "A2,C1,2025-03-04T10:00:00Z,");
        write(in, "payments.csv", "payment_id,customer_id,paid_at,amount,currency",
                "P1,GE,2025-03-20T00:00:00Z,55.00,USD", "P2,C1,2025-03-20T00:00:00Z,10.00,USD");
    }

    @Test
    void suppressedFactsAreDroppedCountedAndNeverRejected(@TempDir Path in, @TempDir Path out) throws IOException {
        facts(in);
        write(in, "erasures.csv", "customer_id,phone,email", "GE,(415) 555-0198,erase.me@example.com");
        Guardrails guardrails = new GuardrailSettings(null, null, in.resolve("erasures.csv"), null).load("US");

        BatchRun.Summary summary = BatchRun.run(in, out, AttributionSettings.defaults(), guardrails, null);

        // GE, I2 (twice), I3, A1, P1 dropped; I4 keeps its email and reaches C1
        assertThat(summary.suppressedFacts()).isEqualTo(6);
        assertThat(summary.rejected()).isZero();
        assertThat(summary.customers()).isEqualTo(1);
        assertThat(Files.readAllLines(out.resolve("rejects.csv"))).containsExactly("file,line,id,reason");
        String attribution = Files.readString(out.resolve("attribution.csv"));
        assertThat(attribution).contains("C1,FIRST_PAID,daily_split,2025-03-20T00:00:00Z,I4")
                .doesNotContain("GE").doesNotContain("I2").doesNotContain("I3");
        assertThat(out.resolve("capped.csv")).doesNotExist();
    }

    @Test
    void withoutErasuresTheSameFactsAreTodaysAnswer(@TempDir Path in, @TempDir Path out) throws IOException {
        facts(in);

        BatchRun.Summary summary = BatchRun.run(in, out, AttributionSettings.defaults(), null);

        assertThat(summary.rejected()).isEqualTo(1);
        assertThat(Files.readString(out.resolve("attribution.csv"))).contains("GE,FIRST_PAID");
        assertThat(summary.describe()).doesNotContain("suppressed");
    }

    @Test
    void anUnusableErasureValueNamesItsLineNotItsValue(@TempDir Path in) throws IOException {
        write(in, "erasures.csv", "customer_id,phone,email", "C9,,", ",,nobody-at-nowhere");

        assertThatThrownBy(() -> ErasureFile.read(in.resolve("erasures.csv"), new Phones("US"), Pseudonyms.oneOff()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("line 3: the email is not a usable address")
                .hasMessageNotContaining("nobody");
        // The value is letters only: the temporary folder's random name, which the message names, holds digits.
        write(in, "erasures.csv", "phone", "not-a-number-xyzzy");
        assertThatThrownBy(() -> ErasureFile.read(in.resolve("erasures.csv"), new Phones("US"), Pseudonyms.oneOff()))
                .hasMessageEndingWith("line 2: the phone is not a valid number").hasMessageNotContaining("xyzzy");
    }

    @Test
    void cappedCsvIsTheSameForTheSameKey(@TempDir Path in, @TempDir Path a, @TempDir Path b) throws IOException {
        facts(in);
        write(in, "customers.csv", "customer_id,phone1,phone2,phone3,phone4,email1,email2",
                "C1,201-555-0101,,,,,", "C2,201-555-0101,,,,,", "C3,201-555-0101,,,,,");
        Path key = in.resolve("key");
        Files.write(key, KEY);
        Guardrails guardrails = new GuardrailSettings(null, 2, null, key).load("US");

        BatchRun.run(in, a, AttributionSettings.defaults(), guardrails, null);
        BatchRun.run(in, b, AttributionSettings.defaults(), new GuardrailSettings(null, 2, null, key).load("US"), null);

        assertThat(Files.readAllLines(a.resolve("capped.csv"))).containsExactly("identifier_pseudonym,claimants",
                Pseudonyms.withKey(KEY).of("tel:+12015550101") + ",3");
        assertThat(a.resolve("capped.csv")).hasSameBinaryContentAs(b.resolve("capped.csv"));
        // I1 carried only the capped number: it reaches nobody
        assertThat(Files.readString(a.resolve("attribution.csv"))).doesNotContain("I1");
    }
}
