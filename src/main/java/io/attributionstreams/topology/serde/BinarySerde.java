package io.attributionstreams.topology.serde;

import io.attributionstreams.attribution.FieldReader;
import io.attributionstreams.attribution.FieldWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.BufferUnderflowException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The project's compact binary records, for what only the application reads (its internal topics and stores):
 * a format byte, then the fields in a fixed order ({@link FieldWriter}), which a subclass writes and reads back.
 * Why binary: the stream threads spent a quarter to a third of their time encoding and decoding these records as
 * JSON (flight recordings of {@code bench stream}, docs/benchmarks.md).
 *
 * <p>What this class keeps in one place: null stays null (a tombstone); a value must be read to its last byte; a
 * value cut short, padded, or of another format fails as a {@link SerializationException} that says which record
 * it was, never as another value. A serde that replaced JSON still reads it ({@code '{'} first, never a format
 * byte), so an upgrade keeps the stores and topic records an older version left; each is written in the binary
 * form at its next change.
 */
public abstract class BinarySerde<T> implements Serde<T> {
    private static final byte SMALL = 0;
    private static final byte LARGE = 1;
    private static final byte FALSE = 0;
    private static final byte TRUE = 1;
    private final String name;
    private final byte format;
    private final int expectedBytes;
    private final JsonSerde<T> olderJson;

    /**
     * @param name what a record is, for errors ("touchpoint")
     * @param expectedBytes a usual record's size, the writer's first buffer
     * @param olderJson the JSON an older version wrote for the same records, or null when there never was any
     */
    protected BinarySerde(String name, byte format, int expectedBytes, JsonSerde<T> olderJson) {
        this.name = name;
        this.format = format;
        this.expectedBytes = expectedBytes;
        this.olderJson = olderJson;
    }

    /** Writes the value's fields after the format byte. */
    protected abstract void write(FieldWriter out, T value);

    /** Reads the fields back in the order {@link #write} wrote them. */
    protected abstract T read(FieldReader in);

    @Override
    public final Serializer<T> serializer() {
        return (topic, value) -> value == null ? null : toBytes(value);
    }

    @Override
    public final Deserializer<T> deserializer() {
        return (topic, bytes) -> bytes == null ? null : fromBytes(bytes);
    }

    public final byte[] toBytes(T value) {
        FieldWriter out = new FieldWriter(expectedBytes).tag(format);
        write(out, value);
        return out.toByteArray();
    }

    public final T fromBytes(byte[] bytes) {
        if (olderJson != null && bytes.length > 0 && bytes[0] == '{') {
            return olderJson.fromBytes(bytes); // written by a version before this serde
        }
        try {
            FieldReader in = new FieldReader(bytes);
            byte found = in.tag();
            if (found != format) {
                throw new SerializationException("not a " + name + " of format " + format + ": format byte " + found);
            }
            T value = read(in);
            if (!in.atEnd()) {
                throw new IllegalArgumentException("bytes left over");
            }
            return value;
        } catch (BufferUnderflowException | IndexOutOfBoundsException | IllegalArgumentException e) {
            throw new SerializationException("not a valid binary " + name + " (" + bytes.length + " bytes): "
                    + e.getClass().getSimpleName());
        }
    }

    /** A text that must be there: absent, the record is not one this serde wrote. */
    protected static String required(FieldReader in) {
        String text = in.text();
        if (text == null) {
            throw new IllegalArgumentException("an absent text where one is required");
        }
        return text;
    }

    /** A count of what follows, checked against the bytes there are before anything is allocated for it. */
    protected static int count(FieldReader in, int bytesEach) {
        long count = in.number();
        if (count < 0 || count > Integer.MAX_VALUE || count * bytesEach > in.remaining()) {
            throw new IllegalArgumentException("count " + count);
        }
        return (int) count;
    }

    /** A whole number of any size: a long when it fits one (most do), else its two's-complement bytes. */
    protected static void bigInteger(FieldWriter out, BigInteger value) {
        if (value.bitLength() < Long.SIZE) {
            out.tag(SMALL).number(value.longValue());
        } else {
            out.tag(LARGE).bytes(value.toByteArray());
        }
    }

    protected static BigInteger bigInteger(FieldReader in) {
        byte size = in.tag();
        if (size == SMALL) {
            return BigInteger.valueOf(in.number());
        }
        if (size != LARGE) {
            throw new IllegalArgumentException("number size byte " + size);
        }
        return new BigInteger(in.bytes()); // no bytes at all is a NumberFormatException, an IllegalArgumentException
    }

    /** A decimal exactly, its scale included: its unscaled whole number, then its scale. */
    protected static void bigDecimal(FieldWriter out, BigDecimal value) {
        bigInteger(out, value.unscaledValue());
        out.number(value.scale());
    }

    protected static BigDecimal bigDecimal(FieldReader in) {
        BigInteger unscaled = bigInteger(in);
        long scale = in.number();
        if (scale < Integer.MIN_VALUE || scale > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("scale " + scale);
        }
        return new BigDecimal(unscaled, (int) scale);
    }

    /** A yes or no, as one byte. */
    protected static void flag(FieldWriter out, boolean value) {
        out.tag(value ? TRUE : FALSE);
    }

    protected static boolean flag(FieldReader in) {
        byte tag = in.tag();
        if (tag != TRUE && tag != FALSE) {
            throw new IllegalArgumentException("flag byte " + tag);
        }
        return tag == TRUE;
    }

    /** An enum constant as its ordinal, so an enum's constants keep their order; a new one goes last. */
    protected static <E extends Enum<E>> E constant(FieldReader in, E[] constants) {
        byte ordinal = in.tag();
        if (ordinal < 0 || ordinal >= constants.length) {
            throw new IllegalArgumentException("constant " + ordinal + " of " + constants.length);
        }
        return constants[ordinal];
    }
}
