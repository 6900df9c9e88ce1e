package io.attributionstreams.webhook;

import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;

/**
 * {@code name=value&name=value}, as query strings and form bodies carry it: split into pairs, each part decoded by
 * the caller's decoder (which decides what a malformed {@code %} is: kept as sent, or a 400), empty pairs
 * skipped, a name without {@code =} taken with an empty value. What each caller keeps of a repeated name is its
 * own: the first value, or all of them.
 */
public final class UrlEncoded {
    private UrlEncoded() {
    }

    public static void forEachPair(String text, UnaryOperator<String> decode, BiConsumer<String, String> pair) {
        if (text == null || text.isEmpty()) {
            return;
        }
        for (String raw : text.split("&")) {
            if (raw.isEmpty()) {
                continue;
            }
            int eq = raw.indexOf('=');
            String name = decode.apply(eq < 0 ? raw : raw.substring(0, eq));
            pair.accept(name, eq < 0 ? "" : decode.apply(raw.substring(eq + 1)));
        }
    }
}
