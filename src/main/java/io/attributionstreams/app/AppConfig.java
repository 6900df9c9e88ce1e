package io.attributionstreams.app;

import java.nio.charset.StandardCharsets;
import io.attributionstreams.normalise.Phones;
import io.attributionstreams.identity.BlockedIdentifiers;
import io.attributionstreams.privacy.Pseudonyms;
import io.attributionstreams.attribution.AttributionSettings;
import io.attributionstreams.attribution.SettingsText;
import io.attributionstreams.conversion.ConversionType;
import io.attributionstreams.credit.CreditModels;
import io.attributionstreams.ingest.IngestSettings;
import io.attributionstreams.ops.BearerToken;
import io.attributionstreams.ops.HttpLimits;
import io.attributionstreams.ops.HttpSetup;
import io.attributionstreams.ops.ServerTls;
import io.attributionstreams.topology.BoundedRocksDbMemory;
import io.attributionstreams.topology.Outputs;
import io.attributionstreams.topology.Pacing;
import io.attributionstreams.topology.StreamsSettings;
import io.attributionstreams.topology.TopologyMetrics;
import io.attributionstreams.webhook.CallRailAdapter;
import io.attributionstreams.webhook.ChannelRules;
import io.attributionstreams.webhook.JsonFactsAdapter;
import io.attributionstreams.webhook.TwilioAdapter;
import io.attributionstreams.webhook.TypeformAdapter;
import io.attributionstreams.webhook.WebhookAdapter;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The application's configuration, in layers: built-in defaults, then a properties file, then
 * environment variables ({@code ATTRIBUTION_*}), then command-line options; each layer overrides the
 * ones before. The result is unmodifiable. Keys are Kafka Streams / client keys as Kafka spells them
 * ({@code bootstrap.servers}, {@code num.stream.threads}) and the application's own {@code attribution.*}
 * keys. An environment variable is the key in upper case with dots and dashes as underscores and
 * {@code ATTRIBUTION_} in front, once: {@code ATTRIBUTION_BOOTSTRAP_SERVERS}, {@code ATTRIBUTION_ZONE}.
 */
public final class AppConfig {
    public static final String ENV_PREFIX = "ATTRIBUTION_";

