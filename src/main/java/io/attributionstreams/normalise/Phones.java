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
 * many facts, so results are cached. The cache is bounded by its size in characters: when it is
 * full it is simply cleared, which keeps the hot set without any per-entry bookkeeping.
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

    private final String region;
    private final ConcurrentHashMap<String, Optional<String>> cache = new ConcurrentHashMap<>();
    private final AtomicLong cachedChars = new AtomicLong();

    public Phones(String region) {
        if (!UTIL.getSupportedRegions().contains(region)) {
            throw new IllegalArgumentException("unknown phone region '" + region + "'");
        }
        this.region = region;
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
