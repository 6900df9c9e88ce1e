package io.attributionstreams.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.attributionstreams.facts.Identifiers;
import io.attributionstreams.normalise.Phones;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An erasure request's subjects become the pseudonyms batch's Suppression keeps for the same values. */
class ErasureSubjectsTest {
    private static final Pseudonyms KEY = Pseudonyms.withKey("a test key, not a secret: 32+ characters long"
            .getBytes(StandardCharsets.UTF_8));
    private static final ErasureSubjects SUBJECTS = new ErasureSubjects(new Phones("US"), KEY);

    @Test
    void valuesAreNormalisedAsInFactsAndHashedAsBatchHashesThem() {
        Suppression batch = Suppression.builder(KEY).customer("C1").phone("+12015550101").email("one@example.com")
                .build();
        assertThat(SUBJECTS.of(new ErasureRequest(" C1 ", List.of("(201) 555-0101", "201.555.0101"),
                List.of(" One@Example.COM "), null))).containsExactlyInAnyOrderElementsOf(batch.pseudonyms());
    }

    @Test
    void invalidValuesAreIgnoredAndAPseudonymIsTakenAsItIsWhenItHasItsForm() {
        String pseudonym = KEY.of(Identifiers.phone("+12015550101"));
        assertThat(SUBJECTS.of(new ErasureRequest(null, Arrays.asList("555-01", null), List.of("nope"),
                List.of(" " + pseudonym + " ", "+12015550101", "short")))).containsExactly(pseudonym);
        assertThat(SUBJECTS.of(new ErasureRequest("  ", null, null, null))).isEmpty();
        assertThat(ErasureSubjects.looksLikePseudonym("one@example.com")).isFalse();
    }

    @Test
    void tooManySubjectsInOneRequestIsRefusedWithoutNamingAny() {
        List<String> phones = new ArrayList<>();
        for (int i = 0; i <= ErasureSubjects.MAX_SUBJECTS; i++) {
            phones.add("201-555-" + String.format("%04d", i));
        }
        assertThatThrownBy(() -> SUBJECTS.of(new ErasureRequest(null, phones, null, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("more than 1000 subjects in one request");
    }
}
