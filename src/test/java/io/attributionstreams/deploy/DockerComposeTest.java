package io.attributionstreams.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.attributionstreams.app.AppConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code docker-compose.yml}: Kafka, the topic job, the app, Prometheus and Grafana, wired to each other. */
class DockerComposeTest {
    private static final Pattern LISTENER = Pattern.compile("([A-Za-z0-9_]+)://([^:,]*):(\\d+)");

    private static JsonNode compose;

    @BeforeAll
    static void read() throws IOException {
        compose = new YAMLMapper().readTree(Path.of("docker-compose.yml").toFile());
    }

    private static JsonNode service(String name) {
        JsonNode service = compose.path("services").path(name);
        assertThat(service.isObject()).as("service " + name).isTrue();
        return service;
    }

    /** A service's environment, written as a map or as a list of NAME=value. */
    private static Map<String, String> env(String serviceName) {
        JsonNode env = service(serviceName).path("environment");
        Map<String, String> map = new LinkedHashMap<>();
        if (env.isArray()) {
            env.forEach(e -> {
                String[] kv = e.asText().split("=", 2);
                map.put(kv[0], kv.length > 1 ? kv[1] : "");
            });
        } else {
            env.properties().forEach(e -> map.put(e.getKey(), e.getValue().asText()));
        }
        return map;
    }

    private static List<String> strings(JsonNode array) {
        List<String> list = new ArrayList<>();
        array.forEach(n -> list.add(n.asText()));
        return list;
    }

    /** Listener name -> [host, port] of a KAFKA_LISTENERS / KAFKA_ADVERTISED_LISTENERS value. */
    private static Map<String, String[]> listeners(String value) {
        Map<String, String[]> map = new LinkedHashMap<>();
        Matcher m = LISTENER.matcher(value);
        while (m.find()) {
            map.put(m.group(1), new String[] {m.group(2), m.group(3)});
        }
        return map;
    }

    private static int appHttpPort() {
        return AppConfig.load(null, env("app"), Map.of()).getInt(AppConfig.HTTP_PORT);
    }

    /** A service's bind mounts of this repository's files: container path -> path in the repository. */
    private static Map<String, Path> bindMounts(String serviceName) {
        Map<String, Path> mounts = new LinkedHashMap<>();
        for (String volume : strings(service(serviceName).path("volumes"))) {
            String[] parts = volume.split(":");
            if (parts[0].startsWith(".")) {
                mounts.put(parts[1], Path.of(parts[0]).normalize());
            }
        }
        return mounts;
    }

    /** The services a service depends on, written as a list or as a map with conditions. */
    private static List<String> dependencies(String serviceName) {
        JsonNode dependsOn = service(serviceName).path("depends_on");
        if (dependsOn.isArray()) {
            return strings(dependsOn);
        }
        List<String> names = new ArrayList<>();
        dependsOn.properties().forEach(e -> names.add(e.getKey()));
        return names;
    }

    /** The port a service publishes for {@code containerPort} ("host:container"). */
    private static boolean publishes(String serviceName, int containerPort) {
        return strings(service(serviceName).path("ports")).stream()
                .map(p -> p.replaceAll("/.*", "").replaceAll(".*:", ""))
                .anyMatch(p -> p.equals(Integer.toString(containerPort)));
    }

    @Test
    void hasTheFiveServices() {
        assertThat(compose.path("services").properties()).extracting(Map.Entry::getKey)
                .contains("kafka", "topics", "app", "prometheus", "grafana");
    }

    @Test
    void kafkaIsASingleKraftNodeOfTheApacheImageWithAHealthcheck() throws IOException {
        Matcher version = Pattern.compile("<kafka\\.version>([^<]+)</kafka\\.version>").matcher(Files.readString(Path.of("pom.xml")));
        assertThat(version.find()).isTrue();
        // the broker of the version of the app's kafka-clients
        assertThat(service("kafka").path("image").asText()).isEqualTo("apache/kafka:" + version.group(1));
        assertThat(env("kafka").get("KAFKA_PROCESS_ROLES")).contains("broker").contains("controller");
        assertThat(strings(service("kafka").path("healthcheck").path("test"))).isNotEmpty();
    }

