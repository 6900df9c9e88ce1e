package io.attributionstreams.topology.attribution;

import io.attributionstreams.attribution.CustomerAttributor;
import io.attributionstreams.attribution.CustomerFacts;
import io.attributionstreams.attribution.Outcome;
import io.attributionstreams.attribution.OutcomeDigest;
import io.attributionstreams.channels.CampaignKey;
import io.attributionstreams.channels.ChannelTotal;
import io.attributionstreams.channels.ChannelTotals;
import io.attributionstreams.conversion.ConversionType;
import io.attributionstreams.markov.Journey;
import io.attributionstreams.topology.markov.JourneyChange;
import io.attributionstreams.topology.markov.StoredJourney;
import io.attributionstreams.contract.AttributionUpdate;
import io.attributionstreams.contract.TotalKeys;
import io.attributionstreams.topology.Backlog;
import io.attributionstreams.topology.Names;
import io.attributionstreams.topology.Pacing;
import io.attributionstreams.topology.events.Keyed;
import io.attributionstreams.topology.outputs.AnswerParts;
import io.attributionstreams.topology.outputs.TotalKind;
import io.attributionstreams.topology.touchpoints.CustomerChange;
import io.attributionstreams.topology.touchpoints.CustomerFactsReader;
import java.time.Duration;
import java.time.YearMonth;
import java.util.EnumMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Step 3b, by customer id: recomputes a changed customer's answers with the batch engine's own
 * per-customer code, compares each (type, model) with the last emitted answer, and emits only what
 * changed: a record with the version raised by one, a tombstone when an answer disappears, and the
 * per-channel delta (new contribution minus old) for the channel totals.
 *
 * <p>A customer with many touchpoints is recomputed at its {@link Pacing pace}: a change that comes
 * sooner than that after its last recompute is noted in the logged {@code pending-recomputes} store
 * and recomputed, with every change after it, once the pause is over. Which customers are paused is
 * kept in memory only: losing it in a crash just means the next change is recomputed at once.
 *
 * <p>While the application is catching up ({@link Backlog}), every change waits the same way, in the same
 * store, until it has caught up: each waiting customer is then recomputed once, a slice of them per
 * punctuation so that new facts are not held up behind the whole back-log.
 */
final class AttributeProcessor implements Processor<String, CustomerChange, String, AnswerChange> {
    /**
     * How long one punctuation recomputes customers that waited for the catch-up: long enough to get through
     * a back-log quickly, short enough that a new fact waits little behind it.
     */
    static final long CATCH_UP_SLICE_NANOS = 50_000_000;
    /** Often, so that slices follow each other closely while the stream thread has nothing else to do. */
    private static final Duration CATCH_UP_CHECK_INTERVAL = Duration.ofMillis(10);
    private final CustomerAttributor attributor;
    private final Pacing pacing;
    private final AttributionEvents events;
    /** Whether a customer id is erased: its retracted answers then keep no row under its id. */
    private final Predicate<String> erased;
    /** Customers recomputed lately at their pace, and when their next recompute may run. */
    private final Map<String, Long> pausedUntil = new HashMap<>();
    /** Customers so large at their last recompute that their conversions wait for the pace too. */
    private final Set<String> conversionsPaced = new HashSet<>();
    /** The customers in the pending store, and when they are due (the store is the truth; this is its index). */
    private final Map<String, Long> due = new HashMap<>();
    /** The customers in the pending store that wait until the application has caught up, in arrival order. */
    private final Set<String> waitingForCatchUp = new LinkedHashSet<>();
    private final Backlog backlog;
    private KeyValueStore<String, Long> pending;
    private ProcessorContext<String, AnswerChange> context;
    private CustomerFactsReader customers;
    private KeyValueStore<String, EmittedAnswer> answers;
    private Contributions contributions;
    /** Each customer's last path per conversion type, when markov runs; null when it does not. */
    private KeyValueStore<String, StoredJourney> journeys;
    private final String settings;
    private final DeltaKeys deltaKeys = new DeltaKeys();

    AttributeProcessor(CustomerAttributor attributor, String settings, Pacing pacing, AttributionEvents events,
            Predicate<String> erased, Backlog backlog) {
        this.backlog = backlog;
        this.settings = settings;
        this.erased = erased;
        this.attributor = attributor;
        this.pacing = pacing;
        this.events = events;
    }

