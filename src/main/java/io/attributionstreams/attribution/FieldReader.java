package io.attributionstreams.attribution;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Reads back what a {@link FieldWriter} wrote, field by field in the same order: a byte, a long, or a string
 * (its UTF-8 length, -1 when absent, and bytes). A value cut short throws
 * {@link java.nio.BufferUnderflowException} or {@link IndexOutOfBoundsException}; callers turn those into their
 * own error.
 */
public final class FieldReader {
    private final ByteBuffer in;

    public FieldReader(byte[] bytes) {
        this.in = ByteBuffer.wrap(bytes);
    }

    public byte tag() {
        return in.get();
    }

    public long number() {
        return in.getLong();
    }

    public String text() {
        int length = in.getInt();
        if (length < 0) {
            return null;
        }
        String value = new String(in.array(), in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
        return value;
    }

    /** Whether every byte was read: a value with bytes left over is not the one its writer wrote. */
    public boolean atEnd() {
        return !in.hasRemaining();
    }
}