    public static final String ZONE = "attribution.zone";
    public static final String REGION = "attribution.region";
    public static final String CURRENCY = "attribution.currency";
    public static final String TYPES = "attribution.types";
    public static final String MODELS = "attribution.models";
    public static final String LOOKBACK = "attribution.lookback";
    public static final String HALF_LIFE = "attribution.half-life";
    public static final String PATH_TRANSFORMS = "attribution.path-transforms";
    public static final String CHANNEL_TOTALS_INTERVAL = "attribution.channel-totals.interval";
    public static final String RECOMPUTE_PER_TOUCHPOINT = "attribution.recompute.per-touchpoint";
    public static final String RECOMPUTE_PACE_FROM = "attribution.recompute.pace-from";
    public static final String RECOMPUTE_PACE_CONVERSIONS_FROM = "attribution.recompute.pace-conversions-from";
    public static final String FANOUT_BUDGET = "attribution.fanout.budget";
    public static final String FANOUT_INTERVAL = "attribution.fanout.interval";
    public static final String CATCH_UP_LAG = "attribution.catch-up.lag";
    public static final long DEFAULT_CATCH_UP_LAG = 10_000;
    public static final String ROCKSDB_MEMORY = BoundedRocksDbMemory.MEMORY_BYTES;
    public static final String HTTP_PORT = "attribution.http.port";
    public static final String HTTP_ADVERTISED_HOST = "attribution.http.advertised-host";
    public static final String HTTP_BIND_ADDRESS = "attribution.http.bind-address";
    public static final String HTTP_OPS_PORT = "attribution.http.ops-port";
    public static final String HTTP_AUTH_TOKEN_FILE = "attribution.http.auth-token-file";
    public static final String HTTP_TLS_KEYSTORE_FILE = "attribution.http.tls.keystore-file";
    public static final String HTTP_TLS_KEYSTORE_PASSWORD_FILE = "attribution.http.tls.keystore-password-file";
    public static final String HTTP_TLS_TRUSTSTORE_FILE = "attribution.http.tls.truststore-file";
    public static final String HTTP_THREADS = "attribution.http.threads";
    public static final String HTTP_QUERY_THREADS = "attribution.http.query.threads";
    public static final String HTTP_QUERY_QUEUE = "attribution.http.query.queue";
    public static final String HTTP_CUSTOMERS_LIMIT = "attribution.http.query.customers.limit";
    public static final String HTTP_TOTALS_LIMIT = "attribution.http.query.totals.limit";
    public static final String HTTP_LIVE_FEEDS_LIMIT = "attribution.http.live-feeds.limit";
    public static final String HTTP_REQUEST_TIMEOUT = "attribution.http.request-timeout";
    public static final String HTTP_RESPONSE_TIMEOUT = "attribution.http.response-timeout";
    public static final String HTTP_IDLE_TIMEOUT = "attribution.http.idle-timeout";
    public static final String HTTP_FORWARD_TIMEOUT = "attribution.http.forward-timeout";
    public static final String TOPICS_CREATE = "attribution.topics.create";
    public static final String TOPICS_PARTITIONS = "attribution.topics.partitions";
    public static final String TOPICS_REPLICATION = "attribution.topics.replication-factor";
    public static final String EMBEDDED_PORT = "attribution.embedded-broker.port";
    public static final String EMBEDDED_DIR = "attribution.embedded-broker.dir";
    public static final String PSEUDONYM_KEY_FILE = "attribution.pseudonym.key-file";
    public static final String BLOCKED_FILE = "attribution.identity.blocked-file";
    public static final String MAX_CLAIMANTS = "attribution.identity.max-claimants";
    public static final String OUTPUT_CREDITS = "attribution.output.credits";
    public static final String HOT_IDENTIFIER_THRESHOLD = "attribution.metrics.hot-identifier-threshold";
    public static final String INGEST_CALLRAIL_KEY_FILE = "attribution.ingest.callrail.signing-key-file";
    public static final String INGEST_TWILIO_TOKEN_FILE = "attribution.ingest.twilio.auth-token-file";
    public static final String INGEST_TYPEFORM_SECRET_FILE = "attribution.ingest.typeform.secret-file";
    public static final String INGEST_TYPEFORM_EMAIL_REF = "attribution.ingest.typeform.email-ref";
    public static final String INGEST_TYPEFORM_PHONE_REF = "attribution.ingest.typeform.phone-ref";
    public static final String INGEST_TYPEFORM_HIDDEN = "attribution.ingest.typeform.hidden-fields";
    public static final String INGEST_TYPEFORM_CUSTOMER_ID = "attribution.ingest.typeform.customer-id-field";
    public static final String INGEST_JSON_TOKEN_FILE = "attribution.ingest.json.token-file";
    public static final String INGEST_JSON_SECRET_FILE = "attribution.ingest.json.secret-file";
    public static final String INGEST_PUBLIC_URL = "attribution.ingest.public-url";
    public static final String INGEST_CHANNEL_RULES = "attribution.ingest.channel-rules";
    public static final String INGEST_MAX_BYTES = "attribution.ingest.max-bytes";
    public static final String INGEST_TIMEOUT = "attribution.ingest.timeout";
    public static final String INGEST_THREADS = "attribution.ingest.threads";

    public static final int DEFAULT_KAFKA_PORT = 9092;
    public static final int DEFAULT_HTTP_PORT = 8080;

    /** The application's own keys with their defaults and meaning (docs/configuration.md lists them). */
    public static final Map<String, String[]> APP_KEYS = appKeys();

