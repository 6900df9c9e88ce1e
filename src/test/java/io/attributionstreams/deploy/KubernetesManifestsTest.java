package io.attributionstreams.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.core.type.TypeReference;
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
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code k8s/}: a StatefulSet behind a headless Service, its ConfigMap and PodDisruptionBudget, consistent with each other and the app. */
class KubernetesManifestsTest {
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
    };

    private static JsonNode statefulSet;
    private static JsonNode service;
    private static JsonNode configMap;
    private static JsonNode pdb;

    @BeforeAll
    static void read() throws IOException {
        statefulSet = manifest("statefulset.yaml", "StatefulSet");
        service = manifest("service-headless.yaml", "Service");
        configMap = manifest("configmap.yaml", "ConfigMap");
        pdb = manifest("pdb.yaml", "PodDisruptionBudget");
    }

    private static JsonNode manifest(String file, String kind) throws IOException {
        JsonNode node = YAML.readTree(Path.of("k8s", file).toFile());
        assertThat(node.path("kind").asText()).as(file).isEqualTo(kind);
        return node;
    }

    private static JsonNode podSpec() {
        return statefulSet.path("spec").path("template").path("spec");
    }

    private static JsonNode container() {
        assertThat(podSpec().path("containers").size()).isEqualTo(1);
        return podSpec().path("containers").get(0);
    }

    private static Map<String, String> podLabels() {
        return YAML.convertValue(statefulSet.path("spec").path("template").path("metadata").path("labels"), STRING_MAP);
    }

    private static Map<String, String> configMapData() {
        return YAML.convertValue(configMap.path("data"), STRING_MAP);
    }

    /** The container's literal env values, in order (downward-API variables map to their field path). */
    private static Map<String, String> containerEnv() {
        Map<String, String> env = new LinkedHashMap<>();
        container().path("env").forEach(e -> env.put(e.path("name").asText(), e.has("value")
                ? e.path("value").asText() : e.path("valueFrom").path("fieldRef").path("fieldPath").asText()));
        return env;
    }

    /** What the app sees: the ConfigMap (envFrom), overridden by the container's env. */
    private static AppConfig appConfig() {
        Map<String, String> env = new LinkedHashMap<>(configMapData());
        env.putAll(containerEnv());
        return AppConfig.load(null, env, Map.of());
    }

    private static JsonNode containerPort(String name) {
        for (JsonNode port : container().path("ports")) {
            if (port.path("name").asText().equals(name)) {
                return port;
            }
        }
        throw new AssertionError("no container port named " + name);
    }

    @Test
    void everyAttributionVariableSetsAKnownKey() {
        assertThat(configMapData()).containsKeys("ATTRIBUTION_BOOTSTRAP_SERVERS", "ATTRIBUTION_ZONE",
                "ATTRIBUTION_MODELS", "ATTRIBUTION_TYPES", "ATTRIBUTION_NUM_STREAM_THREADS", "ATTRIBUTION_TOPICS_CREATE");
        assertThat(ConfigKeys.unknown(configMapData())).as("ConfigMap").isEmpty();
        assertThat(containerEnv()).containsKeys("ATTRIBUTION_APPLICATION_SERVER", "ATTRIBUTION_STATE_DIR");
        assertThat(ConfigKeys.unknown(containerEnv())).as("StatefulSet env").isEmpty();
        assertThat(container().path("envFrom").findValuesAsText("name"))
                .contains(configMap.path("metadata").path("name").asText());
    }

    @Test
    void configurationIsValidAndLeavesTopicsToStrimzi() {
        assertThatCode(() -> appConfig().attributionSettings()).doesNotThrowAnyException();
        assertThat(appConfig().getInt("num.stream.threads")).isPositive();
        assertThat(appConfig().get(AppConfig.TOPICS_CREATE)).isEqualTo("false");
    }

    @Test
    void bootstrapServersAreTheStrimziClusterOfTheTopicFiles() throws IOException {
        Set<String> clusters = new TreeSet<>();
        try (Stream<Path> files = Files.list(Path.of("topics"))) {
            for (Path file : files.toList()) {
                clusters.add(YAML.readTree(file.toFile()).path("metadata").path("labels").path("strimzi.io/cluster").asText());
            }
        }
        assertThat(clusters).hasSize(1);
        String host = appConfig().get("bootstrap.servers").split(":")[0];
        assertThat(host.split("\\.")[0]).isEqualTo(clusters.iterator().next() + "-kafka-bootstrap");
    }

    @Test
    void containerServesHttpOnTheAppPortAndProbesTheHealthPaths() {
        int port = appConfig().getInt(AppConfig.HTTP_PORT);
        assertThat(port).isEqualTo(AppConfig.DEFAULT_HTTP_PORT);
        assertThat(containerPort("http").path("containerPort").asInt()).isEqualTo(port);
        assertThat(YAML.convertValue(container().path("args"), String[].class)).containsExactly("run");

        JsonNode readiness = container().path("readinessProbe").path("httpGet");
        JsonNode liveness = container().path("livenessProbe").path("httpGet");
        assertThat(readiness.path("path").asText()).isEqualTo("/health/ready");
        assertThat(liveness.path("path").asText()).isEqualTo("/health/live");
        assertThat(List.of(readiness.path("port").asText(), liveness.path("port").asText())).containsOnly("http");
    }

    @Test
    void podsAdvertiseTheirNameInTheHeadlessServiceAsApplicationServer() {
        String serviceName = service.path("metadata").path("name").asText();
        assertThat(statefulSet.path("spec").path("serviceName").asText()).isEqualTo(serviceName);
        assertThat(service.path("spec").path("clusterIP").asText()).isEqualTo("None");
        JsonNode servicePort = service.path("spec").path("ports").get(0);
        assertThat(servicePort.path("name").asText()).isEqualTo("http");
        assertThat(servicePort.path("port").asInt()).isEqualTo(containerPort("http").path("containerPort").asInt());

        Map<String, String> env = containerEnv();
        assertThat(env).containsEntry("POD_NAME", "metadata.name").containsEntry("POD_NAMESPACE", "metadata.namespace");
        assertThat(env.get("ATTRIBUTION_APPLICATION_SERVER")).isEqualTo("$(POD_NAME)." + serviceName
                + ".$(POD_NAMESPACE).svc.cluster.local:" + containerPort("http").path("containerPort").asInt());
        // $(VAR) only expands variables defined earlier in the list
        List<String> names = new ArrayList<>(env.keySet());
        assertThat(names.indexOf("POD_NAME")).isLessThan(names.indexOf("ATTRIBUTION_APPLICATION_SERVER"));
        assertThat(names.indexOf("POD_NAMESPACE")).isLessThan(names.indexOf("ATTRIBUTION_APPLICATION_SERVER"));
    }

    @Test
    void statefulSetServiceAndBudgetSelectThePods() {
        Map<String, String> labels = podLabels();
        assertThat(labels).isNotEmpty();
        Map<String, String> stsSelector = YAML.convertValue(statefulSet.path("spec").path("selector").path("matchLabels"), STRING_MAP);
        Map<String, String> serviceSelector = YAML.convertValue(service.path("spec").path("selector"), STRING_MAP);
        Map<String, String> pdbSelector = YAML.convertValue(pdb.path("spec").path("selector").path("matchLabels"), STRING_MAP);
        for (Map<String, String> selector : List.of(stsSelector, serviceSelector, pdbSelector)) {
            assertThat(selector).isNotEmpty();
            assertThat(labels).containsAllEntriesOf(selector);
        }
        assertThat(pdb.path("spec").path("maxUnavailable").asInt()).isEqualTo(1);
        assertThat(statefulSet.path("spec").path("replicas").asInt()).isGreaterThan(1);
    }

    @Test
    void stateDirIsAPersistentVolumeClaim() {
        String stateDir = appConfig().get("state.dir");
        assertThat(stateDir).isEqualTo("/var/lib/attribution-streams");
        List<String> claims = new ArrayList<>();
        statefulSet.path("spec").path("volumeClaimTemplates").forEach(t -> claims.add(t.path("metadata").path("name").asText()));
        List<String> mountedAtStateDir = new ArrayList<>();
        container().path("volumeMounts").forEach(m -> {
            if (m.path("mountPath").asText().equals(stateDir)) {
                mountedAtStateDir.add(m.path("name").asText());
            }
        });
        assertThat(mountedAtStateDir).hasSize(1);
        assertThat(claims).contains(mountedAtStateDir.get(0));
    }

    @Test
    void resourcesHaveRequestsAndLimits() {
        JsonNode resources = container().path("resources");
        for (String kind : List.of("requests", "limits")) {
            for (String resource : List.of("cpu", "memory")) {
                assertThat(resources.path(kind).path(resource).asText()).as(kind + "." + resource).isNotBlank();
            }
        }
        assertThat(podSpec().path("terminationGracePeriodSeconds").asInt()).isGreaterThanOrEqualTo(30);
    }

    @Test
    void everyPodReadsThePseudonymKeyFromOneSecretReadOnly() {
        String keyFile = containerEnv().get("ATTRIBUTION_PSEUDONYM_KEY_FILE");
        assertThat(keyFile).isNotBlank();
        JsonNode mount = null;
        for (JsonNode m : container().path("volumeMounts")) {
            if (keyFile.startsWith(m.path("mountPath").asText() + "/")) {
                mount = m;
            }
        }
        assertThat(mount).as("a volume mounted where the key file is").isNotNull();
        assertThat(mount.path("readOnly").asBoolean()).isTrue();
        JsonNode volume = null;
        for (JsonNode v : podSpec().path("volumes")) {
            if (v.path("name").asText().equals(mount.path("name").asText())) {
                volume = v;
            }
        }
        assertThat(volume).isNotNull();
        assertThat(volume.path("secret").path("secretName").asText()).isNotBlank();
        assertThat(keyFile).endsWith("/pseudonym.key");
    }
}
