package org.apache.parquet;

import java.util.HashMap;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.format.converter.ParquetMetadataConverter;

/**
 * Parquet's read options without Hadoop, for reading the export's files back in tests as a Hadoop-free reader
 * would. Parquet's public builders make Hadoop's codec factory or configuration first, whatever is set after,
 * so this calls the options' own constructor (package-private, hence this package), with the builder's defaults.
 * Tied to the Parquet version of the pom: its constructor may change with it.
 */
public final class PlainReadOptions {
    private PlainReadOptions() {
    }

    public static ParquetReadOptions of(CompressionCodecFactory codecs, ParquetConfiguration conf) {
        return new ParquetReadOptions(false, true, true, true, true, false, true, false, false, FilterCompat.NOOP,
                ParquetMetadataConverter.NO_FILTER, codecs, new HeapByteBufferAllocator(), 8 * 1024 * 1024,
                new HashMap<>(), null, null, conf);
    }
}
