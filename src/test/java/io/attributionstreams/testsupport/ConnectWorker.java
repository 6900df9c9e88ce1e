package io.attributionstreams.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.attributionstreams.broker.EmbeddedKafka;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.connect.cli.ConnectStandalone;
import org.apache.kafka.connect.runtime.Connect;
import org.apache.kafka.connect.runtime.standalone.StandaloneHerder;

/**
 * A Kafka Connect worker in the test's JVM (connect-runtime, standalone mode, offsets in a file), with its
 * REST API on a free loopback port: connectors are configured through it as an operator would, with the
 * files of {@code deploy/connect/}. Its plugins are the connectors and transforms on the test classpath.
 */
public final class ConnectWorker implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Connect<StandaloneHerder> connect;
    private final URI rest;
    private final HttpClient http = HttpClient.newHttpClient();

    private ConnectWorker(Connect<StandaloneHerder> connect, URI rest) {
        this.connect = connect;
        this.rest = rest;
    }

    /**
     * @param bootstrapServers the cluster it reads from and keeps its state in
     * @param dir where its offsets file goes
     */
    public static ConnectWorker start(String bootstrapServers, Path dir) throws IOException {
        int port = EmbeddedKafka.freePort();
        Map<String, String> worker = new HashMap<>();
        worker.put("bootstrap.servers", bootstrapServers);
        worker.put("listeners", "http://127.0.0.1:" + port);
        worker.put("offset.storage.file.filename", dir.resolve("connect.offsets").toString());
        worker.put("offset.flush.interval.ms", "1000");
        worker.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        worker.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        // the connectors on the classpath declare themselves to the ServiceLoader: no scan of every class
        worker.put("plugin.discovery", "service_load");
        worker.put("config.providers", "file");
        worker.put("config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider");
        // no consumer.isolation.level here (compose's worker sets it too): the connectors' own
        // consumer.override.isolation.level=read_committed is what keeps an aborted transaction out of a table
        Connect<StandaloneHerder> connect = new ConnectStandalone().startConnect(worker);
        return new ConnectWorker(connect, URI.create("http://127.0.0.1:" + port));
    }

    /** Creates or updates connector {@code name} with {@code config} (a JSON object), as PUT does. */
    public void put(String name, String config) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(rest.resolve("/connectors/" + name + "/config"))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(config)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new AssertionError("PUT connector " + name + ": " + response.statusCode() + " " + response.body());
        }
    }

    /** The connector's state and its tasks' states, as the status endpoint reports them. */
    public JsonNode status(String name) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(rest.resolve("/connectors/" + name
                + "/status")).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    /** Whether the connector and all its tasks (at least one) are RUNNING; a FAILED one is an error, with its trace. */
    public boolean running(String name) throws Exception {
        JsonNode status = status(name);
        if (!status.has("connector")) {
            return false;
        }
        if ("FAILED".equals(status.path("connector").path("state").asText())) {
            throw new AssertionError("connector " + name + " failed: " + status.path("connector").path("trace"));
        }
        boolean tasks = status.path("tasks").size() > 0;
        for (JsonNode task : status.path("tasks")) {
            if ("FAILED".equals(task.path("state").asText())) {
                throw new AssertionError("connector " + name + " task failed: " + task.path("trace").asText());
            }
            tasks &= "RUNNING".equals(task.path("state").asText());
        }
        return tasks && "RUNNING".equals(status.path("connector").path("state").asText());
    }

    @Override
    public void close() {
        connect.stop();
        connect.awaitStop();
    }
}