    @Test
    void appAndTopicsBuildFromTheDockerfile() {
        for (String name : List.of("app", "topics")) {
            JsonNode build = service(name).path("build");
            String context = build.isTextual() ? build.asText() : build.path("context").asText();
            String dockerfile = build.path("dockerfile").asText("Dockerfile");
            assertThat(Path.of(context).resolve(dockerfile).normalize()).as(name).isEqualTo(Path.of("Dockerfile"));
        }
    }

    @Test
    void topicsRunsOnceKafkaIsHealthyAndTheAppStartsAfterItSucceeded() {
        String bootstrap = env("app").get("ATTRIBUTION_BOOTSTRAP_SERVERS");
        assertThat(strings(service("topics").path("command"))).containsExactly("topics", "--bootstrap-servers", bootstrap);
        assertThat(service("topics").path("depends_on").path("kafka").path("condition").asText())
                .isEqualTo("service_healthy");
        assertThat(strings(service("app").path("command"))).containsExactly("run");
        assertThat(service("app").path("depends_on").path("topics").path("condition").asText())
                .isEqualTo("service_completed_successfully");
    }

    @Test
    void everyAttributionVariableOfTheAppSetsAKnownKey() {
        assertThat(env("app")).containsKeys("ATTRIBUTION_BOOTSTRAP_SERVERS", "ATTRIBUTION_STATE_DIR",
                "ATTRIBUTION_APPLICATION_SERVER");
        assertThat(ConfigKeys.unknown(env("app"))).isEmpty();
    }

    @Test
    void appBootstrapServersNameTheKafkaServiceOnAPortKafkaListensOn() {
        Map<String, String> kafka = env("kafka");
        Map<String, String[]> advertised = listeners(kafka.get("KAFKA_ADVERTISED_LISTENERS"));
        Map<String, String[]> bound = listeners(kafka.get("KAFKA_LISTENERS"));
        String bootstrap = env("app").get("ATTRIBUTION_BOOTSTRAP_SERVERS");
        assertThat(bootstrap).isNotBlank();
        for (String server : bootstrap.split(",")) {
            String[] hostPort = server.strip().split(":");
            assertThat(hostPort[0]).isEqualTo("kafka");
            String listener = advertised.entrySet().stream()
                    .filter(e -> e.getValue()[0].equals(hostPort[0]) && e.getValue()[1].equals(hostPort[1]))
                    .map(Map.Entry::getKey).findFirst().orElse(null);
            assertThat(listener).as("advertised listener for " + server).isNotNull();
            assertThat(bound).as("KAFKA_LISTENERS").containsKey(listener);
            assertThat(bound.get(listener)[1]).as("port " + listener + " binds").isEqualTo(hostPort[1]);
        }
    }

    @Test
    void appPublishesItsHttpPortAndAdvertisesItForQueries() {
        int port = appHttpPort();
        assertThat(port).isEqualTo(AppConfig.DEFAULT_HTTP_PORT);
        List<String> containerPorts = strings(service("app").path("ports")).stream()
                .map(p -> p.replaceAll("/.*", "").replaceAll(".*:", "")).toList();
        assertThat(containerPorts).contains(Integer.toString(port));
        assertThat(AppConfig.load(null, env("app"), Map.of()).get(StreamsConfig.APPLICATION_SERVER_CONFIG))
                .isEqualTo("app:" + port);
    }

    @Test
    void appStateDirIsANamedVolume() {
        String stateDir = env("app").get("ATTRIBUTION_STATE_DIR");
        List<String> volumes = strings(service("app").path("volumes"));
        assertThat(volumes).anySatisfy(v -> {
            String[] parts = v.split(":");
            assertThat(parts[1]).isEqualTo(stateDir);
            assertThat(compose.path("volumes").has(parts[0])).as("named volume " + parts[0]).isTrue();
        });
    }

    @Test
    void prometheusScrapesTheAppMetrics() throws IOException {
        String mount = strings(service("prometheus").path("volumes")).stream()
                .filter(v -> v.contains(":/etc/prometheus/prometheus.yml")).findFirst().orElseThrow();
        Path config = Path.of(mount.substring(0, mount.indexOf(':'))).normalize();
        assertThat(config).isEqualTo(Path.of("deploy/prometheus/prometheus.yml"));
        assertThat(Files.isRegularFile(config)).isTrue();

        JsonNode prometheus = new YAMLMapper().readTree(config.toFile());
        String target = "app:" + appHttpPort();
        List<JsonNode> jobs = new ArrayList<>();
        prometheus.path("scrape_configs").forEach(job -> {
            job.path("static_configs").forEach(s -> {
                if (strings(s.path("targets")).contains(target)) {
                    jobs.add(job);
                }
            });
        });
        assertThat(jobs).as("scrape job for " + target).hasSize(1);
        assertThat(jobs.get(0).path("metrics_path").asText()).isEqualTo("/metrics");
    }

