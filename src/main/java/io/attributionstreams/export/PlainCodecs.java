package io.attributionstreams.export;

import com.github.luben.zstd.Zstd;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.xerial.snappy.Snappy;

/**
 * Parquet's compression without Hadoop: Parquet's own codec factory reaches for Hadoop's classes even for an
 * uncompressed file, and the engine carries no Hadoop. Snappy (the Parquet default) and zstd, through the
 * libraries Kafka's clients already bring, and none.
 */
final class PlainCodecs implements CompressionCodecFactory {
    private interface Codec {
        byte[] apply(byte[] in, int size) throws IOException;
    }

    private static Codec compress(CompressionCodecName name) {
        return switch (name) {
            case UNCOMPRESSED -> (in, size) -> in;
            case SNAPPY -> (in, size) -> Snappy.compress(in);
            case ZSTD -> (in, size) -> Zstd.compress(in, 3);
            default -> throw new UnsupportedOperationException("no " + name + " codec here: snappy, zstd or none");
        };
    }

    private static Codec decompress(CompressionCodecName name) {
        return switch (name) {
            case UNCOMPRESSED -> (in, size) -> in;
            case SNAPPY -> (in, size) -> Snappy.uncompress(in);
            case ZSTD -> (in, size) -> Zstd.decompress(in, size);
            default -> throw new UnsupportedOperationException("no " + name + " codec here: snappy, zstd or none");
        };
    }

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName name) {
        Codec codec = compress(name);
        return new BytesInputCompressor() {
            @Override
            public BytesInput compress(BytesInput bytes) throws IOException {
                return BytesInput.from(codec.apply(bytes.toByteArray(), -1));
            }

            @Override
            public CompressionCodecName getCodecName() {
                return name;
            }

            @Override
            public void release() {
            }
        };
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName name) {
        Codec codec = decompress(name);
        return new BytesInputDecompressor() {
            @Override
            public BytesInput decompress(BytesInput bytes, int size) throws IOException {
                return BytesInput.from(codec.apply(bytes.toByteArray(), size));
            }

            @Override
            public void decompress(ByteBuffer in, int inSize, ByteBuffer out, int outSize) throws IOException {
                byte[] compressed = new byte[inSize];
                in.get(compressed);
                out.put(codec.apply(compressed, outSize));
            }

            @Override
            public void release() {
            }
        };
    }

    @Override
    public void release() {
    }
}
