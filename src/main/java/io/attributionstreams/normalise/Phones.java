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