    @Test
    void grafanaReadsThePrometheusServiceAndLoadsTheDashboard() throws IOException {
        assertThat(service("grafana").path("image").asText()).matches("grafana/grafana:\\d+\\.\\d+\\.\\d+");
        assertThat(dependencies("grafana")).contains("prometheus");
        assertThat(publishes("grafana", 3000)).isTrue();
        Map<String, Path> mounts = bindMounts("grafana");
        assertThat(mounts.get("/etc/grafana/provisioning")).isEqualTo(Path.of("deploy/grafana/provisioning"));

        JsonNode datasources = new YAMLMapper().readTree(
                Path.of("deploy/grafana/provisioning/datasources/prometheus.yml").toFile()).path("datasources");
        assertThat(datasources).hasSize(1);
        JsonNode datasource = datasources.get(0);
        assertThat(datasource.path("type").asText()).isEqualTo("prometheus");
        assertThat(publishes("prometheus", 9090)).isTrue();
        assertThat(datasource.path("url").asText()).isEqualTo("http://prometheus:9090");

        JsonNode providers = new YAMLMapper().readTree(
                Path.of("deploy/grafana/provisioning/dashboards/attribution-streams.yml").toFile()).path("providers");
        assertThat(providers).hasSize(1);
        String dashboardsPath = providers.get(0).path("options").path("path").asText();
        assertThat(mounts.get(dashboardsPath)).as("mount of " + dashboardsPath).isEqualTo(GrafanaDashboard.FILE.getParent());
        assertThat(Files.isRegularFile(GrafanaDashboard.FILE)).isTrue();

        String uid = datasource.path("uid").asText();
        for (JsonNode panel : GrafanaDashboard.read().panels()) {
            if (!panel.path("type").asText().equals("row")) {
                assertThat(panel.path("datasource").path("uid").asText()).as(panel.path("title").asText()).isEqualTo(uid);
                panel.path("targets").forEach(target ->
                        assertThat(target.path("datasource").path("uid").asText()).isEqualTo(uid));
            }
        }
    }

    @Test
    void theAppReadsThePseudonymKeyTheKeyJobMakesOnceInItsStateVolume() {
        String keyFile = env("app").get("ATTRIBUTION_PSEUDONYM_KEY_FILE");
        assertThat(keyFile).startsWith("/var/lib/attribution-streams/");
        assertThat(strings(service("app").path("volumes"))).contains("app-state:/var/lib/attribution-streams");
        assertThat(strings(service("pseudonym-key").path("volumes"))).contains("app-state:/var/lib/attribution-streams");
        String script = String.join(" ", strings(service("pseudonym-key").path("entrypoint")));
        assertThat(script).contains("test -s " + keyFile + " ||", "> " + keyFile, "/dev/urandom", "umask 077");
        assertThat(service("app").path("depends_on").path("pseudonym-key").path("condition").asText())
                .isEqualTo("service_completed_successfully");
    }

