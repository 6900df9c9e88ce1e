package io.attributionstreams.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.attributionstreams.app.AppConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code Dockerfile}: a Java 17 build stage, a Java 17 JRE runtime stage running the jar as a non-root user. */
class DockerfileTest {
    private static final String JAR = "/app/attribution-streams.jar";

    record Instruction(String keyword, String args) {
    }

    /** Instructions per stage, in order; continuation lines joined, comments dropped. */
    private static List<List<Instruction>> stages;

    @BeforeAll
    static void read() throws IOException {
        stages = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        for (String line : Files.readAllLines(Path.of("Dockerfile"))) {
            String stripped = line.strip();
            if (stripped.startsWith("#") || (stripped.isEmpty() && pending.isEmpty())) {
                continue;
            }
            if (stripped.endsWith("\\")) {
                pending.append(stripped, 0, stripped.length() - 1).append(' ');
                continue;
            }
            String text = pending.append(stripped).toString().strip();
            pending.setLength(0);
            String[] parts = text.split("\\s+", 2);
            Instruction instruction = new Instruction(parts[0].toUpperCase(), parts.length > 1 ? parts[1] : "");
            if (instruction.keyword().equals("FROM")) {
                stages.add(new ArrayList<>());
            }
            assertThat(stages).as("instruction before the first FROM: " + text).isNotEmpty();
            stages.get(stages.size() - 1).add(instruction);
        }
    }

    private static List<Instruction> runtime() {
        return stages.get(stages.size() - 1);
    }

    private static List<String> args(List<Instruction> stage, String keyword) {
        return stage.stream().filter(i -> i.keyword().equals(keyword)).map(Instruction::args).toList();
    }

    private static String image(List<Instruction> stage) {
        return Arrays.stream(stage.get(0).args().split("\\s+")).filter(w -> !w.startsWith("--")).findFirst().orElseThrow();
    }

    @Test
    void buildsWithMavenOnJava17AndRunsOnTheJava17Jre() {
        assertThat(stages).hasSizeGreaterThanOrEqualTo(2);
        assertThat(stages).allSatisfy(stage -> assertThat(image(stage)).matches(".*eclipse-temurin[:-]17(\\b.*)?"));
        assertThat(image(stages.get(0))).isEqualTo("maven:3.9-eclipse-temurin-17");
        assertThat(args(stages.get(0), "RUN")).anyMatch(run -> run.contains("mvn -q -B package -DskipTests"));
        assertThat(image(runtime())).isEqualTo("eclipse-temurin:17-jre");
    }

    @Test
    void runtimeStageRunsAsANonRootUser() {
        List<String> users = args(runtime(), "USER");
        assertThat(users).isNotEmpty();
        String user = users.get(users.size() - 1).split(":")[0];
        assertThat(user).isNotIn("root", "0");
    }

    @Test
    void entrypointRunsTheJarCopiedFromTheBuildStage() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> entrypoint = args(runtime(), "ENTRYPOINT");
        assertThat(entrypoint).hasSize(1);
        assertThat(json.readValue(entrypoint.get(0), String[].class)).containsExactly("java", "-jar", JAR);
        assertThat(json.readValue(args(runtime(), "CMD").get(0), String[].class)).containsExactly("run");
        assertThat(args(runtime(), "COPY")).anyMatch(copy -> copy.startsWith("--from=")
                && copy.contains("target/attribution-streams.jar") && copy.endsWith(" " + JAR));
    }

    @Test
    void exposesTheHttpPort() {
        List<String> ports = args(runtime(), "EXPOSE").stream()
                .flatMap(e -> Arrays.stream(e.split("\\s+"))).map(p -> p.replaceAll("/.*", "")).toList();
        assertThat(ports).contains(Integer.toString(AppConfig.DEFAULT_HTTP_PORT));
    }

    @Test
    void stateDirIsAVolume() {
        Matcher m = Pattern.compile("ATTRIBUTION_STATE_DIR=(\\S+)").matcher(String.join(" ", args(runtime(), "ENV")));
        assertThat(m.find()).as("ENV ATTRIBUTION_STATE_DIR").isTrue();
        assertThat(String.join(" ", args(runtime(), "VOLUME"))).contains("\"" + m.group(1) + "\"");
    }
}
