package io.attributionstreams.normalise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.List;
import net.jqwik.api.Tuple;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** docs/contract.md §2, Phone: libphonenumber, region US, extension dropped, valid only, E.164. */
class PhonesTest {
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    /** Shared across property tries on purpose: the point is to go through a warm cache. */
    private static final Phones SHARED = new Phones("US");

    @ParameterizedTest(name = "[{index}] ''{0}'' -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            (201) 555-0123       | +12015550123
            (201)555-0123        | +12015550123
            201-555-0123         | +12015550123
            201.555.0123         | +12015550123
            201 555 0123         | +12015550123
            2015550123           | +12015550123
            +1 201 555 0123      | +12015550123
            +1 (201) 555-0123    | +12015550123
            1-201-555-0123       | +12015550123
            1 (201) 555-0123     | +12015550123
            +12015550123         | +12015550123
            12015550123          | +12015550123
            '  201-555-0123  '   | +12015550123
            # extensions are dropped
            646.555.3890 x12     | +16465553890
            201 555 0123 ext. 7  | +12015550123
            # letters are read as on a keypad by libphonenumber (1-800-356-9377)
            1-800-FLOWERS        | +18003569377
            1 800 356 9377       | +18003569377
            # a number with another country code stays that country's number
            +44 20 7946 0958     | +442079460958
            +33 6 14 41 56 83    | +33614415683
            """)
    void validNumbersInE164(String raw, String expected) {
        assertThat(new Phones("US").normalise(raw)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] ''{0}'' -> null")
    @NullSource
    @ValueSource(strings = {
            "",
            "   ",
            "555-0123",           // too short
            "(123) 456-7890",     // area code cannot start with 1
            "0614415683",         // a French national number (trunk 0) is not a US number
            "201-555-01234",      // too long
            "2015550123 1",
            "not a phone",
    })
    void invalidOrAbsentNumbersAreNull(String raw) {
        assertThat(new Phones("US").normalise(raw)).isNull();
    }

    @Test
    void everySpellingGivesTheSameAnswerWhicheverTheCacheSawFirst() {
        List<String> spellings = List.of("(201) 555-0123", "201.555.0123", "2015550123", "201 555 0123");
        Phones forwards = new Phones("US");
        Phones backwards = new Phones("US");
        for (int i = 0; i < spellings.size(); i++) {
            assertThat(forwards.normalise(spellings.get(i))).isEqualTo("+12015550123");
            assertThat(backwards.normalise(spellings.get(spellings.size() - 1 - i))).isEqualTo("+12015550123");
        }
        // the same digits with and without '+' are different numbers, so different keys
        Phones phones = new Phones("US");
        assertThat(phones.normalise("2015550123")).isEqualTo("+12015550123");
        assertThat(phones.normalise("+2015550123")).isEqualTo("+2015550123");
        assertThat(phones.normalise("+20 155 501 23")).isEqualTo("+2015550123");
        assertThat(phones.normalise("201 555 0123")).isEqualTo("+12015550123");
    }

    @ParameterizedTest(name = "[{index}] ''{0}'' -> key ''{1}''")
    @CsvSource(delimiter = '|', textBlock = """
            # only digits, a leading '+' and the separators libphonenumber strips: the digits are the key
            (201) 555-0123       | 2015550123
            201.555.0123         | 2015550123
            201-555-0123         | 2015550123
            2015550123           | 2015550123
            1-201-555-0123       | 12015550123
            +1 201 555 0123      | +12015550123
            +12015550123         | +12015550123
            '  +1 201 555 0123'  | +12015550123
            # an extension libphonenumber would drop shares the number's key
            646.555.3890 x12     | 6465553890
            201 555 0123 ext. 7  | 2015550123
            201 555 0123 EXT 7   | 2015550123
            # anything else keeps the value as written
            201-555-0123x12      | 201-555-0123x12
            1-800-FLOWERS        | 1-800-FLOWERS
            201/555/0123         | 201/555/0123
            1+2015550123         | 1+2015550123
            ++12015550123        | ++12015550123
            (+1) 201 555 0123    | (+1) 201 555 0123
            201_555_0123         | 201_555_0123
            """)
    void cacheKey(String phone, String expected) {
        assertThat(Phones.cacheKey(phone)).isEqualTo(expected);
    }

    /** Leading zeros and the '+' are part of a numeric key: these spellings must never share an answer. */
    @Test
    void numericKeysKeepLengthAndSign() {
        assertThat(java.util.stream.Stream.of("2015550123", "02015550123", "+2015550123", "12015550123",
                "+12015550123", "0", "00").map(Phones::numericKey).distinct()).hasSize(7);
        assertThat(Phones.numericKey("99999999999999999")).isPositive();
        assertThat(Phones.numericKey("999999999999999999")).isEqualTo(-1); // 18 digits: cached as text
        assertThat(Phones.numericKey("1-800-FLOWERS")).isEqualTo(-1);
        assertThat(Phones.numericKey("+")).isEqualTo(-1);

        Phones warm = new Phones("US");
        assertThat(warm.normalise("2015550123")).isEqualTo("+12015550123");
        assertThat(warm.normalise("02015550123")).isEqualTo(direct("02015550123"));
        assertThat(warm.normalise("+2015550123")).isEqualTo(direct("+2015550123"));
        assertThat(warm.normalise("+44 20 7946 0958")).isEqualTo("+442079460958");
        assertThat(warm.normalise("0000000000")).isNull();
    }

    /**
     * libphonenumber refuses a value longer than 250 characters (TOO_LONG). The cache keyed by
     * digits must not answer such a spelling from a shorter one seen before: the answer may never
     * depend on what was normalised earlier (docs/contract.md §2 and §8).
     */
    @Test
    void overLongSpellingIsInvalidEvenWhenItsDigitsAreCached() {
        String overLong = "201" + " ".repeat(300) + "5550123";
        assertThat(direct(overLong)).isNull();
        assertThat(new Phones("US").normalise(overLong)).isNull();

        Phones warm = new Phones("US");
        assertThat(warm.normalise("2015550123")).isEqualTo("+12015550123");
        assertThat(warm.normalise(overLong)).isNull();
    }

    @Test
    void anUnknownRegionIsAConfigurationError() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Phones("XX"))
                .withMessage("unknown phone region 'XX'");
    }

    /** The digits-keyed cache must never change an answer: any spelling equals libphonenumber on that spelling. */
    @Property(tries = 2000)
    void cachedAnswerEqualsLibphonenumberOnTheSameString(@ForAll("spelledUsNumbers") String spelled) {
        SHARED.normalise(Phones.cacheKey(spelled)); // warm the cache with another spelling of the same key
        assertThat(SHARED.normalise(spelled)).isEqualTo(direct(spelled));
        assertThat(new Phones("US").normalise(spelled)).isEqualTo(direct(spelled));
    }

    @Provide
    Arbitrary<String> spelledUsNumbers() {
        Arbitrary<String> nanp = Combinators.combine(
                        Arbitraries.integers().between(2, 9), Arbitraries.strings().numeric().ofLength(2),
                        Arbitraries.integers().between(2, 9), Arbitraries.strings().numeric().ofLength(6))
                .as((a, area, b, rest) -> a + area + b + rest);
        Arbitrary<String> anyTenDigits = Arbitraries.strings().numeric().ofLength(10);
        Arbitrary<String> digits = Arbitraries.frequencyOf(
                Tuple.of(4, nanp), Tuple.of(1, anyTenDigits));
        Arbitrary<String> prefix = Arbitraries.of("", "+", "1", "+1");
        Arbitrary<List<String>> separators = Arbitraries.strings().withChars(" -.()").ofMinLength(0).ofMaxLength(3)
                .list().ofSize(13);
        Arbitrary<String> extension = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just("")),
                Tuple.of(1, Combinators.combine(Arbitraries.of(" x", " X", " ext", " ext. ", " EXT "),
                        Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(5)).as(String::concat)));
        return Combinators.combine(prefix, digits, separators, extension).as((p, d, seps, ext) -> {
            String chars = p + d;
            StringBuilder out = new StringBuilder(seps.get(0));
            for (int i = 0; i < chars.length(); i++) {
                out.append(chars.charAt(i)).append(seps.get(i + 1));
            }
            return out.toString().strip() + ext;
        });
    }

    /** What docs/contract.md §2 asks for, straight from libphonenumber. */
    private static String direct(String raw) {
        try {
            PhoneNumber number = UTIL.parse(raw, "US");
            number.clearExtension();
            return UTIL.isValidNumber(number) ? UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164) : null;
        } catch (NumberParseException e) {
            return null;
        }
    }
}
