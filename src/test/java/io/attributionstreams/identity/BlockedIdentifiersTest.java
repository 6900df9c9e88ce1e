package io.attributionstreams.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.attributionstreams.normalise.Phones;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/contract.md §10: the blocked file, one phone or email a line, normalised as facts are. */
class BlockedIdentifiersTest {
    private static final Phones US = new Phones("US");

    @Test
    void linesAreNormalisedLikeFacts() {
        BlockedIdentifiers blocked = BlockedIdentifiers.parse(List.of(
                "# shared numbers", "", "  (312) 867-5309 x12 ", "  TEST@Test.com ", "+1 415 555 0198", "000-000-0000"),
                US, "blocked.txt");

        assertThat(blocked.blockedPhone("+13128675309")).isTrue();
        assertThat(blocked.blockedPhone("+14155550198")).isTrue();
        assertThat(blocked.blockedEmail("test@test.com")).isTrue();
        assertThat(blocked.blockedPhone("+12015550123")).isFalse();
        assertThat(blocked.blockedEmail("ann@example.com")).isFalse();
        // 000-000-0000 is a number but no valid one: invalid for matching already, accepted
        assertThat(blocked.entries()).isEqualTo(4);
    }

    @Test
    void theRegionDecidesNumbersWithoutCountryCode() {
        BlockedIdentifiers gb = BlockedIdentifiers.parse(List.of("020 7946 0018"), new Phones("GB"), "f");

        assertThat(gb.blockedPhone("+442079460018")).isTrue();
    }

    @Test
    void aLineThatIsNoPhoneNamesItsNumberNotItsValue() {
        assertThatThrownBy(() -> BlockedIdentifiers.parse(List.of("# c", "3128675309", "secret-value"), US, "blocked.txt"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("blocked.txt line 3: neither a phone nor an email")
                .hasMessageNotContaining("secret");
    }

    @Test
    void anUnusableEmailNamesItsLineNotItsValue() {
        assertThatThrownBy(() -> BlockedIdentifiers.parse(List.of("someone@nodot"), US, "blocked.txt"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("blocked.txt line 1: not a usable email")
                .hasMessageNotContaining("someone");
    }

    @Test
    void noneBlocksNothing() {
        assertThat(BlockedIdentifiers.NONE.isEmpty()).isTrue();
        assertThat(BlockedIdentifiers.NONE.blockedPhone("+13128675309")).isFalse();
    }
}
