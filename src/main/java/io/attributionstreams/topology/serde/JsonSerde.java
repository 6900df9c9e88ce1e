package io.attributionstreams.topology.serde;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The one JSON serde, built from a {@code Class<T>}: null-safe for tombstones, and a
 * {@link SerializationException} with the reason (never the payload) when bytes are not a {@code T}.
 */
public final class JsonSerde<T> implements Serde<T> {
    private final String typeName;
    private final ObjectReader reader;
    private final ObjectWriter writer;

    private JsonSerde(JavaType type) {
        this.typeName = type.getRawClass().getSimpleName();
        this.reader = Json.MAPPER.readerFor(type);
        this.writer = Json.MAPPER.writerFor(type);
    }

    public static <T> JsonSerde<T> of(Class<T> type) {
        return new JsonSerde<>(Json.MAPPER.constructType(type));
    }

    /** For a generic type, e.g. {@code new TypeReference<Versioned<Customer>>() {}}. */
    public static <T> JsonSerde<T> of(TypeReference<T> type) {
        return new JsonSerde<>(Json.MAPPER.constructType(type));
    }

    public T fromBytes(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            T value = reader.readValue(bytes);
            if (value == null) {
                throw new SerializationException("not a JSON object: the value is the literal null");
            }
            return value;
        } catch (IOException e) {
            throw new SerializationException("not a valid " + typeName + " JSON value: "
                    + firstLine(getOriginalMessageOrSelf(e)));
        }
    }

    public byte[] toBytes(T value) {
        if (value == null) {
            return null;
        }
        try {
            return writer.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new SerializationException("cannot write " + typeName + " as JSON: " + e.getMessage());
        }
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static String getOriginalMessageOrSelf(IOException e) {
        return e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> toBytes(value);
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> fromBytes(bytes);
    }
}