    @Override
    public void init(ProcessorContext<String, AnswerChange> context) {
        this.context = context;
        this.customers = new CustomerFactsReader(context.getStateStore(Names.CUSTOMER_STATUS),
                context.getStateStore(Names.CUSTOMER_TOUCHPOINTS), context.getStateStore(Names.CUSTOMER_APPOINTMENTS),
                context.getStateStore(Names.CUSTOMER_PAYMENTS));
        this.answers = context.getStateStore(Names.CUSTOMER_ANSWERS);
        this.contributions = new Contributions(context.getStateStore(Names.ANSWER_CHANNELS));
        this.pending = context.getStateStore(Names.PENDING_RECOMPUTES);
        this.journeys = context.getStateStore(Names.CUSTOMER_JOURNEYS);
        // init runs again after a crash or a task moving here: what was deferred before is due now
        pausedUntil.clear();
        conversionsPaced.clear();
        due.clear();
        waitingForCatchUp.clear();
        try (KeyValueIterator<String, Long> all = pending.all()) {
            // in slices, as after catching up: a crash in a back-log may leave every customer waiting
            all.forEachRemaining(kv -> waitingForCatchUp.add(kv.key));
        }
        context.schedule(pacing.deferredCheckInterval(), PunctuationType.WALL_CLOCK_TIME, this::recomputeDue);
        context.schedule(CATCH_UP_CHECK_INTERVAL, PunctuationType.WALL_CLOCK_TIME, this::recomputeCaughtUp);
    }

    @Override
    public void process(Record<String, CustomerChange> record) {
        String customerId = record.key();
        long now = context.currentSystemTimeMs();
        CustomerChange change = record.value();
        if (backlog.catchingUp()) {
            // far behind: this answer is about to change again; recompute it once, when caught up
            if (!waiting(customerId)) {
                pending.put(customerId, record.timestamp());
            }
            due.remove(customerId);
            waitingForCatchUp.add(customerId);
            events.deferred();
            return;
        }
        boolean mayWait = change.paced()
                || (change == CustomerChange.CONVERSION_FACTS && conversionsPaced.contains(customerId));
        if (!mayWait) {
            // a booking, visit, payment or the customer's existence: never waits; covers what was deferred
            boolean wasDue = due.remove(customerId) != null;
            boolean wasWaitingForCatchUp = waitingForCatchUp.remove(customerId);
            if (wasDue || wasWaitingForCatchUp) {
                pending.delete(customerId);
            }
            recompute(record, now);
            return;
        }
        if (waiting(customerId)) {
            events.deferred(); // already waiting, with an earlier event's time: this change joins it
            return;
        }
        Long until = pausedUntil.get(customerId);
        if (until != null && until > now) {
            pending.put(customerId, record.timestamp());
            due.put(customerId, until);
            events.deferred();
            return;
        }
        recompute(record, now);
    }

    private boolean waiting(String customerId) {
        return due.containsKey(customerId) || waitingForCatchUp.contains(customerId);
    }

    /** Recomputes the deferred customers whose pause is over; the record time is each one's earliest change's. */
    private void recomputeDue(long now) {
        List<String> ready = due.entrySet().stream().filter(e -> e.getValue() <= now).map(Map.Entry::getKey)
                .sorted().toList();
        for (String customerId : ready) {
            due.remove(customerId);
            recomputeWaiting(customerId, now);
        }
        pausedUntil.values().removeIf(until -> until <= now);
    }

    /**
     * Once caught up, recomputes the customers that waited for it, for {@link #CATCH_UP_SLICE_NANOS} at most:
     * the rest at the next punctuation, with new facts processed in between.
     */
    private void recomputeCaughtUp(long now) {
        if (waitingForCatchUp.isEmpty() || backlog.catchingUp()) {
            return;
        }
        long sliceEnd = System.nanoTime() + CATCH_UP_SLICE_NANOS;
        for (Iterator<String> it = waitingForCatchUp.iterator(); it.hasNext() && System.nanoTime() < sliceEnd;) {
            String customerId = it.next();
            it.remove();
            recomputeWithoutPause(customerId, now);
        }
    }

    private void recomputeWaiting(String customerId, long now) {
        Long firstChange = pending.get(customerId);
        pending.delete(customerId);
        recompute(new Record<>(customerId, CustomerChange.TOUCHPOINTS, firstChange == null ? now : firstChange), now);
    }

