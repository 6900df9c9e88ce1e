package io.attributionstreams.normalise;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Phone normalisation with libphonenumber: parsed in the default region, extension dropped,
 * kept only when {@code isValidNumber}, returned in E.164.
 *
 * <p>Parsing is the most expensive step of normalisation and the same numbers recur across
 * many facts, so results are cached. Almost every number is written in digits and separators: such a
 * value is cached as two {@code long}s (its digits, and the E.164 digits of the answer), about 64
 * bytes an entry, so the 1M-interaction data set's 315,000 distinct numbers all fit; with a bound of
 * 128,000 string entries, as before, the cache was cleared over and over and half the batch run was
 * spent re-parsing. Anything else (letters, other symbols) is cached as text, bounded by its size in
 * characters. A full cache is simply cleared, which keeps the hot set without per-entry bookkeeping.
 */
public final class Phones {
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    /** A phone written in more characters than this is invalid (docs/contract.md §9), and never parsed. */
    public static final int MAX_LENGTH = 64;
    /**
     * The cache's bound in characters of keys and answers, a proxy for its bytes: every key is at most
     * {@value #MAX_LENGTH} characters, so a bound by count alone would let hostile input fill it with
     * long keys; this keeps it to a few tens of megabytes whatever arrives.
     */
    private static final long MAX_CACHED_CHARS = 8_000_000;
    /** What an entry costs besides its characters: the map node, the key and value objects. */
    private static final int ENTRY_OVERHEAD_CHARS = 40;
    /** Entries of the numeric cache (about 64 bytes each): 32 MB at most, whatever arrives. */
    private static final int MAX_NUMERIC_ENTRIES = 500_000;
    /** The numeric cache's answer for a value that is not a valid number. */
    private static final long INVALID = -1;
    /** A digits key holds at most this many digits, so that it fits a {@code long} with its length and sign. */
    private static final int MAX_KEY_DIGITS = 17;
    private static final int NANPA_COUNTRY_CODE = 1;

    private final String region;
    /** The region is the main country of the North American Numbering Plan (+1), where {@link #nanpaFastPath} applies. */
    private final boolean nanpaMain;
    private final ConcurrentHashMap<String, Optional<String>> cache = new ConcurrentHashMap<>();
    private final AtomicLong cachedChars = new AtomicLong();
    private final ConcurrentHashMap<Long, Long> numericCache = new ConcurrentHashMap<>();

    public Phones(String region) {
        if (!UTIL.getSupportedRegions().contains(region)) {
            throw new IllegalArgumentException("unknown phone region '" + region + "'");
        }
        this.region = region;
        this.nanpaMain = region.equals(UTIL.getRegionCodeForCountryCode(NANPA_COUNTRY_CODE));
    }

    public String region() {
        return region;
    }

    /** The E.164 form, or null when the value is absent or not a valid number. */
    public String normalise(String raw) {
        String phone = Text.clean(raw);
        if (phone == null || Text.longerThan(phone, MAX_LENGTH)) {
            return null;
        }
        String key = cacheKey(phone);
        long numericKey = numericKey(key);
        if (numericKey >= 0) {
            Long answer = numericCache.get(numericKey);
            if (answer == null) {
                String nanp = nanpaFastPath(key);
                answer = e164Digits(nanp != null ? nanp : parse(phone));
                if (numericCache.size() >= MAX_NUMERIC_ENTRIES) {
                    numericCache.clear();
                }
                numericCache.put(numericKey, answer);
            }
            return answer == INVALID ? null : "+" + answer;
        }
        Optional<String> cached = cache.get(key);
        if (cached == null) {
            cached = Optional.ofNullable(parse(phone));
            long size = key.length() + cached.map(String::length).orElse(0) + ENTRY_OVERHEAD_CHARS;
            if (cachedChars.addAndGet(size) > MAX_CACHED_CHARS) {
                cache.clear();
                cachedChars.set(size);
            }
            cache.put(key, cached);
        }
        return cached.orElse(null);
    }

    /**
     * True when libphonenumber reads the value as a number at all, valid or not
     * ({@code 000-000-0000} is one; {@code hello} is not).
     */
    public boolean isNumber(String raw) {
        String phone = Text.clean(raw);
        if (phone == null || Text.longerThan(phone, MAX_LENGTH)) {
            return false;
        }
        try {
            UTIL.parse(phone, region);
            return true;
        } catch (NumberParseException e) {
            return false;
        }
    }

