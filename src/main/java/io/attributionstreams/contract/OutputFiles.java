package io.attributionstreams.contract;

import java.util.List;

/**
 * The names and CSV headers of the output files (docs/contract.md §7, §12 and §15), in one place: the batch
 * engine writes them and {@code export} writes them again from the topics, and both must agree byte for
 * byte. A test holds these headers to the "Batch files" table of docs/contract.md.
 */
public final class OutputFiles {
    public static final String ATTRIBUTION_FILE = "attribution.csv";
    public static final String CHANNELS_FILE = "channels.csv";
    public static final String CAMPAIGNS_FILE = "campaigns.csv";
    public static final String MONTHS_FILE = "months.csv";
    public static final String PATHS_FILE = "paths.csv";
    public static final String REJECTS_FILE = "rejects.csv";
    /** The identifiers the claimant cap holds back, as pseudonyms (docs/contract.md §10). */
    public static final String CAPPED_FILE = "capped.csv";
    /** The files {@code export} writes: what the output topics hold. */
    public static final List<String> EXPORTED = List.of(ATTRIBUTION_FILE, CHANNELS_FILE, CAMPAIGNS_FILE, MONTHS_FILE,
            PATHS_FILE);

    public static final List<String> ATTRIBUTION_HEADER = List.of("customer_id", "conversion_type", "model",
            "conversion_at", "interaction_id", "type", "channel", "campaign", "occurred_at", "credit", "revenue");
    public static final List<String> CHANNELS_HEADER =
            List.of("conversion_type", "model", "channel", "credit", "revenue", "touchpoints");
    public static final List<String> CAMPAIGNS_HEADER =
            List.of("conversion_type", "model", "channel", "campaign", "credit", "revenue", "touchpoints");
    public static final List<String> MONTHS_HEADER =
            List.of("conversion_type", "model", "month", "channel", "credit", "revenue", "touchpoints");
    public static final List<String> PATHS_HEADER = List.of("conversion_type", "path", "conversions", "revenue");
    /** Appended to the channel, campaign and month headers when the input has spend (§12). */
    public static final List<String> MONEY_COLUMNS = List.of("spend", "roas", "cost_per_conversion");
    /** Appended to the channel header, before the money columns, when {@code markov} runs (§14). */
    public static final String REMOVAL_EFFECT = "removal_effect";
    public static final List<String> REJECTS_HEADER = List.of("file", "line", "id", "reason");
    public static final List<String> CAPPED_HEADER = List.of("identifier_pseudonym", "claimants");

    private OutputFiles() {
    }
}
