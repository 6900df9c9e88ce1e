package io.attributionstreams.topology.identity;

import io.attributionstreams.facts.Interaction;
import io.attributionstreams.topology.events.GraphEvent.Link;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The links for one customer through one identifier, sent in events of at most {@link #MAX_LINKS}
 * links and about {@link #MAX_BYTES} bytes as JSON, an estimate that bounds the events' binary form too
 * ({@code LinkBatchTest} measures both): a customer receives many waiting interactions in a few events, not
 * one each, and no event comes near the broker's record size limit (1 MB by default), however long an
 * interaction's id, channel or campaign. A single link larger than that
 * still goes out alone: its interaction came in as one record, so it fits in one.
 */
final class LinkBatch {
    static final int MAX_LINKS = 200;
    static final int MAX_BYTES = 256 * 1024;

    /** More than the field names, quotes, commas, type, time and revision of one link take in JSON. */
    private static final int LINK_OVERHEAD_BYTES = 320;
    /** More than the envelope of a link event takes besides its customer id, identifier and links. */
    private static final int EVENT_OVERHEAD_BYTES = 128;

    private final Consumer<List<Link>> send;
    private final int emptyBytes;
    private final List<Link> links = new ArrayList<>();
    private int bytes;

    /** @param send sends one event with these links to the customer */
    LinkBatch(String customerId, String identifier, Consumer<List<Link>> send) {
        this.send = send;
        this.emptyBytes = EVENT_OVERHEAD_BYTES + jsonBytes(customerId) + jsonBytes(identifier);
        this.bytes = emptyBytes;
    }

    void add(Link link) {
        int size = estimate(link);
        if (!links.isEmpty() && (links.size() == MAX_LINKS || bytes + size > MAX_BYTES)) {
            flush();
        }
        links.add(link);
        bytes += size;
    }

    /** Sends what was added since the last event, if anything. */
    void flush() {
        if (!links.isEmpty()) {
            send.accept(List.copyOf(links));
            links.clear();
            bytes = emptyBytes;
        }
    }

    /** At least the bytes of the link in an event's JSON. */
    static int estimate(Link link) {
        int size = LINK_OVERHEAD_BYTES + jsonBytes(link.interactionId());
        Interaction i = link.interaction();
        if (i != null) {
            size += jsonBytes(i.interactionId()) + jsonBytes(i.channel()) + jsonBytes(i.campaign())
                    + jsonBytes(i.phone()) + jsonBytes(i.email()) + jsonBytes(i.customerId());
        }
        return size;
    }

    /**
     * At least the bytes of {@code s} as a JSON string's content in UTF-8, as the project's JSON writer
     * writes it: a control character escaped as six bytes ({@code \u0001}), a quote or backslash as two,
     * and each half of a surrogate pair (a character above U+FFFF, an emoji) escaped as six too.
     */
    static int jsonBytes(String s) {
        if (s == null) {
            return 0;
        }
        int bytes = 0;
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c < 0x20 || Character.isSurrogate(c)) {
                bytes += 6;
            } else if (c == '"' || c == '\\') {
                bytes += 2;
            } else if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