    /**
     * The same number is written many ways ({@code (201) 555-0123}, {@code 201.555.0123}). When a
     * value holds only digits, a leading '+', and the separators libphonenumber strips anyway
     * (space, '-', '.', '(', ')'), its digits are the key, so every spelling shares one parse.
     * Anything else (letters, an extension, other symbols) is keyed as written.
     */
    static String cacheKey(String phone) {
        phone = withoutExtension(phone);
        StringBuilder digits = new StringBuilder(phone.length());
        for (int i = 0; i < phone.length(); i++) {
            char c = phone.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            } else if (c == '+' && digits.length() == 0 && i == leadingSeparators(phone)) {
                digits.append(c);
            } else if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')') {
                return phone;
            }
        }
        return digits.toString();
    }

    /**
     * The value without a trailing {@code x12} / {@code ext 12} extension, which libphonenumber
     * parses as an extension and this class then drops: all extensions of a number share its key.
     */
    private static String withoutExtension(String phone) {
        int end = phone.length();
        int i = end;
        while (i > 0 && Character.isDigit(phone.charAt(i - 1))) {
            i--;
        }
        if (i == end) {
            return phone;
        }
        String head = phone.substring(0, i).stripTrailing();
        String lower = head.toLowerCase(java.util.Locale.ROOT);
        for (String marker : new String[] {"ext.", "ext", "x"}) {
            if (lower.endsWith(marker) && lower.length() > marker.length()
                    && Character.isWhitespace(lower.charAt(lower.length() - marker.length() - 1))) {
                return head.substring(0, head.length() - marker.length()).stripTrailing();
            }
        }
        return phone;
    }

    /**
     * A key of digits (with or without a leading '+') as one {@code long}: the digits' value, their count
     * (leading zeros matter) and the '+'; -1 for any other key, or one too long to fit.
     */
    static long numericKey(String key) {
        boolean plus = !key.isEmpty() && key.charAt(0) == '+';
        int from = plus ? 1 : 0;
        int digits = key.length() - from;
        if (digits == 0 || digits > MAX_KEY_DIGITS) {
            return -1;
        }
        long value = 0;
        for (int i = from; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return (value * 32 + digits) * 2 + (plus ? 1 : 0);
    }

    /**
     * The E.164 form of a digits key that is a valid number of the region, without libphonenumber's
     * {@code parse}; null when the key is not one of the three shapes below or the number is not valid
     * for the region itself, and the caller then parses it in full.
     *
     * <p>Why: {@code parse} and {@code isValidNumber} cost about 20 microseconds a number here, mostly
     * regular expressions (extensions, viable-number checks, and for +1 a scan of the 25 regions that
     * share it), and a million interactions carry 320,000 distinct numbers: the largest cost of a batch
     * run. Why it is exact: with the main +1 region (US) as default, {@code parse} reads
     * {@code NXXNXXXXXX}, {@code 1NXXNXXXXXX} and {@code +1NXXNXXXXXX} as country code 1 and those ten
     * digits, whenever the ten are a valid national number (a full eleven digits matching no pattern of
     * the region, the leading 1 is the country code); {@code isValidNumber} looks up the region of a
     * +1 number by trying the main region first, so a number valid there is valid. Anything else takes
     * the full path; {@code PhonesTest} checks every spelling against libphonenumber itself.
     */
    private String nanpaFastPath(String key) {
        if (!nanpaMain) {
            return null;
        }
        String national;
        if (key.length() == 10 && key.charAt(0) != '+') {
            national = key;
        } else if (key.length() == 11 && key.charAt(0) == '1') {
            national = key.substring(1);
        } else if (key.length() == 12 && key.startsWith("+1")) {
            national = key.substring(2);
        } else {
            return null;
        }
        if (national.charAt(0) < '2') {
            return null; // no valid +1 number starts with 0 or 1; the full path decides what it is
        }
        PhoneNumber number = new PhoneNumber().setCountryCode(NANPA_COUNTRY_CODE)
                .setNationalNumber(Long.parseLong(national));
        return UTIL.isValidNumberForRegion(number, region) ? "+1" + national : null;
    }

    /** An E.164 number ('+' and at most 15 digits, the first never 0) as the value of its digits. */
    private static long e164Digits(String e164) {
        return e164 == null ? INVALID : Long.parseLong(e164, 1, e164.length(), 10);
    }

    private static int leadingSeparators(String phone) {
        int i = 0;
        while (i < phone.length() && phone.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    private String parse(String phone) {
        try {
            PhoneNumber number = UTIL.parse(phone, region);
            number.clearExtension();
            return UTIL.isValidNumber(number) ? UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164) : null;
        } catch (NumberParseException e) {
            return null;
        }
    }
}
