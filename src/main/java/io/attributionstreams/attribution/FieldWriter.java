package io.attributionstreams.attribution;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * Fields appended to one growing byte array: a byte, a long (big-endian), a string as its UTF-8
 * length (an int, -1 when absent) and bytes, or bytes as their length and themselves. Length-prefixed, so no choice of values can make two
 * different field lists read the same. Written for {@link OutcomeDigest} and the binary form of the
 * customer-touchpoints store, which reads it back with a {@link java.nio.ByteBuffer}.
 */
public final class FieldWriter {
    private byte[] bytes;
    private int size;

    public FieldWriter(int expectedBytes) {
        bytes = new byte[Math.max(16, expectedBytes)];
    }

    public FieldWriter tag(byte value) {
        ensure(1);
        bytes[size++] = value;
        return this;
    }

    public FieldWriter number(long value) {
        ensure(Long.BYTES);
        for (int shift = 56; shift >= 0; shift -= 8) {
            bytes[size++] = (byte) (value >>> shift);
        }
        return this;
    }

    public FieldWriter text(String value) {
        if (value == null) {
            return length(-1);
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        length(utf8.length);
        ensure(utf8.length);
        System.arraycopy(utf8, 0, bytes, size, utf8.length);
        size += utf8.length;
        return this;
    }

    /** Bytes as their length and themselves. */
    public FieldWriter bytes(byte[] value) {
        length(value.length);
        ensure(value.length);
        System.arraycopy(value, 0, bytes, size, value.length);
        size += value.length;
        return this;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    /** Feeds what was written to {@code digest} without copying it. */
    public void updateDigest(MessageDigest digest) {
        digest.update(bytes, 0, size);
    }

    private FieldWriter length(int value) {
        ensure(Integer.BYTES);
        for (int shift = 24; shift >= 0; shift -= 8) {
            bytes[size++] = (byte) (value >>> shift);
        }
        return this;
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
