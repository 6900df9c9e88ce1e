package io.attributionstreams.topology.outputs;

import io.attributionstreams.attribution.FieldReader;
import io.attributionstreams.attribution.FieldWriter;
import io.attributionstreams.channels.ChannelTotal;
import io.attributionstreams.topology.serde.BinarySerde;
import io.attributionstreams.topology.serde.ChannelTotalSerde;
import java.util.ArrayList;
import java.util.List;

/**
 * One entry of the channel deltas' journal ({@link ChannelDeltas}): the pending sums of the rows of one slot that
 * changed within one commit, each row's whole sum since its last send (not the change), so that of two entries the
 * later one holds a row's sum.
 *
 * @param rows the rows, each at most once
 */
record PendingSums(List<Row> rows) {
    /** A total row's key (as a delta carries it) and its pending sum. */
    record Row(String key, ChannelTotal sum) {
    }

    /** An entry's size at most, about: well under a record's limit on any topic (1 MB by default). */
    static final int MAX_BYTES = 256 * 1024;

    PendingSums {
        rows = List.copyOf(rows);
    }

    /** {@code rows} as entries of at most about {@link #MAX_BYTES} each (a single larger row alone), in order. */
    static List<PendingSums> chunks(List<Row> rows) {
        List<PendingSums> chunks = new ArrayList<>();
        List<Row> chunk = new ArrayList<>();
        long bytes = 0;
        for (Row row : rows) {
            long size = SERDE.rowBytes(row);
            if (!chunk.isEmpty() && bytes + size > MAX_BYTES) {
                chunks.add(new PendingSums(chunk));
                chunk = new ArrayList<>();
                bytes = 0;
            }
            chunk.add(row);
            bytes += size;
        }
        if (!chunk.isEmpty()) {
            chunks.add(new PendingSums(chunk));
        }
        return chunks;
    }

    static final Serde SERDE = new Serde();

    /** A format byte, the number of rows, then each row's key and sum ({@link ChannelTotalSerde#total}). */
    static final class Serde extends BinarySerde<PendingSums> {
        /** A row's key as UTF-8 (3 bytes a char at most) and its length, the sum at most about this. */
        private static final int SUM_BYTES = 96;

        private Serde() {
            super("pending channel sums", (byte) 1, 4096, null);
        }

        long rowBytes(Row row) {
            return Integer.BYTES + 3L * row.key().length() + SUM_BYTES;
        }

        @Override
        protected void write(FieldWriter out, PendingSums entry) {
            out.number(entry.rows().size());
            for (Row row : entry.rows()) {
                out.text(row.key());
                ChannelTotalSerde.total(out, row.sum());
            }
        }

        @Override
        protected PendingSums read(FieldReader in) {
            // a row is at least its key's length and a sum's fixed fields
            int count = count(in, Integer.BYTES + 4 * Long.BYTES);
            List<Row> rows = new ArrayList<>(count);
            for (int k = 0; k < count; k++) {
                rows.add(new Row(required(in), ChannelTotalSerde.total(in)));
            }
            return new PendingSums(rows);
        }
    }
}
