package io.attributionstreams.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.attributionstreams.app.AppConfig;
import io.attributionstreams.broker.TopicFiles;
import io.attributionstreams.topology.Names;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code k8s/}: a StatefulSet behind a headless Service, its ConfigMap, Secret and PodDisruptionBudget, the
 * Strimzi KafkaUser and the NetworkPolicy, consistent with each other and the app.
 */
class KubernetesManifestsTest {
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
    };

    private static JsonNode statefulSet;
    private static JsonNode service;
    private static JsonNode configMap;
    private static JsonNode pdb;
    private static JsonNode secret;
    private static JsonNode kafkaUser;
    private static JsonNode networkPolicy;

    private static final String SECRET_NAME = "attribution-streams-secrets";
    private static final String SECRETS_DIR = "/etc/attribution-streams/secrets";
    private static final Pattern VARIABLE = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");

    @BeforeAll
    static void read() throws IOException {
        statefulSet = manifest("statefulset.yaml", "StatefulSet");
        service = manifest("service-headless.yaml", "Service");
        configMap = manifest("configmap.yaml", "ConfigMap");
        pdb = manifest("pdb.yaml", "PodDisruptionBudget");
        secret = manifest("secret.yaml", "Secret");
        kafkaUser = manifest("kafkauser.yaml", "KafkaUser");
        networkPolicy = manifest("networkpolicy.yaml", "NetworkPolicy");
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

    /**
     * The container's literal env values, in order (downward-API variables map to their field path, Secret
     * references to {@code secret:<name>/<key>}).
     */
    private static Map<String, String> containerEnv() {
        Map<String, String> env = new LinkedHashMap<>();
        container().path("env").forEach(e -> {
            JsonNode from = e.path("valueFrom");
            String value = e.has("value") ? e.path("value").asText()
                    : from.has("secretKeyRef") ? "secret:" + from.path("secretKeyRef").path("name").asText() + "/"
                            + from.path("secretKeyRef").path("key").asText()
                    : from.path("fieldRef").path("fieldPath").asText();
            env.put(e.path("name").asText(), value);
        });
        return env;
    }

    private static Map<String, String> secretData() {
        return YAML.convertValue(secret.path("stringData"), STRING_MAP);
    }

    /**
     * What the container's process sees, as the kubelet makes it: the ConfigMap, then each env entry in
     * order, a Secret reference replaced by the value in secret.yaml and {@code $(VAR)} expanded from the
     * variables defined before it only (a later or unknown one stays as written).
     */
    private static Map<String, String> processEnv() {
        Map<String, String> env = new LinkedHashMap<>(configMapData());
        for (JsonNode e : container().path("env")) {
            JsonNode ref = e.path("valueFrom").path("secretKeyRef");
            String value;
            if (!ref.isMissingNode()) {
                assertThat(ref.path("name").asText()).isEqualTo(SECRET_NAME);
                value = secretData().get(ref.path("key").asText());
                assertThat(value).as("key " + ref.path("key").asText() + " of the Secret").isNotNull();
            } else if (e.has("value")) {
                Matcher m = VARIABLE.matcher(e.path("value").asText());
                StringBuilder expanded = new StringBuilder();
                while (m.find()) {
                    String known = env.get(m.group(1));
                    m.appendReplacement(expanded, Matcher.quoteReplacement(known != null ? known : m.group()));
                }
                value = m.appendTail(expanded).toString();
            } else {
                value = e.path("valueFrom").path("fieldRef").path("fieldPath").asText();
            }
            env.put(e.path("name").asText(), value);
        }
        return env;
    }

    private static JsonNode volume(String name) {
        for (JsonNode v : podSpec().path("volumes")) {
            if (v.path("name").asText().equals(name)) {
                return v;
            }
        }
        throw new AssertionError("no volume named " + name);
    }

    /** The volume mount whose folder holds {@code file}. */
    private static JsonNode mountOf(String file) {
        JsonNode mount = null;
        for (JsonNode m : container().path("volumeMounts")) {
            if (file.startsWith(m.path("mountPath").asText() + "/")) {
                mount = m;
            }
        }
        assertThat(mount).as("a volume mounted where " + file + " is").isNotNull();
        return mount;
    }

    private static String strimziCluster() throws IOException {
        Set<String> clusters = new TreeSet<>();
        try (Stream<Path> files = Files.list(Path.of("topics"))) {
            for (Path file : files.toList()) {
                clusters.add(YAML.readTree(file.toFile()).path("metadata").path("labels").path("strimzi.io/cluster").asText());
            }
        }
        assertThat(clusters).hasSize(1);
        return clusters.iterator().next();
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
        String host = appConfig().get("bootstrap.servers").split(":")[0];
        assertThat(host.split("\\.")[0]).isEqualTo(strimziCluster() + "-kafka-bootstrap");
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
        String keyFile = appConfig().get(AppConfig.PSEUDONYM_KEY_FILE);
        assertThat(keyFile).isEqualTo(SECRETS_DIR + "/pseudonym-key");
        JsonNode mount = mountOf(keyFile);
        assertThat(mount.path("readOnly").asBoolean()).isTrue();
        assertThat(volume(mount.path("name").asText()).path("secret").path("secretName").asText()).isEqualTo(SECRET_NAME);
        assertThat(secretData()).containsKey("pseudonym-key");
    }

    @Test
    void theSecretHoldsPlaceholdersOnly() throws IOException {
        assertThat(secret.path("metadata").path("name").asText()).isEqualTo(SECRET_NAME);
        assertThat(secret.path("type").asText()).isEqualTo("Opaque");
        assertThat(secret.has("data")).as("base64 data hides what the values are").isFalse();
        assertThat(secretData()).containsOnlyKeys("kafka-password", "http-token", "pseudonym-key");
        secretData().forEach((key, value) -> assertThat(value).as(key).startsWith("CHANGE-ME"));
        String text = Files.readString(Path.of("k8s", "secret.yaml"));
        assertThat(text).contains("head -c 32 /dev/urandom | base64").containsIgnoringCase("never commit");
    }

    @Test
    void everySecretThePodUsesComesFromTheOneSecret() {
        // volumes: the Secret, and the Strimzi cluster CA certificate (public, but kept in a Secret by Strimzi)
        Set<String> secretVolumes = new TreeSet<>();
        podSpec().path("volumes").forEach(v -> {
            if (v.has("secret")) {
                secretVolumes.add(v.path("secret").path("secretName").asText());
            }
        });
        assertThat(secretVolumes).containsExactlyInAnyOrder(SECRET_NAME, "attribution-cluster-ca-cert");
        // env: Secret references name keys of the Secret; envFrom takes no other Secret
        container().path("env").forEach(e -> {
            JsonNode ref = e.path("valueFrom").path("secretKeyRef");
            if (!ref.isMissingNode()) {
                assertThat(ref.path("name").asText()).isEqualTo(SECRET_NAME);
                assertThat(secretData()).containsKey(ref.path("key").asText());
            }
        });
        container().path("envFrom").forEach(e -> assertThat(e.has("secretRef")).isFalse());
        // the Secret's files: read-only, for the app's user only
        JsonNode mount = mountOf(SECRETS_DIR + "/x");
        assertThat(mount.path("mountPath").asText()).isEqualTo(SECRETS_DIR);
        assertThat(mount.path("readOnly").asBoolean()).isTrue();
        JsonNode volume = volume(mount.path("name").asText()).path("secret");
        assertThat(volume.path("secretName").asText()).isEqualTo(SECRET_NAME);
        assertThat(volume.path("defaultMode").asInt()).as("defaultMode 0400").isEqualTo(0400);
        // the file settings name keys of the Secret; the HTTP token's key is being added to the app
        // (ConfigKeys.PENDING), so it is checked by its variable
        Map<String, String> env = processEnv();
        String tokenFile = env.get(AppConfig.envName("attribution.http.auth-token-file"));
        for (String file : List.of(env.get("ATTRIBUTION_PSEUDONYM_KEY_FILE"), tokenFile)) {
            assertThat(file).startsWith(SECRETS_DIR + "/");
            assertThat(secretData()).containsKey(file.substring(SECRETS_DIR.length() + 1));
        }
        assertThat(tokenFile).isEqualTo(SECRETS_DIR + "/http-token");
        // no secret value in the ConfigMap
        assertThat(configMapData().keySet()).noneMatch(k -> k.contains("PASSWORD") || k.contains("JAAS")
                || k.contains("TOKEN") || k.contains("KEY_FILE"));
    }

    @Test
    void kafkaClientsAuthenticateAsTheKafkaUserOverTlsWithTheClusterCa() throws IOException {
        Map<String, String> env = processEnv();
        assertThat(ConfigKeys.unknown(env)).isEmpty();
        AppConfig config = AppConfig.load(null, env, Map.of());
        // the non-secret settings live in the ConfigMap
        assertThat(configMapData()).containsKeys("ATTRIBUTION_SECURITY_PROTOCOL", "ATTRIBUTION_SASL_MECHANISM",
                "ATTRIBUTION_SSL_TRUSTSTORE_TYPE", "ATTRIBUTION_SSL_TRUSTSTORE_LOCATION");
        assertThat(config.get("security.protocol")).isEqualTo("SASL_SSL");
        assertThat(config.get("sasl.mechanism")).isEqualTo("SCRAM-SHA-512");
        assertThat(config.get("bootstrap.servers")).endsWith(":9093");
        // the truststore: the cluster CA certificate of the Strimzi cluster, as PEM
        assertThat(config.get("ssl.truststore.type")).isEqualTo("PEM");
        String truststore = config.get("ssl.truststore.location");
        JsonNode mount = mountOf(truststore);
        assertThat(mount.path("readOnly").asBoolean()).isTrue();
        JsonNode caSecret = volume(mount.path("name").asText()).path("secret");
        assertThat(caSecret.path("secretName").asText()).isEqualTo(strimziCluster() + "-cluster-ca-cert");
        List<String> caFiles = new ArrayList<>();
        caSecret.path("items").forEach(i -> {
            assertThat(i.path("key").asText()).isEqualTo("ca.crt");
            caFiles.add(mount.path("mountPath").asText() + "/" + i.path("path").asText());
        });
        assertThat(caFiles).containsExactly(truststore);
        // sasl.jaas.config: the KafkaUser's name and the Secret's password, expanded in order
        String user = kafkaUser.path("metadata").path("name").asText();
        assertThat(config.get("sasl.jaas.config")).isEqualTo("org.apache.kafka.common.security.scram.ScramLoginModule"
                + " required username=\"" + user + "\" password=\"" + secretData().get("kafka-password") + "\";");
        // the User Operator sets the user's password from the same key
        JsonNode password = kafkaUser.path("spec").path("authentication").path("password").path("valueFrom")
                .path("secretKeyRef");
        assertThat(password.path("name").asText()).isEqualTo(SECRET_NAME);
        assertThat(password.path("key").asText()).isEqualTo("kafka-password");
    }

    /** One ACL of the KafkaUser: resource type, name, pattern type and operations. */
    private record Acl(String type, String name, String patternType, Set<String> operations) {
    }

    private static List<Acl> acls() {
        List<Acl> acls = new ArrayList<>();
        kafkaUser.path("spec").path("authorization").path("acls").forEach(a -> {
            assertThat(a.has("operation")).as("operation: not in Strimzi's v1 API, operations instead").isFalse();
            Set<String> operations = new TreeSet<>();
            a.path("operations").forEach(o -> operations.add(o.asText()));
            assertThat(operations).as(a.toString()).isNotEmpty();
            JsonNode resource = a.path("resource");
            acls.add(new Acl(resource.path("type").asText(), resource.path("name").asText(),
                    resource.path("patternType").asText(), operations));
        });
        return acls;
    }

    @Test
    void theKafkaUserIsAStrimziV1UserOfTheCluster() throws IOException {
        assertThat(kafkaUser.path("apiVersion").asText()).isEqualTo("kafka.strimzi.io/v1");
        assertThat(kafkaUser.path("metadata").path("labels").path("strimzi.io/cluster").asText()).isEqualTo(strimziCluster());
        assertThat(kafkaUser.path("spec").path("authentication").path("type").asText()).isEqualTo("scram-sha-512");
        assertThat(kafkaUser.path("spec").path("authorization").path("type").asText()).isEqualTo("simple");
        assertThat(processEnv().get("KAFKA_USERNAME")).isEqualTo(kafkaUser.path("metadata").path("name").asText());
    }

    @Test
    void theKafkaUserMayDoExactlyWhatTheAppNeedsOnItsOwnResources() throws IOException {
        String applicationId = appConfig().get("application.id");
        assertThat(configMapData()).containsEntry("ATTRIBUTION_APPLICATION_ID", applicationId);
        List<Acl> acls = acls();
        for (Acl acl : acls) {
            assertThat(acl.type()).as(acl.toString()).isIn("topic", "group", "transactionalId", "cluster");
            assertThat(acl.patternType()).as(acl.toString()).isIn("literal", "prefix");
            assertThat(acl.name()).as(acl.toString()).isNotBlank().doesNotContain("*");
            assertThat(acl.operations()).as(acl.toString()).doesNotContain("All");
        }

        // literal topics: exactly the files of topics/
        Set<String> topicFiles = new TreeSet<>();
        try (Stream<Path> files = Files.list(Path.of("topics"))) {
            files.forEach(f -> topicFiles.add(f.getFileName().toString().replaceFirst("\\.yaml$", "")));
        }
        assertThat(topicFiles).containsExactlyInAnyOrderElementsOf(TopicFiles.TOPICS);
        Map<String, Set<String>> topics = new TreeMap<>();
        acls.stream().filter(a -> a.type().equals("topic") && a.patternType().equals("literal"))
                .forEach(a -> assertThat(topics.put(a.name(), a.operations())).as("one ACL for " + a.name()).isNull());
        assertThat(topics.keySet()).isEqualTo(topicFiles);
        List<String> inputs = new ArrayList<>(Names.INPUT_TOPICS);
        inputs.add(Names.ERASURES);
        for (String topic : topicFiles) {
            Set<String> expected = inputs.contains(topic) ? Set.of("Read", "Describe")
                    // the live feed (/updates/stream) reads the updates back
                    : topic.equals(Names.ATTRIBUTION_UPDATES) ? Set.of("Write", "Describe", "Read")
                    : Set.of("Write", "Describe");
            assertThat(topics.get(topic)).as(topic).isEqualTo(expected);
        }

        // the app's own topics: internal ones, the pseudonym key's and the suppressions'
        String prefix = applicationId + "-";
        List<Acl> prefixed = acls.stream().filter(a -> a.patternType().equals("prefix")).toList();
        assertThat(prefixed).extracting(Acl::type).containsExactlyInAnyOrder("topic", "transactionalId");
        assertThat(prefixed).extracting(Acl::name).containsOnly(prefix);
        Acl internal = prefixed.stream().filter(a -> a.type().equals("topic")).findFirst().orElseThrow();
        assertThat(internal.operations()).isEqualTo(Set.of("Read", "Write", "Create", "Delete", "Describe",
                "DescribeConfigs", "AlterConfigs"));
        for (String own : List.of(Names.suppressionsTopic(applicationId), applicationId + "-pseudonym-key",
                Names.changelogTopic(applicationId, Names.CUSTOMER_STATUS),
                Names.repartitionTopic(applicationId, Names.BY_CUSTOMER))) {
            assertThat(own).startsWith(internal.name());
        }
        // no topic of topics/ falls under the prefix, or it would get more than its literal ACL
        assertThat(topicFiles).noneMatch(t -> t.startsWith(prefix));
        Acl transactions = prefixed.stream().filter(a -> a.type().equals("transactionalId")).findFirst().orElseThrow();
        assertThat(transactions.operations()).isEqualTo(Set.of("Write", "Describe"));

        // the consumer group, and nothing on the cluster
        List<Acl> groups = acls.stream().filter(a -> a.type().equals("group")).toList();
        assertThat(groups).containsExactly(new Acl("group", applicationId, "literal", Set.of("Read", "Describe", "Delete")));
        assertThat(acls).noneMatch(a -> a.type().equals("cluster"));
    }

    @Test
    void theRootFilesystemIsReadOnlyWithAWritableTmpAndNoPrivileges() {
        JsonNode security = container().path("securityContext");
        assertThat(security.path("readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(security.path("allowPrivilegeEscalation").isBoolean()).isTrue();
        assertThat(security.path("allowPrivilegeEscalation").asBoolean()).isFalse();
        List<String> dropped = new ArrayList<>();
        security.path("capabilities").path("drop").forEach(c -> dropped.add(c.asText()));
        assertThat(dropped).contains("ALL");
        assertThat(security.path("runAsNonRoot").asBoolean()).isTrue();
        JsonNode podSecurity = podSpec().path("securityContext");
        String seccomp = security.path("seccompProfile").path("type").asText(
                podSecurity.path("seccompProfile").path("type").asText());
        assertThat(seccomp).isEqualTo("RuntimeDefault");

        JsonNode tmp = mountOf("/tmp/x");
        assertThat(tmp.path("mountPath").asText()).isEqualTo("/tmp");
        assertThat(tmp.path("readOnly").asBoolean()).isFalse();
        assertThat(volume(tmp.path("name").asText()).has("emptyDir")).isTrue();
        // the state folder is the claim (stateDirIsAPersistentVolumeClaim), never the temp folder
        assertThat(appConfig().get("state.dir")).doesNotStartWith("/tmp");
    }

    /** A NetworkPolicy port, named or numbered, as the container port number it means. */
    private static int portNumber(JsonNode port) {
        return port.path("port").isInt() ? port.path("port").asInt()
                : containerPort(port.path("port").asText()).path("containerPort").asInt();
    }

    @Test
    void theNetworkPolicyLetsInHttpOnlyAndOutKafkaDnsAndTheOtherInstancesOnly() throws IOException {
        Map<String, String> selector = YAML.convertValue(networkPolicy.path("spec").path("podSelector").path("matchLabels"),
                STRING_MAP);
        assertThat(selector).isNotEmpty();
        assertThat(podLabels()).containsAllEntriesOf(selector);
        List<String> types = new ArrayList<>();
        networkPolicy.path("spec").path("policyTypes").forEach(t -> types.add(t.asText()));
        assertThat(types).containsExactlyInAnyOrder("Ingress", "Egress");

        int http = containerPort("http").path("containerPort").asInt();
        JsonNode ingress = networkPolicy.path("spec").path("ingress");
        assertThat(ingress.size()).isPositive();
        boolean fromOwnPods = false;
        for (JsonNode rule : ingress) {
            assertThat(rule.path("ports").size()).as("an ingress rule without ports opens them all").isPositive();
            assertThat(rule.path("from").size()).as("an ingress rule without from admits everyone").isPositive();
            for (JsonNode port : rule.path("ports")) {
                assertThat(portNumber(port)).isEqualTo(http);
                assertThat(port.path("protocol").asText("TCP")).isEqualTo("TCP");
            }
            for (JsonNode peer : rule.path("from")) {
                assertThat(peer.has("ipBlock")).isFalse();
                assertThat(peer.path("podSelector").path("matchLabels").size()
                        + peer.path("namespaceSelector").path("matchLabels").size()).as(peer.toString()).isPositive();
                fromOwnPods |= !peer.has("namespaceSelector") && selector.equals(
                        YAML.convertValue(peer.path("podSelector").path("matchLabels"), STRING_MAP));
            }
        }
        assertThat(fromOwnPods).as("the other instances forward queries").isTrue();

        int kafkaPort = Integer.parseInt(appConfig().get("bootstrap.servers").replaceAll(".*:", ""));
        Set<String> egress = new TreeSet<>();
        for (JsonNode rule : networkPolicy.path("spec").path("egress")) {
            assertThat(rule.path("ports").size()).as("an egress rule without ports opens them all").isPositive();
            Map<String, String> to = rule.path("to").size() == 1 ? YAML.convertValue(
                    rule.path("to").get(0).path("podSelector").path("matchLabels"), STRING_MAP) : Map.of();
            for (JsonNode port : rule.path("ports")) {
                int number = portNumber(port);
                String protocol = port.path("protocol").asText("TCP");
                if (number == 53) {
                    egress.add("dns/" + protocol);
                } else {
                    assertThat(rule.path("to").size()).as("port " + number + " to named pods only").isEqualTo(1);
                    assertThat(protocol).isEqualTo("TCP");
                    if (number == kafkaPort && to.equals(Map.of("strimzi.io/cluster", strimziCluster()))) {
                        egress.add("kafka");
                    } else if (number == http && to.equals(selector)) {
                        egress.add("instances");
                    } else {
                        throw new AssertionError("unexpected egress to " + to + " on port " + number);
                    }
                }
            }
        }
        assertThat(egress).containsExactlyInAnyOrder("kafka", "instances", "dns/UDP", "dns/TCP");
    }
}
