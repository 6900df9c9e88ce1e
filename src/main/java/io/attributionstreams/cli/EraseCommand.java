package io.attributionstreams.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.attributionstreams.batch.InputException;
import io.attributionstreams.app.AppConfig;
import io.attributionstreams.attribution.AttributionSettings;
import io.attributionstreams.broker.BrokerCheck;
import io.attributionstreams.broker.KafkaClients;
import io.attributionstreams.broker.TopicCreator;
import io.attributionstreams.normalise.Emails;
import io.attributionstreams.normalise.Phones;
import io.attributionstreams.ops.BearerToken;
import io.attributionstreams.privacy.ErasureRequest;
import io.attributionstreams.replay.Replayer;
import io.attributionstreams.topology.Names;
import io.attributionstreams.topology.serde.JsonSerde;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code erase}: writes one erasure request (docs/contract.md §11) to {@code attribution-erasures}. Given a
 * customer id, it asks the running engine for the pseudonyms of the customer's phones and emails
 * ({@code GET /customers/{id}/identifiers}) and names them all in the request, with the phones and emails
 * given on the line: the request, not what the engine knows when it arrives, decides what is suppressed.
 * It prints counts, never a value.
 */
@Command(name = "erase", mixinStandardHelpOptions = true,
        description = "Write one erasure request to attribution-erasures: a customer (its phones and emails looked up "
                + "in the running engine) and/or phones and emails given here.")
public final class EraseCommand implements Callable<Integer> {
    private static final ObjectMapper PLAIN = new ObjectMapper();

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--customer-id", paramLabel = "ID", description = "The customer to erase, with every phone and "
            + "email the engine holds for it (unless --no-lookup).")
    String customerId;

    @Option(names = "--phone", paramLabel = "PHONE", description = "A phone to erase (repeatable); normalised as in facts.")
    List<String> phones = new ArrayList<>();

    @Option(names = "--email", paramLabel = "EMAIL", description = "An email to erase (repeatable).")
    List<String> emails = new ArrayList<>();

    @Option(names = "--engine", paramLabel = "URL", defaultValue = "http://localhost:8080",
            description = "The running engine's HTTP address, to look the customer up (default: ${DEFAULT-VALUE}).")
    URI engine;

    @Option(names = "--engine-token-file", paramLabel = "FILE", description = "File holding the engine's bearer token, "
            + "sent with the lookup (default: " + AppConfig.HTTP_AUTH_TOKEN_FILE + " from --config, the environment or "
            + "--set; none when not set).")
    java.nio.file.Path engineTokenFile;

    @Option(names = "--no-lookup", description = "Do not ask the engine: name only the customer id and the values given.")
    boolean noLookup;

    @Option(names = "--request-id", paramLabel = "ID", description = "The request's key (default: erase-<random UUID>).")
    String requestId;

    @Option(names = "--region", paramLabel = "R",
            description = "Region for phones without a country code: the engine's attribution.region (default: "
                    + AttributionSettings.DEFAULT_REGION + ").")
    String region;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        String customer = customerId == null || customerId.isBlank() ? null : customerId.strip();
        if (customer == null && phones.isEmpty() && emails.isEmpty()) {
            throw new IllegalArgumentException("name a subject: --customer-id, --phone or --email");
        }
        Map<String, String> named = new LinkedHashMap<>();
        named.put(AppConfig.REGION, region);
        named.put(AppConfig.HTTP_AUTH_TOKEN_FILE, engineTokenFile == null ? null : engineTokenFile.toString());
        AppConfig config = connection.load(named);
        KafkaClients clients = KafkaClients.of(config.asMap());
        String region = config.get(AppConfig.REGION);
        Phones numbers = new Phones(region);
        for (int i = 0; i < phones.size(); i++) {
            if (numbers.normalise(phones.get(i)) == null) {
                throw new IllegalArgumentException("--phone #" + (i + 1) + " is not a valid phone number (region "
                        + region + ")");
            }
        }
        for (int i = 0; i < emails.size(); i++) {
            if (Emails.normalise(emails.get(i)) == null) {
                throw new IllegalArgumentException("--email #" + (i + 1) + " is not a usable email address");
            }
        }
        PrintWriter err = spec.commandLine().getErr();
        List<String> pseudonyms = customer == null || noLookup ? List.of()
                : lookUp(customer, config.httpToken().orElse(null), err);
        ErasureRequest request = new ErasureRequest(customer, List.copyOf(phones), List.copyOf(emails), pseudonyms);
        String key = requestId == null ? "erase-" + UUID.randomUUID() : requestId;

        BrokerCheck.require(clients);
        TopicCreator.createMissing(clients, 0, 0);
        RecordMetadata written;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Replayer.producerSettings(clients))) {
            written = producer.send(new ProducerRecord<>(Names.ERASURES, key,
                    JsonSerde.of(ErasureRequest.class).toBytes(request))).get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the request was not written to " + Names.ERASURES + ": "
                    + (e.getCause() == null ? e : e.getCause()).getClass().getSimpleName());
        }
        err.printf(Locale.ROOT, "erase: request %s written to %s (partition %d, offset %d): %s%d phone%s, %d email%s, "
                        + "%d identifier%s looked up in the engine%n", key, Names.ERASURES, written.partition(),
                written.offset(), customer == null ? "" : "customer " + customer + ", ", phones.size(),
                phones.size() == 1 ? "" : "s", emails.size(), emails.size() == 1 ? "" : "s", pseudonyms.size(),
                pseudonyms.size() == 1 ? "" : "s");
        err.flush();
        return 0;
    }

    /**
     * The pseudonyms the engine holds for the customer; none when it holds no such customer.
     *
     * @param token the engine's bearer token, or null when it wants none
     */
    private List<String> lookUp(String customer, BearerToken token, PrintWriter err) throws InterruptedException {
        URI uri = engine.resolve("/customers/" + URLEncoder.encode(customer, StandardCharsets.UTF_8)
                .replace("+", "%20") + "/identifiers");
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET();
        if (token != null) {
            request.header("Authorization", token.authorization());
        }
        HttpResponse<String> response;
        try {
            response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build().send(request.build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new InputException("cannot ask the engine at " + engine + " for the customer's identifiers ("
                    + e.getClass().getSimpleName() + "); is it running? --no-lookup names only what is given");
        }
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw new InputException("the engine at " + engine + " " + (response.statusCode() == 401
                    ? "wants a bearer token (401): give --engine-token-file, or set " + AppConfig.HTTP_AUTH_TOKEN_FILE
                    : "refused the bearer token (403): --engine-token-file must hold the engine's "
                            + AppConfig.HTTP_AUTH_TOKEN_FILE));
        }
        if (response.statusCode() == 404) {
            err.println("erase: the engine holds no customer " + customer
                    + " (never seen, or deleted): the request names only what is given here");
            return List.of();
        }
        if (response.statusCode() != 200) {
            throw new InputException("the engine at " + engine + " answered " + response.statusCode()
                    + " for the customer's identifiers; try again, or --no-lookup");
        }
        try {
            List<String> pseudonyms = new ArrayList<>();
            for (JsonNode p : PLAIN.readTree(response.body()).path("pseudonyms")) {
                pseudonyms.add(p.asText());
            }
            return pseudonyms;
        } catch (IOException e) {
            throw new InputException("the engine at " + engine + " answered something that is not JSON");
        }
    }
}
