package io.attributionstreams.normalise;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Phone normalisation with libphonenumber: parsed in the default region, extension dropped,
 * kept only when {@code isValidNumber}, returned in E.164.
 *
 * <p>Parsing is the most expensive step of normalisation and the same numbers recur across
 * many facts, so results are cached. The cache is bounded: when it is full it is simply
 * cleared, which keeps the hot set without any per-entry bookkeeping.
 */
public final class Phones {
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final int MAX_CACHED = 500_000;
    /** libphonenumber's own limit: longer input is never a valid number. */
    private static final int MAX_INPUT_LENGTH = 250;

    private final String region;
    private final ConcurrentHashMap<String, Optional<String>> cache = new ConcurrentHashMap<>();

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
        if (phone == null) {
            return null;
        }
        String key = cacheKey(phone);
        Optional<String> cached = cache.get(key);
        if (cached == null) {
            if (cache.size() >= MAX_CACHED) {
                cache.clear();
            }
            cached = Optional.ofNullable(parse(phone));
            cache.put(key, cached);
        }
        return cached.orElse(null);
    }

    /**
     * The same number is written many ways ({@code (201) 555-0123}, {@code 201.555.0123}). When a
     * value holds only digits, a leading '+', and the separators libphonenumber strips anyway
     * (space, '-', '.', '(', ')'), its digits are the key, so every spelling shares one parse.
     * Anything else (letters, an extension, other symbols) is keyed as written.
     */
    static String cacheKey(String phone) {
        if (phone.length() > MAX_INPUT_LENGTH) {
            // libphonenumber refuses such input outright; its digits must not borrow another spelling's answer
            return phone;
        }
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