    /**
     * Recomputes a customer that waited for the catch-up: once, and without a pause after it. That one
     * recompute took the place of all the changes it waited for; the changes still to come from the end of
     * the back-log (fan-outs served over the next seconds) should not then wait up to a minute each.
     */
    private void recomputeWithoutPause(String customerId, long now) {
        recomputeWaiting(customerId, now);
        pausedUntil.remove(customerId);
    }

    private void recompute(Record<String, CustomerChange> record, long wallClock) {
        String customerId = record.key();
        CustomerFacts facts = facts(customerId);
        int size = facts.touchpoints().size() + facts.appointments().size() + facts.payments().size();
        long pause = pacing.recomputePauseMillis(size);
        if (pacing.pacesConversions(size)) {
            conversionsPaced.add(customerId);
        } else {
            conversionsPaced.remove(customerId);
        }
        if (pause > 0) {
            pausedUntil.put(customerId, wallClock + pause);
        } else {
            pausedUntil.remove(customerId);
        }
        Map<String, Outcome> now = new LinkedHashMap<>();
        CustomerAttributor.Answer answer = attributor.answer(facts);
        emitJourneys(record, customerId, answer.journeys());
        for (Outcome outcome : answer.outcomes()) {
            now.put(EmittedAnswer.storeKey(customerId, outcome.type(), outcome.model()), outcome);
        }
        Map<String, EmittedAnswer> before = emittedAnswers(customerId);
        List<String> keys = new ArrayList<>(before.keySet());
        now.keySet().stream().filter(k -> !before.containsKey(k)).forEach(keys::add);
        for (String key : keys) {
            EmittedAnswer last = before.get(key);
            Outcome outcome = now.get(key);
            if (outcome == null && last != null && !last.attributed() && erased.test(customerId)) {
                answers.delete(key); // the mark of an answer withdrawn before, under an erased customer's id
                continue;
            }
            String digest = outcome == null ? null : OutcomeDigest.of(outcome);
            YearMonth month = outcome == null ? null : ChannelTotals.monthOf(outcome, attributor.settings().zone());
            boolean sameAnswer = Objects.equals(last == null ? null : last.digest(), digest);
            // the month a FIRST_CONTACT counts in is its earliest crediting touchpoint's, which a model crediting
            // the last touchpoint alone does not show in its answer: an earlier touchpoint moves the month only
            if (sameAnswer && Objects.equals(last == null ? null : last.countedIn(), month)) {
                continue;
            }
            long version = last == null ? 0 : last.version();
            boolean wasAttributed = last != null && last.attributed();
            int previousParts = last == null ? 0 : last.parts();
            int parts = sameAnswer ? previousParts : 0;
            if (sameAnswer) {
                // the record on the topic stands as it is; only the totals move
            } else if (outcome != null && outcome.attributed()) {
                version++;
                parts = emitUpdate(record, AnswerParts.of(AttributionUpdate.of(outcome, version, settings), previousParts));
                events.updated(outcome, wasAttributed);
            } else if (wasAttributed) {
                emitUpdate(record, AnswerParts.removal(Outcome.key(customerId, last.type(), last.model()),
                        previousParts));
                events.retracted(last.type(), last.model());
            }
            Map<CampaignKey, ChannelTotal> campaigns = outcome == null ? Map.of()
                    : ChannelTotals.campaignContribution(outcome);
            emitDeltas(record, contributions.of(key, last), Contributions.Added.of(campaigns, month));
            if (outcome == null) {
                contributions.forget(key, last);
                if (erased.test(customerId)) {
                    answers.delete(key);
                } else {
                    answers.put(key, EmittedAnswer.none(version, last.type(), last.model()));
                }
            } else {
                answers.put(key, EmittedAnswer.of(version, outcome, digest, contributions.keep(key, last, campaigns),
                        parts, month));
            }
        }
    }

