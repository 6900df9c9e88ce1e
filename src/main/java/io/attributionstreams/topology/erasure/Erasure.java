package io.attributionstreams.topology.erasure;

import io.attributionstreams.facts.Identifiers;
import io.attributionstreams.normalise.Suppressions;
import io.attributionstreams.normalise.Phones;
import io.attributionstreams.privacy.ErasedFacts;
import io.attributionstreams.privacy.ErasureSubjects;
import io.attributionstreams.privacy.Pseudonyms;
import io.attributionstreams.topology.Names;
import io.attributionstreams.topology.serde.JsonSerde;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The suppressed subjects as the topology sees them (docs/contract.md §11): the global store
 * {@link Names#SUPPRESSIONS}, a keyed pseudonym a key, which every instance holds in full. Step 1 asks it
 * in two ways: on arrival, through the normaliser ({@link #suppressions()}, which hashes the value asked
 * about with the engine's key, as {@code privacy.Suppression} does in batch), and when it scans the facts
 * it kept from before an erasure ({@link #facts()}, which asks with the stored values: phones and emails
 * there are already their pseudonyms, the very keys of the store).
 *
 * <p>One per built topology, shared by its processors: the global store is one per Kafka Streams
 * instance, handed over by the first processor that starts ({@link #attach}).
 */
public final class Erasure {
    /** How often a step-1 processor looks for new suppressions, and scans on while a scan is under way. */
    public static final Duration SCAN_INTERVAL = Duration.ofSeconds(1);
    /**
     * Rows a punctuation reads at most: a punctuation must stay short under exactly-once (its transaction
     * times out), and each row costs a read and a lookup or two.
     */
    public static final int SCAN_BUDGET = 2_000;
    /** The step-1 versions stores, each scanned by its own processor. */
    public static final List<String> SCANNED_STORES = List.of(Names.CUSTOMER_VERSIONS, Names.INTERACTION_VERSIONS,
            Names.APPOINTMENT_VERSIONS, Names.PAYMENT_VERSIONS);

    private final Pseudonyms pseudonyms;
    private final Runnable factSuppressed;
    private final AtomicLong changes = new AtomicLong();
    private final StoreBuilder<KeyValueStore<String, ScanState>> scans =
            Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(Names.ERASURE_SCANS), Serdes.String(),
                    JsonSerde.of(ScanState.class));
    private final StoreBuilder<KeyValueStore<String, Long>> marks =
            Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(Names.ERASURE_MARKS), Serdes.String(),
                    Serdes.Long());
    private volatile KeyValueStore<String, byte[]> store;

    /** @param factSuppressed told of each kept fact an erasure drops */
    public Erasure(Pseudonyms pseudonyms, Runnable factSuppressed) {
        this.pseudonyms = pseudonyms;
        this.factSuppressed = factSuppressed;
    }

    /**
     * The global store: in memory, since it is rebuilt from its topic at every start anyway (a global
     * store's topic is its changelog) and its entries are counted exactly ({@link #size()}); a pseudonym
     * and a timestamp each, some 200 bytes on the heap.
     */
    public static StoreBuilder<KeyValueStore<String, byte[]>> globalStore() {
        return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(Names.SUPPRESSIONS), Serdes.String(),
                Serdes.ByteArray()).withLoggingDisabled();
    }

    /**
     * Where each step-1 processor's scan stands, a key per versions store while its scan is under way (so
     * {@code export --await-quiet} waits for it): one store, this very builder for each of the four
     * processors (they share a task).
     */
    public StoreBuilder<KeyValueStore<String, ScanState>> scanStore() {
        return scans;
    }

    /** How many suppressions there were when each processor's last complete scan began; shared likewise. */
    public StoreBuilder<KeyValueStore<String, Long>> markStore() {
        return marks;
    }

    /**
     * Reads erasure requests and writes their subjects' pseudonyms, for the suppressions topic.
     *
     * @param region the region of phone numbers written without a country code, as for facts
     * @param read told of every request read, bad ones included
     */
    public ProcessorSupplier<String, byte[], String, SuppressionRecord> requests(String region, Runnable read) {
        ErasureSubjects subjects = new ErasureSubjects(new Phones(region), pseudonyms);
        return () -> new EraseSubjects(subjects, read);
    }

    /** Keeps the suppressions topic in the global store. */
    public ProcessorSupplier<String, byte[], Void, Void> keeper() {
        return () -> new KeepSuppressions(this, Names.SUPPRESSIONS);
    }

    public void attach(ProcessingContext context) {
        if (store == null) {
            store = context.getStateStore(Names.SUPPRESSIONS);
        }
    }

    /** Told by the global store's processor of each suppression added or removed. */
    void changed() {
        changes.incrementAndGet();
    }

    /** A counter that moves whenever a suppression is added or removed in this instance. */
    public long changes() {
        return changes.get();
    }

    /** How many subjects are suppressed (exact: the store is in memory). */
    public long size() {
        KeyValueStore<String, byte[]> now = store;
        return now == null ? 0 : now.approximateNumEntries();
    }

    public void factSuppressed() {
        factSuppressed.run();
    }

    private boolean has(String pseudonym) {
        KeyValueStore<String, byte[]> now = store;
        return now != null && now.get(pseudonym) != null;
    }

    /** Hashes only when anything is suppressed at all: the usual case costs no HMAC. */
    private boolean hasSubject(String identifier) {
        return size() != 0 && has(pseudonyms.of(identifier));
    }

    /**
     * Whether a customer id is suppressed: the customer steps then forget the customer's rows outright
     * instead of keeping deleted markers under its id.
     */
    public boolean customerErased(String customerId) {
        return hasSubject(Identifiers.customer(customerId));
    }

    /** For the normaliser: whether a raw customer id, or a normalised phone or email, is suppressed. */
    public Suppressions suppressions() {
        return new Suppressions() {
            @Override
            public boolean customerSuppressed(String customerId) {
                return hasSubject(Identifiers.customer(customerId));
            }

            @Override
            public boolean phoneSuppressed(String e164) {
                return hasSubject(Identifiers.phone(e164));
            }

            @Override
            public boolean emailSuppressed(String email) {
                return hasSubject(Identifiers.email(email));
            }

            @Override
            public boolean isEmpty() {
                return size() == 0;
            }
        };
    }

    /** For the scan: kept facts filtered against the suppressions, phones and emails in them pseudonyms. */
    public ErasedFacts facts() {
        return new ErasedFacts(new ErasedFacts.Subjects() {
            @Override
            public boolean customer(String customerId) {
                return hasSubject(Identifiers.customer(customerId));
            }

            @Override
            public boolean phone(String storedPhone) {
                return has(storedPhone);
            }

            @Override
            public boolean email(String storedEmail) {
                return has(storedEmail);
            }
        });
    }
}
