package io.attributionstreams.webhook;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Where a webhook says a contact came from: UTM source, medium and campaign, and the click ids an ad
 * platform's auto-tagging adds to the landing page (gclid and the like), by name.
 *
 * @param source utm_source, or null
 * @param medium utm_medium, or null
 * @param campaign utm_campaign, or null
 * @param clickIds the click ids present, by parameter name in lower case, with their values
 */
public record Utm(String source, String medium, String campaign, Map<String, String> clickIds) {
    /** The click id parameters the channel rules may name. */
    public static final List<String> CLICK_IDS = List.of("gclid", "gbraid", "wbraid", "dclid", "msclkid", "fbclid",
            "ttclid", "li_fat_id", "twclid");
    public static final Utm NONE = new Utm(null, null, null, Map.of());

    public Utm {
        source = blankToNull(source);
        medium = blankToNull(medium);
        campaign = blankToNull(campaign);
        clickIds = Map.copyOf(clickIds);
    }

    /** From named values, as a payload or a query string has them: {@code utm_source}, ..., and click ids. */
    public static Utm of(Function<String, String> values) {
        Map<String, String> ids = new LinkedHashMap<>();
        for (String name : CLICK_IDS) {
            String value = blankToNull(values.apply(name));
            if (value != null) {
                ids.put(name, value);
            }
        }
        return new Utm(values.apply("utm_source"), values.apply("utm_medium"), values.apply("utm_campaign"), ids);
    }

    /**
     * From the query string of a URL (a landing page's); none when it has none. Read by hand, not as a
     * {@code java.net.URI}: landing pages carry what a URI refuses (an ad platform's unfilled {@code {keyword}},
     * a {@code |} or a space), and one such character must not lose every tag of the page.
     */
    public static Utm ofUrl(String url) {
        if (url == null || url.isBlank()) {
            return NONE;
        }
        int start = url.indexOf('?');
        if (start < 0) {
            return NONE;
        }
        int end = url.indexOf('#', start);
        return of(query(url.substring(start + 1, end < 0 ? url.length() : end))::get);
    }

    /** A raw query string's parameters, decoded; the first value of a repeated name. */
    public static Map<String, String> query(String rawQuery) {
        Map<String, String> params = new LinkedHashMap<>();
        UrlEncoded.forEachPair(rawQuery, Utm::decode,
                (name, value) -> params.putIfAbsent(name.toLowerCase(java.util.Locale.ROOT), value));
        return params;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text; // a stray % is kept as sent
        }
    }

    /** This, with each missing part taken from {@code other}: the first source that names a part wins it. */
    public Utm orElse(Utm other) {
        Map<String, String> ids = new LinkedHashMap<>(other.clickIds);
        ids.putAll(clickIds);
        return new Utm(source != null ? source : other.source, medium != null ? medium : other.medium,
                campaign != null ? campaign : other.campaign, ids);
    }

    public Set<String> clickIdNames() {
        return clickIds.keySet();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
