package io.attributionstreams.broker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.attributionstreams.topology.Names;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The topics of {@code topics/} (Strimzi {@code KafkaTopic} files, packaged in the jar): the same
 * definitions the cluster's operator applies are what the application creates when they are missing.
 */
public final class TopicFiles {
    /** Every topic the application reads or writes, each with a file in {@code topics/}. */
    public static final List<String> TOPICS = List.of(Names.CUSTOMERS, Names.INTERACTIONS, Names.APPOINTMENTS,
            Names.PAYMENTS, Names.SPEND, Names.ATTRIBUTION_UPDATES, Names.CHANNEL_TOTALS, Names.CAMPAIGN_TOTALS,
            Names.MONTH_TOTALS, Names.PATH_TOTALS, Names.DLQ, Names.IDENTITY_CAPPED,
            Names.ERASURES, Names.ATTRIBUTION_CREDITS);

    private TopicFiles() {
    }

    /** A topic definition: name, partitions, replicas and topic configs. */
    public record TopicSpec(String name, int partitions, short replicas, Map<String, String> config) {
    }

    public static List<TopicSpec> load() {
        List<TopicSpec> specs = new ArrayList<>();
        for (String topic : TOPICS) {
            String resource = "/topics/" + topic + ".yaml";
            try (InputStream in = TopicFiles.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("missing topic definition " + resource);
                }
                JsonNode root = new YAMLMapper().readTree(in);
                JsonNode spec = root.path("spec");
                Map<String, String> config = new LinkedHashMap<>();
                spec.path("config").fields().forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
                specs.add(new TopicSpec(root.path("metadata").path("name").asText(topic), spec.path("partitions").asInt(1),
                        (short) spec.path("replicas").asInt(1), config));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + resource + ": " + e.getMessage(), e);
            }
        }
        return specs;
    }
}