    /**
     * Each conversion type's path that changed: the path summary's rows take the old converted path out and put
     * the new one in (docs/contract.md §15); when markov runs, the change goes on, old and new, keyed by the
     * type, whose Markov counts are summed by type (§14). Without markov only converted paths are kept: the
     * others count nowhere. A customer with no touchpoint (deleted, erased, detached) has no path and keeps
     * no entry.
     */
    private void emitJourneys(Record<String, CustomerChange> record, String customerId, List<Journey> paths) {
        boolean markov = attributor.settings().markov();
        Map<ConversionType, StoredJourney> byType = new EnumMap<>(ConversionType.class);
        paths.stream().filter(j -> markov || j.converted()).forEach(j -> byType.put(j.type(), StoredJourney.of(j)));
        for (ConversionType type : attributor.settings().types()) {
            String key = Names.compositeKey(customerId, type.name());
            StoredJourney before = journeys.get(key);
            StoredJourney after = byType.get(type);
            if (Objects.equals(before, after)) {
                continue;
            }
            if (after == null) {
                journeys.delete(key);
            } else {
                journeys.put(key, after);
            }
            Map<String, ChannelTotal> delta = new TreeMap<>();
            pathRow(before).ifPresent(path -> delta.merge(path, ChannelTotal.conversion(before.revenueCents(), -1),
                    ChannelTotal::plus));
            pathRow(after).ifPresent(path -> delta.merge(path, ChannelTotal.conversion(after.revenueCents(), 1),
                    ChannelTotal::plus));
            delta.forEach((path, part) -> {
                if (!part.isEmpty()) {
                    emit(record, TotalKind.PATH.deltaKey(path), AnswerChange.delta(part));
                }
            });
            if (markov) {
                emit(record, type.name(), AnswerChange.path(new JourneyChange(before, after)));
            }
        }
    }

    /** The path summary's row a stored path counts in (its topic key), if any. */
    private static Optional<String> pathRow(StoredJourney journey) {
        return journey == null ? Optional.empty() : journey.pathKey().map(TotalKeys::path);
    }

    /** The customer's facts from the stores; none at all while the customer does not exist. */
    private CustomerFacts facts(String customerId) {
        Optional<CustomerFacts> facts = customers.read(customerId);
        // only existing customers: one that does not exist has no touchpoints by definition, not zero of them
        facts.ifPresent(f -> events.recomputed(f.touchpoints().size()));
        return facts.orElseGet(() -> new CustomerFacts(customerId, List.of(), List.of(), List.of()));
    }

    private Map<String, EmittedAnswer> emittedAnswers(String customerId) {
        Map<String, EmittedAnswer> emitted = new HashMap<>();
        try (KeyValueIterator<String, EmittedAnswer> it = CustomerFactsReader.scan(answers, customerId)) {
            while (it.hasNext()) {
                KeyValue<String, EmittedAnswer> kv = it.next();
                emitted.put(kv.key, kv.value);
            }
        }
        return emitted;
    }

    /** New contribution minus old, per channel, campaign and month row that changed. */
    private void emitDeltas(Record<String, CustomerChange> record, Contributions.Added old, Contributions.Added now) {
        emitDeltas(record, TotalKind.CHANNEL, old.channels(), now.channels(), TotalKeys::channel);
        emitDeltas(record, TotalKind.CAMPAIGN, old.campaigns(), now.campaigns(), TotalKeys::campaign);
        emitDeltas(record, TotalKind.MONTH, old.months(), now.months(), TotalKeys::month);
    }

    private <K> void emitDeltas(Record<String, CustomerChange> record, TotalKind kind, Map<K, ChannelTotal> old,
            Map<K, ChannelTotal> now, Function<K, String> topicKey) {
        // by row, not by key text: the text is built (once, DeltaKeys) only for the rows that moved
        Map<K, ChannelTotal> delta = new HashMap<>(now);
        old.forEach((key, part) -> delta.merge(key, ChannelTotal.ZERO.minus(part), ChannelTotal::plus));
        delta.forEach((key, part) -> {
            if (!part.isEmpty()) {
                emit(record, deltaKeys.of(kind, key, topicKey), AnswerChange.delta(part));
            }
        });
    }

    /**
     * The records of one answer (its parts, then itself) or of its removal (tombstones), timed from the input
     * record that caused them.
     */
    private int emitUpdate(Record<String, CustomerChange> record, AnswerParts.Written written) {
        for (Keyed<AttributionUpdate> keyed : written.records()) {
            emit(record, keyed.key(), AnswerChange.update(keyed.value()));
        }
        events.written(context.currentSystemTimeMs() - record.timestamp());
        return written.parts();
    }

    private void emit(Record<String, CustomerChange> record, String key, AnswerChange change) {
        context.forward(record.withKey(key).withValue(change));
    }
}
