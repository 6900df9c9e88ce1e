package io.attributionstreams.attribution;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Reads back what a {@link FieldWriter} wrote, field by field in the same order: a byte, a long, a string
 * (its UTF-8 length, -1 when absent, and bytes), or bytes. A value cut short throws
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

    /** Bytes a {@link FieldWriter#bytes(byte[])} wrote. */
    public byte[] bytes() {
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            // checked before allocating: a corrupt length must not ask for gigabytes
            throw new IllegalArgumentException("byte count " + length + " with " + in.remaining() + " left");
        }
        byte[] value = new byte[length];
        in.get(value);
        return value;
    }

    /** How many bytes are left to read. */
    public int remaining() {
        return in.remaining();
    }

    /** Whether every byte was read: a value with bytes left over is not the one its writer wrote. */
    public boolean atEnd() {
        return !in.hasRemaining();
    }
}