    /** Keys renamed, old to new: a layer that sets the old one sets the new one, with a warning. */
    private static final Map<String, String> RENAMED = Map.of(
            "attribution.http.query.channels.limit", HTTP_TOTALS_LIMIT);
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AppConfig.class);
    /** Keys that would silently break the topology if a layer set them. */
    private static final Set<String> FORBIDDEN = Set.of(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG,
            StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG);

    private final Map<String, String> values;

    private AppConfig(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
    }

    private static Map<String, String[]> appKeys() {
        Map<String, String[]> keys = new LinkedHashMap<>();
        keys.put(ZONE, new String[] {AttributionSettings.DEFAULT_ZONE, "business zone: offset-less times and calendar days"});
        keys.put(REGION, new String[] {AttributionSettings.DEFAULT_REGION, "default region of phone numbers without a country code"});
        keys.put(CURRENCY, new String[] {AttributionSettings.DEFAULT_CURRENCY, "the one accepted payment currency"});
        keys.put(TYPES, new String[] {ConversionType.ALL.stream().map(Enum::name).collect(Collectors.joining(",")),
            "conversion types"});
        keys.put(MODELS, new String[] {CreditModels.DEFAULT, "credit models, comma-separated"});
        keys.put(LOOKBACK, new String[] {"", "ISO-8601 duration; empty for none"});
        keys.put(HALF_LIFE, new String[] {AttributionSettings.DEFAULT_HALF_LIFE_TEXT, "time_decay half-life"});
        keys.put(PATH_TRANSFORMS, new String[] {"", "comma-separated path transforms applied before the models "
                + "(exposure, first, remove_if_not_all:CH, remove_if_last_and_not_all:CH); empty for none"});
        keys.put(CHANNEL_TOTALS_INTERVAL, new String[] {Pacing.DEFAULT.channelTotalsInterval().toString(), "ISO-8601 duration: how often each task sends its summed channel deltas on (how far channel totals may lag the updates)"});
        keys.put(RECOMPUTE_PER_TOUCHPOINT, new String[] {Pacing.DEFAULT.recomputePerTouchpoint().toString(),
            "ISO-8601 duration: after recomputing a customer with k touchpoints (k >= attribution.recompute.pace-from), "
                + "its next changes wait k times this and are recomputed together (PT0S: every change at once)"});
        keys.put(RECOMPUTE_PACE_FROM, new String[] {Integer.toString(Pacing.DEFAULT.recomputePaceFrom()),
            "facts (touchpoints, appointments, payments) from which a customer is recomputed at that pace; smaller "
                + "ones always at once"});
        keys.put(RECOMPUTE_PACE_CONVERSIONS_FROM, new String[] {Integer.toString(Pacing.DEFAULT.conversionsPaceFrom()),
            "facts from which a customer's bookings, visits and payments wait for its pace too (smaller customers: "
                + "never)"});
        keys.put(FANOUT_BUDGET, new String[] {Integer.toString(Pacing.DEFAULT.fanOutBudget()),
            "link targets (customers an interaction reaches, or interactions a claim reaches) one identity event "
                + "serves itself; the rest is served later, that many per attribution.fanout.interval"});
        keys.put(CATCH_UP_LAG, new String[] {Long.toString(DEFAULT_CATCH_UP_LAG),
            "records behind (input and repartition topics) from which the app is catching up: every changed "
                + "customer then waits, and is recomputed once the app has stayed at half of this or under for 5 s (0: never)"});
        keys.put(FANOUT_INTERVAL, new String[] {Pacing.DEFAULT.fanOutInterval().toString(),
            "ISO-8601 duration: how often each identity task serves deferred fan-outs, attribution.fanout.budget "
                + "targets each time"});
        keys.put(ROCKSDB_MEMORY, new String[] {Long.toString(BoundedRocksDbMemory.DEFAULT_MEMORY_BYTES), "bytes of off-heap memory all RocksDB stores of the process share: block cache, index and filter blocks, memtables (half at most)"});
        keys.put(HTTP_PORT, new String[] {Integer.toString(DEFAULT_HTTP_PORT), "HTTP port (metrics, health, queries)"});
        keys.put(HTTP_ADVERTISED_HOST, new String[] {"", "host name other instances reach this one at, for "
                + "application.server when that is not set (empty: this machine's host name)"});
        keys.put(HTTP_BIND_ADDRESS, new String[] {HttpSetup.ALL_INTERFACES, "address the HTTP ports listen on "
                + "(0.0.0.0: every interface; 127.0.0.1: this machine only)"});
        keys.put(HTTP_OPS_PORT, new String[] {"", "a separate plain-HTTP port for /health/live, /health/ready and "
                + "/metrics, which then leave the main port (empty: on the main port)"});
        keys.put(HTTP_AUTH_TOKEN_FILE, new String[] {"", "file holding the bearer token (at least 32 characters) "
                + "the queries, /settings and the live feed need; the same for every instance (empty: no token)"});
        keys.put(HTTP_TLS_KEYSTORE_FILE, new String[] {"", "PKCS12 keystore: the main port serves HTTPS with its key "
                + "and certificate, and forwarding between instances uses HTTPS (empty: plain HTTP)"});
        keys.put(HTTP_TLS_KEYSTORE_PASSWORD_FILE, new String[] {"", "file holding the keystore's password "
                + "(and the truststore's)"});
        keys.put(HTTP_TLS_TRUSTSTORE_FILE, new String[] {"", "PKCS12 file of the certificates forwarding trusts "
                + "(empty: the keystore's own certificate)"});
        HttpLimits http = HttpLimits.DEFAULT;
        keys.put(HTTP_THREADS, new String[] {Integer.toString(http.serverThreads()), "threads that read HTTP requests "
                + "and answer health, metrics, settings and the dashboard's files; they hand queries on and never wait for one"});
        keys.put(HTTP_QUERY_THREADS, new String[] {Integer.toString(http.queryThreads()), "threads answering queries "
                + "(/customers, /channels, /campaigns, /months, /updates/recent); more than the two limits below together"});
        keys.put(HTTP_QUERY_QUEUE, new String[] {Integer.toString(http.queryQueue()), "queries waiting for a query thread; "
                + "past it a query is answered 503 with Retry-After"});
        keys.put(HTTP_CUSTOMERS_LIMIT, new String[] {Integer.toString(http.customerQueries()), "customer lookups from "
                + "clients in progress (waiting or running) at once; past it 503 with Retry-After"});
        keys.put(HTTP_TOTALS_LIMIT, new String[] {Integer.toString(http.channelQueries()), "/channels, /campaigns, "
                + "/months and /paths requests from clients in progress at once, counted together (each gathers from every "
                + "instance); past it 503 with Retry-After. Was attribution.http.query.channels.limit, still read"});
        keys.put(HTTP_LIVE_FEEDS_LIMIT, new String[] {Integer.toString(http.liveFeeds()), "open live feeds "
                + "(/updates/stream), each holding a thread; past it 503 with Retry-After"});
        keys.put(HTTP_REQUEST_TIMEOUT, new String[] {http.requestTimeout().toString(), "ISO-8601 duration, whole "
                + "seconds: a connection still sending its request (line, headers and a webhook's body) after this is closed"});
        keys.put(HTTP_RESPONSE_TIMEOUT, new String[] {http.responseTimeout().toString(), "ISO-8601 duration, whole "
                + "seconds, at least PT10S: a response not complete this long after its request is cut; a live feed "
                + "ends itself 5 s before and the browser reconnects"});
        keys.put(HTTP_IDLE_TIMEOUT, new String[] {http.idleTimeout().toString(), "ISO-8601 duration, whole seconds: "
                + "an idle kept-alive connection is closed after this"});
        keys.put(HTTP_FORWARD_TIMEOUT, new String[] {http.forwardTimeout().toString(), "ISO-8601 duration: the longest "
                + "a query waits for the instance it forwarded to before answering 503"});
        keys.put(TOPICS_CREATE, new String[] {"true", "create missing topics from topics/ at start"});
        keys.put(TOPICS_PARTITIONS, new String[] {"", "override the partitions of topics/ when creating (empty: as in the files)"});
        keys.put(TOPICS_REPLICATION, new String[] {"", "override the replication factor when creating (empty: as in the files, capped at the broker count)"});
        keys.put(EMBEDDED_PORT, new String[] {Integer.toString(DEFAULT_KAFKA_PORT), "port of the embedded broker started when no bootstrap.servers is set"});
        keys.put(EMBEDDED_DIR, new String[] {"", "data folder of the embedded broker (empty: a temporary folder)"});
        keys.put(BLOCKED_FILE, new String[] {"", "file of phones and emails, one a line, that link nobody: "
                + "treated as invalid wherever they appear (a switchboard, 000-000-0000, test@test.com); empty: none"});
        keys.put(MAX_CLAIMANTS, new String[] {"0", "the claimant cap: a phone or email that more customers claim "
                + "links none of them, reported on attribution-identity-capped (0: no cap). Changing it needs a "
                + "reprocess"});
        keys.put(OUTPUT_CREDITS, new String[] {"false", "also write every answer as flat rows, a touchpoint's credit "
                + "a record, to attribution-credits, for table sinks (docs/warehouse.md)"});
        keys.put(PSEUDONYM_KEY_FILE, new String[] {"", "file holding the secret key (at least 32 characters) that "
                + "turns phones and emails into pseudonyms before any repartition topic or store; the same for every "
                + "instance (empty: with the embedded broker, a key made in its folder; otherwise a key kept in the "
                + "topic <application.id>-pseudonym-key)"});
        keys.put(HOT_IDENTIFIER_THRESHOLD, new String[] {Integer.toString(TopologyMetrics.DEFAULT_HOT_IDENTIFIER_THRESHOLD),
            "claiming customers an identifier may have before attribution.identity.hot counts it"});
        keys.put(INGEST_CALLRAIL_KEY_FILE, new String[] {"", "file holding CallRail's company signing key: serves "
                + "POST /ingest/callrail (empty: not served)"});
        keys.put(INGEST_TWILIO_TOKEN_FILE, new String[] {"", "file holding the Twilio account's auth token: serves "
                + "POST /ingest/twilio (empty: not served)"});
        keys.put(INGEST_TYPEFORM_SECRET_FILE, new String[] {"", "file holding the Typeform webhook's secret: serves "
                + "POST /ingest/typeform (empty: not served)"});
        keys.put(INGEST_TYPEFORM_EMAIL_REF, new String[] {"", "ref of the Typeform question whose answer is the email "
                + "(empty: the first email answer)"});
        keys.put(INGEST_TYPEFORM_PHONE_REF, new String[] {"", "ref of the Typeform question whose answer is the phone "
                + "(empty: the first phone number answer)"});
        keys.put(INGEST_TYPEFORM_HIDDEN, new String[] {"", "Typeform hidden fields named otherwise than the UTM tag or "
                + "click id they carry, as tag=field pairs separated by commas: utm_source=src,gclid=click (empty: "
                + "the hidden fields are named utm_source, utm_medium, utm_campaign, gclid, ...)"});
        keys.put(INGEST_TYPEFORM_CUSTOMER_ID, new String[] {"", "Typeform hidden field that carries the customer's "
                + "id; anyone can fill a hidden field from the form's link, so set it only for forms whose links carry "
                + "ids nobody can change (empty: none)"});
        keys.put(INGEST_JSON_TOKEN_FILE, new String[] {"", "file holding the bearer token (at least 32 characters) for "
                + "POST /ingest/json/<topic>, facts in the engine's own shape (empty: the token is not accepted)"});
        keys.put(INGEST_JSON_SECRET_FILE, new String[] {"", "file holding the HMAC-SHA256 key for "
                + "POST /ingest/json/<topic> (X-Attribution-Signature; empty: the signature is not accepted); "
                + "with neither, /ingest/json is not served"});
        keys.put(INGEST_PUBLIC_URL, new String[] {"", "scheme and host (and port) the webhook senders call, e.g. "
                + "https://hooks.example.com, which Twilio signs (empty: rebuilt from X-Forwarded-Proto, "
                + "X-Forwarded-Host or Host)"});
        keys.put(INGEST_CHANNEL_RULES, new String[] {"", "CSV file of channel rules (channel,source,medium,campaign,"
                + "click_id), first match wins (empty: GA4's default channel group)"});
        keys.put(INGEST_MAX_BYTES, new String[] {Long.toString(IngestSettings.DEFAULT_MAX_BYTES), "largest webhook "
                + "body taken, in bytes; a larger one is answered 413"});
        keys.put(INGEST_TIMEOUT, new String[] {IngestSettings.DEFAULT_TIMEOUT.toString(), "ISO-8601 duration: how long a "
                + "webhook waits for the broker to acknowledge its facts before it is answered 503"});
        keys.put(INGEST_THREADS, new String[] {Integer.toString(IngestSettings.DEFAULT_THREADS), "threads that take "
                + "webhooks and wait for the broker (4 waiting per thread, then 503)"});
        return Collections.unmodifiableMap(keys);
    }

    /** The Kafka Streams keys whose defaults the application sets. */
    public static Properties kafkaDefaults() {
        return StreamsSettings.defaults();
    }

    /**
     * Builds the configuration from its layers.
     *
     * @param file a properties file, or null
     * @param env the environment (System.getenv() in production)
     * @param cli key/value pairs from command-line options, highest priority
     */
    public static AppConfig load(Path file, Map<String, String> env, Map<String, String> cli) {
        Map<String, String> values = new LinkedHashMap<>();
        APP_KEYS.forEach((key, spec) -> values.put(key, spec[0]));
        kafkaDefaults().forEach((k, v) -> values.put(k.toString(), v.toString()));
        if (file != null) {
            values.putAll(checked(readFile(file), "file " + file));
        }
        values.putAll(checked(fromEnvironment(env), "environment"));
        values.putAll(checked(cli, "command line"));
        return new AppConfig(values);
    }

    private static Map<String, String> checked(Map<String, String> given, String source) {
        Map<String, String> layer = new LinkedHashMap<>();
        given.forEach((key, value) -> {
            String now = RENAMED.get(key);
            if (now == null) {
                layer.put(key, value);
            } else {
                LOG.warn("{} set in the {} is now called {}; read as that", key, source, now);
                if (!given.containsKey(now)) { // within one layer the new name wins
                    layer.put(now, value);
                }
            }
        });
        for (String key : layer.keySet()) {
            if (FORBIDDEN.contains(key)) {
                throw new IllegalArgumentException(key + " set in the " + source
                        + ": the topology sets its own serdes; remove it");
            }
        }
        return layer;
    }

    private static Map<String, String> readFile(Path file) {
        Properties p = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            p.load(reader);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("config file not found: " + file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read config file " + file + ": " + e.getMessage());
        }
        Map<String, String> map = new LinkedHashMap<>();
        p.stringPropertyNames().forEach(k -> map.put(k.strip(), p.getProperty(k).strip()));
        return map;
    }

    /** {@code ATTRIBUTION_HALF_LIFE} -> {@code attribution.half-life}; {@code ATTRIBUTION_NUM_STREAM_THREADS} -> {@code num.stream.threads}. */
    static Map<String, String> fromEnvironment(Map<String, String> env) {
        Map<String, String> map = new LinkedHashMap<>();
        env.forEach((name, value) -> {
            if (name.startsWith(ENV_PREFIX) && name.length() > ENV_PREFIX.length()) {
                map.put(keyOf(name), value);
            }
        });
        return map;
    }

    /** The environment variable for a key. */
    public static String envName(String key) {
        String bare = key.startsWith("attribution.") ? key.substring("attribution.".length()) : key;
        return ENV_PREFIX + bare.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** The key an environment variable sets. */
    public static String keyOf(String envName) {
        for (String key : APP_KEYS.keySet()) {
            if (envName(key).equals(envName)) {
                return key;
            }
        }
        for (String key : RENAMED.keySet()) {
            if (envName(key).equals(envName)) {
                return key;
            }
        }
        return envName.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
    }

    /**
     * This configuration with one more value above every layer: for what the application works out
     * itself at start (an embedded broker's address, {@code application.server}).
     */
    public AppConfig with(String key, String value) {
        Map<String, String> more = new LinkedHashMap<>(values);
        more.put(key, value);
        return new AppConfig(more);
    }

    public String get(String key) {
        String value = values.get(key);
        return value == null || value.isBlank() ? null : value;
    }

    public boolean has(String key) {
        return get(key) != null;
    }

    public int getInt(String key) {
        String value = get(key);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, got '" + value + "'");
        }
    }

    /** {@code true} or {@code false}, in any case; anything else is an error (not a silent false). */
    public boolean getBoolean(String key) {
        String value = get(key).strip();
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(value);
        }
        throw new IllegalArgumentException(key + " must be true or false, got '" + value + "'");
    }

    public Duration getDuration(String key) {
        Duration d = getDurationOrZero(key);
        if (d.isZero()) {
            throw new IllegalArgumentException(key + " must be a positive duration, got '" + get(key) + "'");
        }
        return d;
    }

    /** The topology's pacing: channel totals interval, the recompute pace of large customers, the fan-out budget. */
    /**
     * The pseudonym key of {@value #PSEUDONYM_KEY_FILE}, or empty when it is not set (the app then keeps
     * one in Kafka, the same for every instance). A file that is missing or too short is an error.
     */
    public Optional<Pseudonyms> pseudonymKeyFile() {
        return has(PSEUDONYM_KEY_FILE) ? Optional.of(Pseudonyms.fromKeyFile(Path.of(get(PSEUDONYM_KEY_FILE))))
                : Optional.empty();
    }

    /** The optional outputs: {@value #OUTPUT_CREDITS}. */
    public Outputs outputs() {
        return new Outputs(getBoolean(OUTPUT_CREDITS));
    }

    /** The claimant cap of {@value #MAX_CLAIMANTS}, 0 for none. */
    public int maxClaimants() {
        int k = getInt(MAX_CLAIMANTS);
        if (k < 0) {
            throw new IllegalArgumentException(MAX_CLAIMANTS + " must be 0 (no cap) or more, got " + k);
        }
        return k;
    }

    /**
     * The blocked phones and emails of {@value #BLOCKED_FILE}, normalised with this app's region; none
     * when it is not set. A line that is no phone or email is an error naming the line, not the value.
     */
    public BlockedIdentifiers blockedIdentifiers() {
        if (!has(BLOCKED_FILE)) {
            return BlockedIdentifiers.NONE;
        }
        Path file = Path.of(get(BLOCKED_FILE));
        try {
            return BlockedIdentifiers.parse(Files.readAllLines(file, StandardCharsets.UTF_8),
                    new Phones(attributionSettings().region()), BLOCKED_FILE + " " + file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(BLOCKED_FILE + ": file not found: " + file);
        } catch (IOException e) {
            throw new IllegalArgumentException(BLOCKED_FILE + ": cannot read " + file + ": " + e.getClass().getSimpleName());
        }
    }

    /** The lag of {@value #CATCH_UP_LAG}; 0 for never catching up. */
    public long catchUpLag() {
        long lag;
        try {
            lag = Long.parseLong(get(CATCH_UP_LAG).strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(CATCH_UP_LAG + " must be a whole number of records, got '"
                    + get(CATCH_UP_LAG) + "'");
        }
        if (lag < 0) {
            throw new IllegalArgumentException(CATCH_UP_LAG + " must be 0 (never) or more, got " + lag);
        }
        return lag;
    }

    public Pacing pacing() {
        return new Pacing(getDuration(CHANNEL_TOTALS_INTERVAL), getDurationOrZero(RECOMPUTE_PER_TOUCHPOINT),
                getInt(RECOMPUTE_PACE_FROM), getInt(RECOMPUTE_PACE_CONVERSIONS_FROM), getInt(FANOUT_BUDGET),
                getDuration(FANOUT_INTERVAL));
    }

    private Duration getDurationOrZero(String key) {
        String value = get(key);
        try {
            Duration d = Duration.parse(value);
            if (d.isNegative()) {
                throw new IllegalArgumentException(key + " must not be a negative duration, got '" + value + "'");
            }
            return d;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(key + " must be an ISO-8601 duration such as PT1S, got '" + value + "'");
        }
    }

    public Map<String, String> asMap() {
        return values;
    }

    /** The Kafka Streams properties: every key that is not the application's own. */
    public Properties streamsProperties() {
        Properties p = new Properties();
        values.forEach((k, v) -> {
            if (!k.startsWith("attribution.") && v != null && !v.isBlank()) {
                p.put(k, v);
            }
        });
        return p;
    }

    /** The HTTP port's threads, queues, limits and timeouts. */
    public HttpLimits httpLimits() {
        try {
            return new HttpLimits(getInt(HTTP_THREADS), getInt(HTTP_QUERY_THREADS), getInt(HTTP_QUERY_QUEUE),
                    getInt(HTTP_CUSTOMERS_LIMIT), getInt(HTTP_TOTALS_LIMIT), getInt(HTTP_LIVE_FEEDS_LIMIT),
                    getDuration(HTTP_REQUEST_TIMEOUT), getDuration(HTTP_RESPONSE_TIMEOUT), getDuration(HTTP_IDLE_TIMEOUT),
                    getDuration(HTTP_FORWARD_TIMEOUT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("attribution.http.*: " + e.getMessage(), e);
        }
    }

    /**
     * Where the HTTP server listens, with what certificate and behind what token. A missing or unreadable
     * file, a token too short, a keystore that does not open: an error naming the key, never a secret.
     */
    public HttpSetup httpSetup() {
        HttpSetup setup = HttpSetup.plain(getInt(HTTP_PORT)).boundTo(get(HTTP_BIND_ADDRESS) == null
                ? HttpSetup.ALL_INTERFACES : get(HTTP_BIND_ADDRESS));
        if (has(HTTP_OPS_PORT)) {
            setup = setup.withOpsPort(getInt(HTTP_OPS_PORT));
        }
        Optional<BearerToken> token = httpToken();
        if (token.isPresent()) {
            setup = setup.withToken(token.get());
        }
        if (has(HTTP_TLS_KEYSTORE_FILE)) {
            setup = setup.withTls(serverTls());
        } else if (has(HTTP_TLS_KEYSTORE_PASSWORD_FILE) || has(HTTP_TLS_TRUSTSTORE_FILE)) {
            throw new IllegalArgumentException(HTTP_TLS_KEYSTORE_PASSWORD_FILE + " and " + HTTP_TLS_TRUSTSTORE_FILE
                    + " need " + HTTP_TLS_KEYSTORE_FILE);
        }
        return setup;
    }

    /** The bearer token of {@value #HTTP_AUTH_TOKEN_FILE}, or empty when it is not set. */
    public Optional<BearerToken> httpToken() {
        if (!has(HTTP_AUTH_TOKEN_FILE)) {
            return Optional.empty();
        }
        String text = secretFile(HTTP_AUTH_TOKEN_FILE);
        try {
            return Optional.of(BearerToken.of(text));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(HTTP_AUTH_TOKEN_FILE + ": " + e.getMessage() + " (in "
                    + get(HTTP_AUTH_TOKEN_FILE) + ")");
        }
    }

    private ServerTls serverTls() {
        if (!has(HTTP_TLS_KEYSTORE_PASSWORD_FILE)) {
            throw new IllegalArgumentException(HTTP_TLS_KEYSTORE_FILE + " needs " + HTTP_TLS_KEYSTORE_PASSWORD_FILE);
        }
        char[] password = secretFile(HTTP_TLS_KEYSTORE_PASSWORD_FILE).toCharArray();
        try {
            return ServerTls.load(Path.of(get(HTTP_TLS_KEYSTORE_FILE)), password,
                    has(HTTP_TLS_TRUSTSTORE_FILE) ? Path.of(get(HTTP_TLS_TRUSTSTORE_FILE)) : null);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(HTTP_TLS_KEYSTORE_FILE + " / " + HTTP_TLS_TRUSTSTORE_FILE + ": "
                    + e.getMessage());
        } finally {
            java.util.Arrays.fill(password, '\0');
        }
    }

    /** The trimmed text of the file {@code key} names; errors name the key and the file, never the content. */
    private String secretFile(String key) {
        Path file = Path.of(get(key));
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(key + ": file not found: " + file);
        } catch (IOException e) {
            throw new IllegalArgumentException(key + ": cannot read " + file + ": " + e.getClass().getSimpleName());
        }
    }

    /**
     * The webhook ingest's sources and limits. A source is served only when its secret is configured, so that
     * nothing is ever taken unsigned; an unreadable secret or rules file is an error naming the key.
     */
    public IngestSettings ingestSettings() {
        ChannelRules rules = has(INGEST_CHANNEL_RULES) ? ChannelRules.load(Path.of(get(INGEST_CHANNEL_RULES)))
                : ChannelRules.defaults();
        Map<String, WebhookAdapter> sources = new LinkedHashMap<>();
        if (has(INGEST_CALLRAIL_KEY_FILE)) {
            sources.put(CallRailAdapter.SOURCE, new CallRailAdapter(secretFile(INGEST_CALLRAIL_KEY_FILE), rules));
        }
        if (has(INGEST_TWILIO_TOKEN_FILE)) {
            sources.put(TwilioAdapter.SOURCE, new TwilioAdapter(secretFile(INGEST_TWILIO_TOKEN_FILE), rules));
        }
        if (has(INGEST_TYPEFORM_SECRET_FILE)) {
            TypeformAdapter.Fields fields = new TypeformAdapter.Fields(get(INGEST_TYPEFORM_EMAIL_REF),
                    get(INGEST_TYPEFORM_PHONE_REF), TypeformAdapter.Fields.DEFAULT.hidden(),
                    get(INGEST_TYPEFORM_CUSTOMER_ID));
            try {
                fields = fields.withHidden(pairs(INGEST_TYPEFORM_HIDDEN));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(INGEST_TYPEFORM_HIDDEN + ": " + e.getMessage());
            }
            sources.put(TypeformAdapter.SOURCE, new TypeformAdapter(secretFile(INGEST_TYPEFORM_SECRET_FILE), fields,
                    rules));
        }
        if (has(INGEST_JSON_TOKEN_FILE) || has(INGEST_JSON_SECRET_FILE)) {
            String token = has(INGEST_JSON_TOKEN_FILE) ? secretFile(INGEST_JSON_TOKEN_FILE) : null;
            if (token != null && token.length() < 32) {
                throw new IllegalArgumentException(INGEST_JSON_TOKEN_FILE + ": the token must have at least 32 "
                        + "characters (in " + get(INGEST_JSON_TOKEN_FILE) + ")");
            }
            sources.put(JsonFactsAdapter.SOURCE, new JsonFactsAdapter(token,
                    has(INGEST_JSON_SECRET_FILE) ? secretFile(INGEST_JSON_SECRET_FILE) : null));
        }
        for (String key : List.of(INGEST_CALLRAIL_KEY_FILE, INGEST_TWILIO_TOKEN_FILE, INGEST_TYPEFORM_SECRET_FILE,
                INGEST_JSON_SECRET_FILE)) {
            if (has(key) && secretFile(key).isEmpty()) {
                throw new IllegalArgumentException(key + ": the file is empty (" + get(key) + ")");
            }
        }
        long maxBytes;
        try {
            maxBytes = Long.parseLong(get(INGEST_MAX_BYTES));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(INGEST_MAX_BYTES + " must be a number of bytes, got '"
                    + get(INGEST_MAX_BYTES) + "'");
        }
        return new IngestSettings(sources, get(INGEST_PUBLIC_URL), maxBytes, getDuration(INGEST_TIMEOUT),
                getInt(INGEST_THREADS));
    }

    /** {@code a=b,c=d} as a map; empty when the key is not set. */
    private Map<String, String> pairs(String key) {
        Map<String, String> pairs = new LinkedHashMap<>();
        if (!has(key)) {
            return pairs;
        }
        for (String pair : get(key).split(",")) {
            int eq = pair.indexOf('=');
            if (eq <= 0 || eq == pair.length() - 1) {
                throw new IllegalArgumentException("'" + pair.strip() + "' is not tag=field");
            }
            pairs.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
        }
        return pairs;
    }

    public AttributionSettings attributionSettings() {
        // names the key and the option that set it: the value may come from a file, the environment or the line
        return SettingsText.parse(get(ZONE), get(REGION), get(CURRENCY), get(TYPES), get(MODELS), get(LOOKBACK),
                get(HALF_LIFE), get(PATH_TRANSFORMS), name -> "attribution." + name + " (--" + name + ")");
    }
}
