package io.attributionstreams.conversion;

import java.util.List;
import java.util.Locale;

/** The four conversions of docs/contract.md §4. */
public enum ConversionType {
    FIRST_CONTACT, FIRST_BOOKED, FIRST_ATTENDED, FIRST_PAID;

    /** All four, the default set. */
    public static final List<ConversionType> ALL = List.of(values());

    /** Case-insensitive lookup with a clear error. */
    public static ConversionType parse(String value) {
        String name = value.strip().toUpperCase(Locale.ROOT);
        for (ConversionType type : values()) {
            if (type.name().equals(name)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown conversion type '" + value.strip() + "' (known: "
                + String.join(", ", ALL.stream().map(Enum::name).toList()) + ")");
    }
}
