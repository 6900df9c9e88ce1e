package io.attributionstreams.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.attributionstreams.cli.Main;
import io.attributionstreams.demo.FeedLines;
import io.attributionstreams.testsupport.Cli;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo as a newcomer runs it, in its own process: what it prints (the status line redrawn in place,
 * the feed under a header that matches it, the summary, what to try next), that the ids it suggests
 * answer, that its batch commands give the numbers it showed, and that Ctrl-C leaves nothing behind.
 */
class DemoIT {
    private static final Pattern FOLDER = Pattern.compile("(?m)^  folder +(\\S+) ");
    private static final Pattern DONE = Pattern.compile(
            "Done in \\d+ s: ([\\d,]+) facts replayed, ([\\d,]+) updates written, ([\\d,]+) current answers");
    private static final Pattern FINAL_STATUS = Pattern.compile(
            "replayed ([\\d,]+) of ([\\d,]+) facts; done \\| ([\\d,]+) updates \\| ([\\d,]+) current answers \\| "
                    + "([\\d,]+) dead letters");
    private static final Pattern DEAD_LETTERS = Pattern.compile("(?m)^([\\d,]+) dead letters \\(.*?\\): (.*)\\.$");
    private static final Pattern CUSTOMER_CURL = Pattern.compile("curl -s '(http://localhost:\\d+/customers/([^/]+)"
            + "/attribution\\?type=(\\w+))'");
    private static final Pattern CHANNELS_CURL = Pattern.compile("curl -s '(http://localhost:\\d+/channels\\?[^']+)'");
    private static final Pattern GENERATE = Pattern.compile("(?m)^ +java -jar \\S+ (generate .*)$");
    private static final Pattern FEED_LINE = Pattern.compile(
            "(?m)(?:^|\033\\[K)  (CU\\d+) +(FIRST_BOOKED|FIRST_ATTENDED|FIRST_PAID) +daily_split +v\\d+ +[\\d,]+\\.\\d\\d  "
                    + "\\S+ \\d{1,3}\\.\\d% of \\d+ touchpoints?$");

