package io.attributionstreams.export;

import io.attributionstreams.contract.AttributionUpdate;
import io.attributionstreams.contract.OutputTopics;
import io.attributionstreams.topology.Topics;
import io.attributionstreams.topology.outputs.AnswerAssembler;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads every record of {@code attribution-updates} with {@code read_committed} and checks, per key,
 * that each version is the previous one plus one: a doubled record (a version repeated) or a lost
 * one (a version skipped) shows up here, and so does an answer whose parts are not all there.
 */
public final class VersionChain {
    private VersionChain() {
    }

    /** The problems found, empty when every key's chain is 1, 2, 3, ... with tombstones in between. */
    public static List<String> check(String bootstrap) {
        List<String> problems = new ArrayList<>();
        Map<String, Long> last = new HashMap<>();
        AnswerAssembler answers = new AnswerAssembler();
        TopicReader.forEach(bootstrap, OutputTopics.ATTRIBUTION_UPDATES, r -> {
            String key = new String(r.key(), java.nio.charset.StandardCharsets.UTF_8);
            AttributionUpdate update;
            try {
                update = answers.accept(key, Topics.ATTRIBUTION_UPDATES.valueSerde().deserializer()
                        .deserialize(r.topic(), r.value())).map(AnswerAssembler.Answer::update).orElse(null);
            } catch (IllegalStateException incomplete) {
                problems.add(incomplete.getMessage());
                return;
            }
            if (update == null) {
                return; // a part, waiting for its answer, or a tombstone
            }
            long expected = last.getOrDefault(key, 0L) + 1;
            if (update.version() != expected) {
                problems.add(key + ": version " + update.version() + " after " + (expected - 1));
            }
            last.put(key, update.version());
        });
        return problems;
    }
}
