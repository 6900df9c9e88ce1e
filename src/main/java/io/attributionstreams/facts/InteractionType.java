package io.attributionstreams.facts;

import java.util.Locale;

/** The six kinds of marketing interaction the contract knows (docs/contract.md §1). */
public enum InteractionType {
    CALL, EMAIL, FORM, SMS, CHAT, VISIT;

    private final String label = name().toLowerCase(Locale.ROOT);

    /** The name as it appears in every output: lower case. */
    public String label() {
        return label;
    }

    /** Case-insensitive lookup; null when the value is none of the six. */
    public static InteractionType fromLabel(String value) {
        for (InteractionType type : values()) {
            if (type.name().equalsIgnoreCase(value)) {
                return type;
            }
        }
        return null;
    }
}