    @Test
    void aNewcomerSeesProgressASummaryAndWhatToDoNextAndCtrlCLeavesNothingBehind(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("out.txt");
        Path err = tmp.resolve("err.txt");
        Path log = tmp.resolve("demo.log");
        Path temp = Files.createDirectories(tmp.resolve("temp"));
        String java = ProcessHandle.current().info().command().orElse("java");
        Process demo = new ProcessBuilder(java, "-Xmx1g", "-Djava.io.tmpdir=" + temp,
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "demo",
                "--customers", "60", "--interactions", "600", "--rate", "400", "--http-port", "0",
                "--status", "inplace", "--log-file", log.toString())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            String printed = awaitWhatNow(demo, out);

            // the status line, redrawn in place, ending at everything replayed
            assertThat(printed).contains("\r\033[Kreplaying ");
            Matcher status = FINAL_STATUS.matcher(printed);
            assertThat(status.find()).as("final status line in:%n%s", printed).isTrue();
            assertThat(status.group(1)).isEqualTo(status.group(2));
            long facts = number(status.group(2));

            // the feed: its header, and conversion lines in its columns
            assertThat(printed).contains(FeedLines.header() + "\n");
            assertThat(FEED_LINE.matcher(printed).find()).as("a sampled conversion line").isTrue();

            // the summary: the same counts as the last status line
            Matcher done = DONE.matcher(printed);
            assertThat(done.find()).isTrue();
            assertThat(number(done.group(1))).isEqualTo(facts);
            assertThat(done.group(2)).isEqualTo(status.group(3));
            long answers = number(done.group(3));
            assertThat(status.group(4)).isEqualTo(done.group(3));
            Matcher deadLetters = DEAD_LETTERS.matcher(printed);
            assertThat(deadLetters.find()).as("dead-letter summary").isTrue();
            long dlq = number(deadLetters.group(1));
            assertThat(status.group(5)).isEqualTo(deadLetters.group(1));
            long byReason = 0;
            for (String part : deadLetters.group(2).split(", ")) {
                byReason += number(part.substring(0, part.indexOf(' ')));
            }
            assertThat(byReason).isEqualTo(dlq);
            assertThat(printed).containsOnlyOnce("(more are counted below");

            // what now: the suggested customer and channels answer on the running demo
            Matcher customerCurl = CUSTOMER_CURL.matcher(printed);
            assertThat(customerCurl.find()).as("a customer curl line").isTrue();
            String customer = customerCurl.group(2);
            JsonNode answer = get(customerCurl.group(1));
            assertThat(answer.path("customer_id").asText()).isEqualTo(customer);
            assertThat(answer.path("attribution")).isNotEmpty();
            assertThat(answer.path("attribution").get(0).path("touchpoints")).isNotEmpty();
            assertThat(printed).contains("/?type=" + customerCurl.group(3) + "&model=daily_split&customer=" + customer);
            Matcher channelsCurl = CHANNELS_CURL.matcher(printed);
            assertThat(channelsCurl.find()).isTrue();
            assertThat(get(channelsCurl.group(1)).path("channels")).isNotEmpty();

            // the batch commands it prints rebuild the demo's files: the same answers and the same rejects
            Matcher generate = GENERATE.matcher(printed);
            assertThat(generate.find()).isTrue();
            List<String> args = new ArrayList<>(List.of(generate.group(1).split(" ")));
            args.set(args.indexOf("demo-data"), tmp.resolve("demo-data").toString());
            assertThat(Cli.run(args.toArray(String[]::new)).exitCode()).isZero();
            assertThat(printed).contains("batch --input demo-data --output demo-batch");
            assertThat(Cli.run("batch", "--input", tmp.resolve("demo-data").toString(), "--output",
                    tmp.resolve("demo-batch").toString()).exitCode()).isZero();
            List<String> attribution = Files.readAllLines(tmp.resolve("demo-batch/attribution.csv"));
            Set<String> batchAnswers = new TreeSet<>();
            attribution.stream().skip(1).map(line -> line.split(",", 4))
                    .forEach(f -> batchAnswers.add(f[0] + "|" + f[1] + "|" + f[2]));
            assertThat(batchAnswers).hasSize((int) answers).contains(customer + "|" + customerCurl.group(3)
                    + "|daily_split");
            assertThat(Files.readAllLines(tmp.resolve("demo-batch/rejects.csv"))).hasSize((int) dlq + 1);
            long generated = 0;
            for (String file : List.of("customers.csv", "interactions.csv", "appointments.csv", "payments.csv")) {
                try (var lines = Files.lines(tmp.resolve("demo-data").resolve(file))) {
                    generated += lines.count() - 1;
                }
            }
            assertThat(generated).isEqualTo(facts);

            // Kafka's own messages went to the log file, not the terminal
            assertThat(Files.readString(err)).isEmpty();
            assertThat(printed).doesNotContain(" WARN ").doesNotContain(" ERROR ");
            assertThat(Files.readString(log)).contains("Kafka Streams REBALANCING -> RUNNING");

            // Ctrl-C (here SIGTERM, the same handler): a clean stop, exit 0, the working folder gone
            Matcher folder = FOLDER.matcher(printed);
            assertThat(folder.find()).isTrue();
            Path work = Path.of(folder.group(1));
            assertThat(work).startsWith(temp).exists();
            demo.destroy();
            assertThat(demo.waitFor(90, TimeUnit.SECONDS)).as("the demo stops").isTrue();
            assertThat(demo.exitValue()).isZero();
            assertThat(Files.readString(out, StandardCharsets.UTF_8)).contains("demo: stopped;");
            assertThat(work).doesNotExist();
        } finally {
            demo.destroyForcibly().waitFor();
        }
    }

    private static String awaitWhatNow(Process demo, Path out) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline) {
            String printed = Files.readString(out, StandardCharsets.UTF_8);
            if (printed.contains("batch --input demo-data --output demo-batch")) {
                return printed;
            }
            if (!demo.isAlive()) {
                throw new AssertionError("the demo exited with " + demo.exitValue() + " before 'What now':\n" + printed);
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no 'What now' within 5 minutes:\n" + Files.readString(out, StandardCharsets.UTF_8));
    }

    private static JsonNode get(String url) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        return new ObjectMapper().readTree(response.body());
    }

    private static long number(String digits) {
        return Long.parseLong(digits.replace(",", ""));
    }
}