    /**
     * docs/warehouse.md: PostgreSQL creates the tables of deploy/connect/schema.sql; the Connect worker reads
     * read_committed and finds warehouse.properties where the connector files name it; the connectors job puts
     * every connector file; the app writes the credit rows the first connector sinks; the image is Debezium's, of
     * the version the warehouse test runs.
     */
    @Test
    void theWarehouseIsPostgresAConnectWorkerAndAJobThatPutsTheConnectors() throws IOException {
        assertThat(bindMounts("postgres")).containsValue(Path.of("deploy/connect/schema.sql"))
                .containsKey("/docker-entrypoint-initdb.d/10-attribution-schema.sql");
        assertThat(env("app")).containsEntry("ATTRIBUTION_OUTPUT_CREDITS", "true");
        Map<String, String> worker = env("connect");
        assertThat(worker).containsEntry("CONNECT_CONSUMER_ISOLATION_LEVEL", "read_committed")
                .containsEntry("CONNECT_CONFIG_PROVIDERS", "file")
                .containsEntry("CONNECT_CONFIG_PROVIDERS_FILE_CLASS",
                        "org.apache.kafka.common.config.provider.FileConfigProvider")
                .containsEntry("BOOTSTRAP_SERVERS", env("app").get("ATTRIBUTION_BOOTSTRAP_SERVERS"));
        String pom = Files.readString(Path.of("pom.xml"));
        Matcher debezium = Pattern.compile("<debezium.version>([^<]+)</debezium.version>").matcher(pom);
        assertThat(debezium.find()).isTrue();
        assertThat(service("connect").path("image").asText()).isEqualTo("quay.io/debezium/connect:" + debezium.group(1));
        assertThat(service("connectors").path("image").asText()).isEqualTo(service("connect").path("image").asText());
        assertThat(bindMounts("connectors")).containsEntry("/connect", Path.of("deploy/connect"));
        String job = String.join(" ", strings(service("connectors").path("entrypoint")));
        assertThat(job).contains("/connect/attribution-*.json", "-X PUT", "http://connect:8083/connectors/");
        assertThat(dependencies("connectors")).contains("connect");
        assertThat(dependencies("connect")).contains("postgres", "topics");

        Map<String, Path> mounts = bindMounts("connect");
        Path properties = Path.of("deploy/connect/warehouse.properties");
        String mounted = mounts.entrySet().stream().filter(e -> e.getValue().equals(properties))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
        try (var files = Files.list(Path.of("deploy/connect"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                JsonNode config = new com.fasterxml.jackson.databind.ObjectMapper().readTree(file.toFile());
                assertThat(config.path("connection.url").asText()).as(file.toString())
                        .isEqualTo("${file:" + mounted + ":url}");
            }
        }
        java.util.Properties warehouse = new java.util.Properties();
        try (var in = Files.newBufferedReader(properties)) {
            warehouse.load(in);
        }
        Map<String, String> postgres = env("postgres");
        assertThat(warehouse.getProperty("url")).isEqualTo("jdbc:postgresql://postgres:5432/"
                + postgres.get("POSTGRES_DB") + "?stringtype=unspecified");
        assertThat(warehouse.getProperty("username")).isEqualTo(postgres.get("POSTGRES_USER"));
        assertThat(warehouse.getProperty("password")).isEqualTo(postgres.get("POSTGRES_PASSWORD"));
    }

    @Test
    void everyPublishedPortIsOnTheLoopbackInterfaceOnly() {
        List<String> published = new ArrayList<>();
        compose.path("services").properties().forEach(service -> {
            assertThat(service.getValue().has("network_mode")).as(service.getKey() + " network_mode").isFalse();
            for (JsonNode port : service.getValue().path("ports")) {
                assertThat(port.isTextual()).as(service.getKey() + ": ports in the short form, host IP first").isTrue();
                assertThat(port.asText()).as(service.getKey()).startsWith("127.0.0.1:");
                published.add(service.getKey());
            }
        });
        assertThat(published).contains("kafka", "app", "prometheus", "grafana");
    }

    @Test
    void grafanasAdminPasswordComesFromAnEnvFileWithAPlaceholder() throws IOException {
        String text = Files.readString(Path.of("docker-compose.yml"));
        assertThat(text).doesNotContain("admin/admin").doesNotContainPattern("(?i)admin_password");
        assertThat(env("grafana")).doesNotContainKeys("GF_SECURITY_ADMIN_PASSWORD", "GF_SECURITY_ADMIN_USER");

        JsonNode envFile = service("grafana").path("env_file");
        String file = envFile.isArray() ? envFile.get(0).asText() : envFile.asText();
        Path path = Path.of(file).normalize();
        assertThat(path).isEqualTo(Path.of("deploy/grafana/grafana.env"));
        List<String> lines = Files.readAllLines(path);
        assertThat(lines).contains("GF_SECURITY_ADMIN_PASSWORD=change-me");
        assertThat(lines).noneMatch(l -> l.matches("GF_SECURITY_ADMIN_PASSWORD=(admin)?"));
        assertThat(String.join("\n", lines)).containsIgnoringCase("change the password");
    }
}
