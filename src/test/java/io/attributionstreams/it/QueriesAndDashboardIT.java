package io.attributionstreams.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.attributionstreams.app.AppConfig;
import io.attributionstreams.app.RunningEngine;
import io.attributionstreams.contract.AttributionUpdate;
import io.attributionstreams.contract.CampaignTotalRecord;
import io.attributionstreams.contract.ChannelTotalRecord;
import io.attributionstreams.contract.Formats;
import io.attributionstreams.contract.MonthTotalRecord;
import io.attributionstreams.contract.OutputFiles;
import io.attributionstreams.contract.PathTotalRecord;
import io.attributionstreams.contract.TotalKeys;
import io.attributionstreams.demo.Shares;
import io.attributionstreams.export.ExportFiles;
import io.attributionstreams.export.Exporter;
import io.attributionstreams.query.CampaignsReply;
import io.attributionstreams.query.ChannelsReply;
import io.attributionstreams.query.CustomerAttributionReply;
import io.attributionstreams.query.Forwarding;
import io.attributionstreams.query.MonthsReply;
import io.attributionstreams.query.PathsReply;
import io.attributionstreams.replay.ReplayPlan;
import io.attributionstreams.replay.Replayer;
import io.attributionstreams.testsupport.HeadlessChromium;
import io.attributionstreams.testsupport.TestPseudonyms;
import io.attributionstreams.topology.Names;
import io.attributionstreams.topology.serde.Json;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interactive queries and the dashboard on a real broker, with TWO app instances in this JVM sharing
 * the work of a generated data set. Every customer and the channel, campaign and monthly totals are asked
 * of BOTH instances; each answer must equal the batch engine's (and the output topics', versions included),
 * whichever instance holds the partition: the instance that answered is named in a header, so the
 * test sees the forwarding happen. The path summary's top rows are batch's {@code paths.csv} ranked. Then a
 * real browser (headless Chromium) loads the dashboard and must show exactly the batch numbers (channel table,
 * models, monthly chart, campaign table, paths to conversion), a customer's path from the other instance, and
 * a live update.
 * Both instances run as a secured deployment would: behind a bearer token (the browser's page asks for
 * it, and the test types it in), with health and metrics on an ops port of their own.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class QueriesAndDashboardIT extends RealBrokerTest {
    private static final String APP = "queries";
    private static final String MODEL = "daily_split";
    private static final List<String> MODELS = List.of("daily_split", "linear", "markov");
    private static final io.attributionstreams.attribution.AttributionSettings SETTINGS =
            io.attributionstreams.attribution.AttributionSettings.defaults()
                    .withModels(io.attributionstreams.credit.CreditModels.named(List.of("daily_split", "linear")))
                    .withMarkov(true);
    private static final List<String> TYPES = List.of("FIRST_CONTACT", "FIRST_BOOKED", "FIRST_ATTENDED", "FIRST_PAID");
    /** A phone in E.164 or an email: neither may appear in anything the API or the page shows. */
    private static final Pattern PERSONAL = Pattern.compile("@|\\+\\d{10,}");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String TOKEN = "the-dashboard-test-token-0123456789-abcdef";

    @TempDir
    static Path tmp;
    static DataSet data;
    static RunningEngine one;
    static RunningEngine two;
    static Path tokenFile;

    @BeforeAll
    static void twoInstancesProcessAGeneratedDataSet() throws Exception {
        // with spend and three models, markov among them: every answer, total and view is checked with money
        data = generate(tmp, 600, 6_000, 1618, 0.05, SETTINGS, true);
        tokenFile = Files.writeString(tmp.resolve("http-token"), TOKEN + "\n");
        one = engine("one");
        two = engine("two");
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                .until(() -> holdsTasks(one) && holdsTasks(two));
        Replayer.send(kafka.bootstrapServers(), ReplayPlan.shuffled(ReplayPlan.inFileOrder(data.input()), 3), 0, null);
        Exporter.awaitQuiet(kafka.bootstrapServers(), APP, Duration.ofSeconds(3), Duration.ofMinutes(6), null);
        await().atMost(Duration.ofMinutes(1)).until(() -> holdsTasks(one) && holdsTasks(two));
    }

    @AfterAll
    static void stopInstances() {
        for (RunningEngine engine : new RunningEngine[] {one, two}) {
            if (engine != null) {
                engine.close();
            }
        }
    }

    private static RunningEngine engine(String name) throws IOException {
        Map<String, String> cli = new LinkedHashMap<>();
        cli.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        cli.put(StreamsConfig.APPLICATION_ID_CONFIG, APP);
        cli.put(StreamsConfig.STATE_DIR_CONFIG, tmp.resolve("state-" + name).toString());
        cli.put(AppConfig.HTTP_PORT, "0");
        cli.put(AppConfig.PSEUDONYM_KEY_FILE, TestPseudonyms.keyFile().toString());
        cli.put(AppConfig.HTTP_ADVERTISED_HOST, "localhost");
        cli.put(AppConfig.HTTP_AUTH_TOKEN_FILE, tokenFile.toString());
        cli.put(AppConfig.HTTP_OPS_PORT, "0");
        cli.put(AppConfig.MODELS, String.join(",", MODELS));
        return RunningEngine.start(null, Map.of(), cli);
    }

    private static boolean holdsTasks(RunningEngine engine) {
        KafkaStreams streams = engine.app().streams();
        return streams.state() == KafkaStreams.State.RUNNING
                && streams.metadataForLocalThreads().stream().anyMatch(t -> !t.activeTasks().isEmpty());
    }

    @Test
    @Order(1)
    void everyCustomerAskedOfEitherInstanceEqualsTheBatchAnswer() throws Exception {
        Exporter.Snapshot topics = Exporter.read(kafka.bootstrapServers());
        List<String> customers = column(data.input().resolve("customers.csv"), "customer_id").stream()
                .distinct().toList();

        for (RunningEngine asked : List.of(one, two)) {
            Map<String, AttributionUpdate> answers = new TreeMap<>();
            int forwarded = 0;
            for (String customer : customers) {
                HttpResponse<String> reply = get(asked, "/customers/" + encode(customer) + "/attribution");
                String owner = ownerOf(customer);
                assertThat(reply.headers().firstValue(Forwarding.INSTANCE)).as(customer).hasValue(owner);
                if (!owner.equals(asked.applicationServer())) {
                    forwarded++;
                    assertThat(reply.headers().firstValue(Forwarding.VIA)).hasValue(asked.applicationServer());
                }
                assertThat(PERSONAL.matcher(reply.body()).find()).as(reply.body()).isFalse();
                if (reply.statusCode() == 404) {
                    continue; // every version of this customer was rejected: it never existed
                }
                assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
                Json.MAPPER.readValue(reply.body(), CustomerAttributionReply.class).attribution()
                        .forEach(record -> answers.put(record.key(), record));
            }

            // both instances own some customers, so each answered for some by asking the other
            assertThat(forwarded).isPositive().isLessThan(customers.size());
            assertThat(answers).isEqualTo(topics.updates());
            Path files = Files.createDirectories(tmp.resolve("api-" + asked.httpPort()));
            ExportFiles.write(files, answers.values(), topics.totals().values());
            assertThat(files.resolve("attribution.csv")).hasSameBinaryContentAs(data.batch().resolve("attribution.csv"));
        }
    }

    @Test
    @Order(2)
    void channelTotalsAskedOfEitherInstanceGatherBothAndEqualTheBatchAnswer() throws Exception {
        Exporter.Snapshot topics = Exporter.read(kafka.bootstrapServers());
        for (RunningEngine asked : List.of(one, two)) {
            HttpResponse<String> reply = get(asked, "/channels");
            assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
            ChannelsReply body = Json.MAPPER.readValue(reply.body(), ChannelsReply.class);

            assertThat(body.instances()).containsExactlyInAnyOrder(one.applicationServer(), two.applicationServer());
            assertThat(body.partitions()).isEqualTo(IntStream.range(0, body.partitions().size()).boxed().toList());
            Map<String, ChannelTotalRecord> totals = new TreeMap<>();
            body.channels().forEach(c -> totals.put(c.conversionType() + '|' + c.model() + '|' + c.channel(), c));
            assertThat(totals).isEqualTo(topics.totals());
            Path files = Files.createDirectories(tmp.resolve("api-channels-" + asked.httpPort()));
            ExportFiles.write(files, topics.updates().values(), body.channels());
            assertThat(files.resolve("channels.csv")).hasSameBinaryContentAs(data.batch().resolve("channels.csv"));

            ChannelsReply paid = Json.MAPPER.readValue(get(asked, "/channels?type=FIRST_PAID&model=" + MODEL).body(),
                    ChannelsReply.class);
            assertThat(paid.channels()).isNotEmpty().allMatch(c -> c.conversionType().equals("FIRST_PAID"))
                    .hasSize((int) body.channels().stream().filter(c -> c.conversionType().equals("FIRST_PAID")
                            && c.model().equals(MODEL)).count());
            // the markov rows, kept by conversion type in partitions of their own, are gathered too
            assertThat(body.markovPartitions()).isNotEmpty();
            assertThat(body.channels()).anyMatch(c -> c.model().equals("markov") && c.removalEffect() != null);
        }
    }

    @Test
    @Order(3)
    void campaignAndMonthlyTotalsAskedOfEitherInstanceGatherBothAndEqualTheBatchFiles() throws Exception {
        Exporter.Snapshot topics = Exporter.read(kafka.bootstrapServers());
        for (RunningEngine asked : List.of(one, two)) {
            ChannelsReply channels = answer(asked, "/channels", ChannelsReply.class);
            CampaignsReply campaigns = answer(asked, "/campaigns", CampaignsReply.class);
            MonthsReply months = answer(asked, "/months", MonthsReply.class);

            for (List<String> instances : List.of(campaigns.instances(), months.instances())) {
                assertThat(instances).containsExactlyInAnyOrder(one.applicationServer(), two.applicationServer());
            }
            // kept beside the channel totals, in the same tasks: their partitions, every one of them
            assertThat(campaigns.partitions()).isEqualTo(channels.partitions());
            assertThat(months.partitions()).isEqualTo(channels.partitions());
            // each row as on its topic, in the order of the batch files
            Map<String, CampaignTotalRecord> campaignRows = new TreeMap<>();
            campaigns.campaigns().forEach(c -> campaignRows.put(TotalKeys.campaign(c.key()), c));
            assertThat(campaignRows).isEqualTo(topics.campaigns());
            assertThat(campaigns.campaigns()).hasSize(topics.campaigns().size())
                    .isSortedAccordingTo(java.util.Comparator.comparing(CampaignTotalRecord::key));
            Map<String, MonthTotalRecord> monthRows = new TreeMap<>();
            months.months().forEach(m -> monthRows.put(TotalKeys.month(m.key()), m));
            assertThat(monthRows).isEqualTo(topics.months());
            assertThat(months.months()).hasSize(topics.months().size())
                    .isSortedAccordingTo(java.util.Comparator.comparing(MonthTotalRecord::key));
            // the paths: every one of a type fits the largest limit (a type has at most one per customer)
            List<PathTotalRecord> paths = new ArrayList<>();
            for (String type : TYPES) {
                PathsReply ofType = answer(asked, "/paths?type=" + type + "&limit=1000", PathsReply.class);
                assertThat(ofType.partitions()).isEqualTo(channels.partitions());
                assertThat(ofType.paths()).as(type).isNotEmpty().hasSizeLessThan(1000)
                        .allMatch(p -> p.conversionType().equals(type));
                paths.addAll(ofType.paths());
            }
            Map<String, PathTotalRecord> pathRows = new TreeMap<>();
            paths.forEach(p -> pathRows.put(TotalKeys.path(p.key()), p));
            assertThat(pathRows).isEqualTo(topics.paths());
            Path files = Files.createDirectories(tmp.resolve("api-totals-" + asked.httpPort()));
            ExportFiles.write(files, topics.updates().values(), channels.channels(), campaigns.campaigns(),
                    months.months(), paths);
            for (String file : List.of(OutputFiles.CAMPAIGNS_FILE, OutputFiles.MONTHS_FILE, OutputFiles.PATHS_FILE)) {
                assertThat(files.resolve(file)).as(file).hasSameBinaryContentAs(data.batch().resolve(file));
            }

            // filtered on every instance; markov has channel totals only
            CampaignsReply paid = answer(asked, "/campaigns?type=FIRST_PAID&model=" + MODEL, CampaignsReply.class);
            assertThat(paid.campaigns()).isNotEmpty().isEqualTo(campaigns.campaigns().stream()
                    .filter(c -> c.conversionType().equals("FIRST_PAID") && c.model().equals(MODEL)).toList());
            MonthsReply linear = answer(asked, "/months?model=linear", MonthsReply.class);
            assertThat(linear.months()).isNotEmpty().isEqualTo(months.months().stream()
                    .filter(m -> m.model().equals("linear")).toList());
            MonthsReply markov = answer(asked, "/months?model=markov", MonthsReply.class);
            assertThat(markov.instances()).hasSize(2);
            assertThat(markov.months()).isEmpty();
        }
    }

    @Test
    @Order(4)
    void theMostCommonPathsAskedOfEitherInstanceAreBatchsPathsRanked() throws Exception {
        List<Map<String, String>> batchPaths = rows(data.batch().resolve(OutputFiles.PATHS_FILE));
        List<PathViews.BatchPath> ranked = PathViews.ranked(batchPaths, null);
        for (RunningEngine asked : List.of(one, two)) {
            // the largest limit: batch's paths.csv ranked, every row of it or (the data set has some 1,400) its top
            // 1000; every row of each type, written as the file, is the file byte for byte (the test before)
            PathsReply all = answer(asked, "/paths?limit=1000", PathsReply.class);
            assertThat(all.instances()).containsExactlyInAnyOrder(one.applicationServer(), two.applicationServer());
            PathViews.assertAnswerIsTheTop(all.paths(), ranked, 1000);
            // the default limit, and a type's own top rows
            PathViews.assertAnswerIsTheTop(answer(asked, "/paths", PathsReply.class).paths(), ranked, 20);
            for (String type : List.of("FIRST_CONTACT", "FIRST_PAID")) {
                PathViews.assertAnswerIsTheTop(answer(asked, "/paths?type=" + type.toLowerCase(java.util.Locale.ROOT)
                        + "&limit=7", PathsReply.class).paths(), PathViews.ranked(batchPaths, type), 7);
            }
        }
    }

    @Test
    @Order(5)
    void badRequestsAreAnsweredWithAStatusAndAReasonByEitherInstance() throws Exception {
        for (RunningEngine asked : List.of(one, two)) {
            HttpResponse<String> unknown = get(asked, "/customers/NO-SUCH-CUSTOMER/attribution");
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(unknown.body()).contains("\"error\":\"not_found\"", "no customer 'NO-SUCH-CUSTOMER'");
            assertThat(get(asked, "/customers/CU0000001/attribution?type=FIRST_KISS").statusCode()).isEqualTo(400);
            assertThat(get(asked, "/customers/CU0000001/attribution?model=w_shaped").body())
                    .contains("unknown model 'w_shaped'; this engine computes daily_split, linear, markov");
            assertThat(get(asked, "/customers/%20CU0000001/attribution").statusCode()).isEqualTo(400);
            assertThat(get(asked, "/channels?type=nope").statusCode()).isEqualTo(400);
            assertThat(get(asked, "/campaigns?type=nope").statusCode()).isEqualTo(400);
            assertThat(get(asked, "/months?model=w_shaped").body()).contains("unknown model 'w_shaped'");
            // paths have no model; a limit is a whole number from 1 to 1000
            HttpResponse<String> modelOfPaths = get(asked, "/paths?model=linear");
            assertThat(modelOfPaths.statusCode()).isEqualTo(400);
            assertThat(modelOfPaths.body()).contains("paths have no model");
            for (String limit : List.of("0", "1001", "ten")) {
                assertThat(get(asked, "/paths?limit=" + limit).statusCode()).as(limit).isEqualTo(400);
            }
            assertThat(get(asked, "/paths?type=nope").statusCode()).isEqualTo(400);
        }
    }

    @Test
    @Order(6)
    void withoutTheTokenNothingIsAnsweredAndAClientsForwardingHeaderChangesNothing() throws Exception {
        for (RunningEngine asked : List.of(one, two)) {
            for (String path : List.of("/channels", "/campaigns", "/months", "/paths", "/settings", "/customers/CU0000001/attribution",
                    "/updates/stream")) {
                assertThat(send(asked, path, Map.of()).statusCode()).as(path).isEqualTo(401);
                assertThat(send(asked, path, Map.of("Authorization", "Bearer " + TOKEN.replace('9', '8')))
                        .statusCode()).as(path).isEqualTo(403);
            }
            assertThat(send(asked, "/", Map.of()).statusCode()).isEqualTo(200); // the page asks for the token
            String ops = "http://localhost:" + asked.opsPort();
            assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(ops + "/health/ready")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(ops + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).contains("attribution_http_refused");
            assertThat(send(asked, "/metrics", Map.of()).statusCode()).isEqualTo(404);

            // a client claiming to be the other instance still gets every instance's partitions
            RunningEngine other = asked == one ? two : one;
            HttpResponse<String> forged = send(asked, "/channels", Map.of("Authorization", "Bearer " + TOKEN,
                    Forwarding.FORWARDED_BY, other.applicationServer()));
            ChannelsReply whole = Json.MAPPER.readValue(forged.body(), ChannelsReply.class);
            assertThat(whole.instances()).containsExactlyInAnyOrder(one.applicationServer(), two.applicationServer());
        }
    }

    @Test
    @Order(7)
    void theDashboardInABrowserShowsTheBatchNumbersAPathFromTheOtherInstanceAndLiveUpdates() throws Exception {
        List<Map<String, String>> batchChannels = rows(data.batch().resolve("channels.csv"));
        List<Map<String, String>> batchRows = rows(data.batch().resolve("attribution.csv"));
        List<Map<String, String>> batchCampaigns = rows(data.batch().resolve(OutputFiles.CAMPAIGNS_FILE));
        List<Map<String, String>> batchMonths = rows(data.batch().resolve(OutputFiles.MONTHS_FILE));
        List<Map<String, String>> batchPaths = rows(data.batch().resolve(OutputFiles.PATHS_FILE));
        try (HeadlessChromium browser = HeadlessChromium.start(1280, 900)) {
            browser.navigate(base(one) + "/");
            // the first data request is answered 401: the page asks for the token, once for the tab
            browser.awaitValue(LOGIN, login -> login.path("shown").asBoolean(), Duration.ofSeconds(30));
            browser.evaluate(typeToken("not-the-token-but-long-enough-0123456789"));
            // a wrong token is refused (403): the page says so and asks again
            browser.awaitValue(LOGIN, login -> login.path("shown").asBoolean()
                    && login.path("message").asText().contains("refused"), Duration.ofSeconds(30));
            browser.evaluate(typeToken(TOKEN));
            browser.awaitValue(LOGIN, login -> !login.path("shown").asBoolean(), Duration.ofSeconds(10));
            for (String type : TYPES) {
                browser.navigate(base(one) + "/?type=" + type + "&model=" + MODEL);
                JsonNode table = browser.awaitValue(TABLE, t -> t.path("state").asText().equals("ready")
                        && t.path("type").asText().equals(type), Duration.ofSeconds(30));
                assertTableShows(table, type, batchChannels);
                JsonNode models = browser.awaitValue(MODELS_TABLE, t -> t.path("state").asText().equals("ready")
                        && t.path("type").asText().equals(type), Duration.ofSeconds(30));
                assertModelsShow(models, type);
                JsonNode months = browser.awaitValue(CampaignAndMonthViews.MONTH_CHART, selected(type, MODEL),
                        Duration.ofSeconds(30));
                CampaignAndMonthViews.assertMonthsShow(months, type, MODEL, "credit", batchMonths, storeMonths(type));
                JsonNode campaigns = browser.awaitValue(CampaignAndMonthViews.CAMPAIGN_TABLE, selected(type, MODEL),
                        Duration.ofSeconds(30));
                CampaignAndMonthViews.assertCampaignsShow(campaigns, type, MODEL, CAMPAIGN_ROWS, batchCampaigns,
                        storeCampaigns(type));
                JsonNode paths = browser.awaitValue(PathViews.PATH_TABLE, t -> t.path("state").asText().equals("ready")
                        && t.path("type").asText().equals(type), Duration.ofSeconds(30));
                PathViews.assertPanelShows(paths, type, batchPaths, false);
            }
            // FIRST_PAID, the last type: "show more" shows the rows behind it, and folds them again
            browser.evaluate(PathViews.PRESS_MORE);
            PathViews.assertPanelShows(browser.awaitValue(PathViews.PATH_TABLE,
                    t -> t.path("rows").size() > 0 && !t.path("rows").get(t.path("rows").size() - 1).path("folded").asBoolean(),
                    Duration.ofSeconds(10)), "FIRST_PAID", batchPaths, true);
            browser.evaluate(PathViews.PRESS_MORE);
            PathViews.assertPanelShows(browser.awaitValue(PathViews.PATH_TABLE,
                    t -> t.path("rows").size() > PathViews.TOP_ROWS
                            && t.path("rows").get(PathViews.TOP_ROWS).path("folded").asBoolean(),
                    Duration.ofSeconds(10)), "FIRST_PAID", batchPaths, false);
            browser.screenshot(Path.of("target", "dashboard-paths.png"), "#paths", 8);
            // FIRST_PAID, the last type: revenue per month, set against the spend
            browser.evaluate(CampaignAndMonthViews.showMonthly("revenue"));
            JsonNode revenue = browser.awaitValue(CampaignAndMonthViews.MONTH_CHART,
                    c -> c.path("measure").asText().equals("revenue"), Duration.ofSeconds(10));
            CampaignAndMonthViews.assertMonthsShow(revenue, "FIRST_PAID", MODEL, "revenue", batchMonths,
                    storeMonths("FIRST_PAID"));
            browser.screenshot(Path.of("target", "dashboard-months.png"), "#months", 8);
            // which campaigns earn their spend: highest return on ad spend first
            browser.evaluate(CampaignAndMonthViews.sortCampaigns("roas"));
            CampaignAndMonthViews.assertSortedByRoas(browser.awaitValue(CampaignAndMonthViews.CAMPAIGN_TABLE,
                    t -> t.path("sort").asText().equals("roas"), Duration.ofSeconds(10)));
            browser.screenshot(Path.of("target", "dashboard-campaigns.png"), "#campaigns", 8);

            // markov has channel totals only: the two views say so rather than look empty
            browser.navigate(base(one) + "/?type=FIRST_PAID&model=markov");
            JsonNode markovCampaigns = browser.awaitValue(CampaignAndMonthViews.CAMPAIGN_TABLE,
                    selected("FIRST_PAID", "markov"), Duration.ofSeconds(30));
            JsonNode markovMonths = browser.awaitValue(CampaignAndMonthViews.MONTH_CHART,
                    selected("FIRST_PAID", "markov"), Duration.ofSeconds(30));
            assertThat(markovCampaigns.get("rows")).isEmpty();
            assertThat(markovMonths.get("segments")).isEmpty();
            for (JsonNode view : List.of(markovCampaigns, markovMonths)) {
                assertThat(view.get("note").asText()).startsWith("markov has channel totals only");
            }
            // paths have no model: markov's are every model's
            PathViews.assertPanelShows(browser.awaitValue(PathViews.PATH_TABLE, t -> t.path("state").asText()
                    .equals("ready") && t.path("type").asText().equals("FIRST_PAID"), Duration.ofSeconds(30)),
                    "FIRST_PAID", batchPaths, false);

            String customer = customerOnTheOtherInstance(batchRows, two);
            browser.navigate(base(one) + "/?type=FIRST_PAID&model=" + MODEL + "&customer=" + encode(customer));
            JsonNode shown = browser.awaitValue(CUSTOMER, c -> c.path("status").asText().equals("200"),
                    Duration.ofSeconds(30));
            assertPathShows(shown, customer, batchRows);

            JsonNode feed = browser.awaitValue(FEED, f -> f.size() > 0, Duration.ofSeconds(30));
            long lastSeq = feed.get(0).get("seq").asLong();
            feed.forEach(line -> assertThat(PERSONAL.matcher(line.get("text").asText()).find()).isFalse());
            pay(customer); // a new fact: the customer's answers change, and the open page must show it
            browser.awaitValue(FEED, f -> f.size() > 0 && f.get(0).get("seq").asLong() > lastSeq
                    && f.get(0).get("customer").asText().equals(customer), Duration.ofSeconds(60));

            browser.screenshot(Path.of("target", "dashboard.png"));
        }
        for (String shot : List.of("dashboard.png", "dashboard-months.png", "dashboard-campaigns.png", "dashboard-paths.png")) {
            assertThat(Path.of("target", shot)).isNotEmptyFile();
        }
    }

    /** The page's campaign rows shown before "show all". */
    private static final int CAMPAIGN_ROWS = 15;

    /** A view of the page has data for this type and model. */
    private static java.util.function.Predicate<JsonNode> selected(String type, String model) {
        return view -> view.path("state").asText().equals("ready") && view.path("type").asText().equals(type)
                && view.path("model").asText().equals(model);
    }

    private static List<CampaignTotalRecord> storeCampaigns(String type) throws Exception {
        return answer(two, "/campaigns?type=" + type + "&model=" + MODEL, CampaignsReply.class).campaigns();
    }

    private static List<MonthTotalRecord> storeMonths(String type) throws Exception {
        return answer(two, "/months?type=" + type + "&model=" + MODEL, MonthsReply.class).months();
    }

    // --- what the page shows, read in the page ---

    private static final String LOGIN = "JSON.stringify({shown: !document.getElementById('login').hidden,"
            + "message: document.getElementById('login-message').textContent})";
    private static final String TABLE = "JSON.stringify({"
            + "state: document.getElementById('channel-table').dataset.state,"
            + "type: document.getElementById('channel-table').dataset.type || null,"
            + "totalRevenue: document.getElementById('total-revenue').textContent,"
            + "rows: [...document.querySelectorAll('#channel-rows tr')].map(tr => ({channel: tr.dataset.channel,"
            + " credit: tr.querySelector('[data-field=credit]').textContent,"
            + " exact: tr.querySelector('[data-field=credit]').dataset.exact,"
            + " hover: tr.querySelector('[data-field=credit]').title,"
            + " revenue: tr.querySelector('[data-field=revenue]').textContent,"
            + " touchpoints: tr.querySelector('[data-field=touchpoints]').textContent,"
            + " customers: tr.querySelector('[data-field=customers]').textContent,"
            + " spend: tr.querySelector('[data-field=spend]').textContent,"
            + " roas: tr.querySelector('[data-field=roas]').textContent,"
            + " cpc: tr.querySelector('[data-field=cost_per_conversion]').textContent})),"
            + "money: document.getElementById('channel-table').dataset.money})";

    private static final String MODELS_TABLE = "JSON.stringify({"
            + "state: document.getElementById('models-table').dataset.state,"
            + "type: document.getElementById('models-table').dataset.type || null,"
            + "head: [...document.querySelectorAll('#models-head th')].map(th => th.textContent),"
            + "rows: [...document.querySelectorAll('#models-rows tr')].map(tr => ({channel: tr.dataset.channel,"
            + " cells: [...tr.querySelectorAll('td[data-model]')].map(td => td.textContent),"
            + " spread: tr.querySelector('[data-field=spread]').textContent}))})";

    private static final String CUSTOMER = "JSON.stringify({"
            + "status: document.getElementById('customer-result').dataset.status || null,"
            + "customer: document.getElementById('customer-result').dataset.customer || null,"
            + "text: document.getElementById('customer-result').textContent,"
            + "records: [...document.querySelectorAll('#customer-result section.record')].map(s => ({"
            + " type: s.dataset.type, model: s.dataset.model,"
            + " steps: [...s.querySelectorAll('li.step')].map(li => ({interaction: li.dataset.interaction,"
            + "  channel: li.querySelector('[data-field=channel]').textContent,"
            + "  occurred_at: li.querySelector('[data-field=occurred_at]').textContent,"
            + "  credit: li.querySelector('[data-field=credit]').textContent,"
            + "  exact: li.querySelector('[data-field=credit]').dataset.exact,"
            + "  revenue: li.querySelector('[data-field=revenue]').textContent}))}))})";

    private static final String FEED = "JSON.stringify([...document.querySelectorAll('#feed-list li')].map(li => ({"
            + "seq: Number(li.dataset.seq), customer: li.querySelector('a').dataset.customer, text: li.textContent})))";

    /**
     * The table shows each channel's credit as its share of the type's credit, a percentage with one decimal
     * computed on the exact credits, and keeps the exact credit (the store's, which written as the batch
     * files write credits is batch's) for the hover; revenue, touchpoints and customers as they are.
     */
    private static void assertTableShows(JsonNode table, String type, List<Map<String, String>> batchChannels)
            throws Exception {
        Map<String, String> batch = new TreeMap<>();
        long cents = 0;
        for (Map<String, String> row : batchChannels) {
            if (row.get("conversion_type").equals(type) && row.get("model").equals(MODEL)) {
                batch.put(row.get("channel"), row.get("credit") + " " + row.get("revenue") + " " + row.get("touchpoints"));
                cents += Math.round(Double.parseDouble(row.get("revenue")) * 100);
            }
        }
        Map<String, ChannelTotalRecord> store = new TreeMap<>();
        Json.MAPPER.readValue(get(two, "/channels?type=" + type + "&model=" + MODEL).body(), ChannelsReply.class)
                .channels().forEach(c -> store.put(c.channel(), c));
        BigDecimal whole = store.values().stream().map(ChannelTotalRecord::credit).reduce(BigDecimal.ZERO, BigDecimal::add);
        Map<String, String> stored = new TreeMap<>();
        Map<String, String> expected = new TreeMap<>();
        store.forEach((channel, t) -> {
            stored.put(channel, Formats.credit(t.credit()) + " " + t.revenue() + " " + t.touchpoints());
            // no touchpoint, no credit to share: the revenue of converted customers no touchpoint earned
            String share = t.touchpoints() == 0 ? "-" : Shares.percent(t.credit(), whole);
            expected.put(channel, share + " " + t.revenue() + " " + t.touchpoints());
        });
        assertThat(stored).as("the store against batch, %s", type).isEqualTo(batch);
        Map<String, String> shown = new TreeMap<>();
        for (JsonNode row : table.get("rows")) {
            String channel = row.get("channel").asText();
            shown.put(channel, row.get("credit").asText() + " " + row.get("revenue").asText() + " "
                    + row.get("touchpoints").asText());
            assertThat(row.get("exact").asText()).isEqualTo(store.get(channel).credit().toPlainString());
            assertThat(row.get("hover").asText()).startsWith("credit " + store.get(channel).credit().toPlainString() + " ");
            assertThat(row.get("customers").asLong()).isEqualTo(store.get(channel).customers());
            ChannelTotalRecord record = store.get(channel);
            assertThat(row.get("spend").asText() + " " + row.get("roas").asText() + " " + row.get("cpc").asText())
                    .as("money of %s", channel).isEqualTo(record.spend() + " "
                            + (record.roas() == null ? "-" : record.roas()) + " "
                            + (record.costPerConversion() == null ? "-" : record.costPerConversion()));
        }
        assertThat(shown).as(type).isNotEmpty().isEqualTo(expected);
        assertThat(shown.values()).as("percentages with one decimal")
                .allMatch(v -> v.matches("(\\d{1,3}\\.\\d%|-) .*"));
        assertThat(table.get("totalRevenue").asText()).isEqualTo(io.attributionstreams.normalise.Money.format(cents));
        assertThat(table.get("money").asText()).as("money was spent: the money columns show").isEqualTo("on");
    }

    /**
     * The models panel shows, for each channel with credit under some model, its share of every model's
     * credit (as the table computes it) and the spread between the largest and smallest, widest first.
     */
    private static void assertModelsShow(JsonNode shown, String type) throws Exception {
        Map<String, Map<String, BigDecimal>> credits = new TreeMap<>();
        Map<String, BigDecimal> wholes = new TreeMap<>();
        for (ChannelTotalRecord c : Json.MAPPER.readValue(get(two, "/channels?type=" + type).body(),
                ChannelsReply.class).channels()) {
            wholes.merge(c.model(), c.credit(), BigDecimal::add);
            if (c.credit().signum() != 0) {
                credits.computeIfAbsent(c.channel(), k -> new TreeMap<>()).put(c.model(), c.credit());
            }
        }
        assertThat(shown.get("head")).extracting(JsonNode::asText)
                .containsExactly("channel", "daily_split", "linear", "markov", "spread");
        Map<String, String> expected = new TreeMap<>();
        credits.forEach((channel, byModel) -> {
            List<String> cells = new ArrayList<>();
            double high = Double.NEGATIVE_INFINITY;
            double low = Double.POSITIVE_INFINITY;
            for (String model : MODELS) {
                BigDecimal credit = byModel.get(model);
                String cell = credit == null ? "-" : Shares.percent(credit, wholes.get(model));
                cells.add(cell);
                double points = cell.equals("-") ? 0 : Double.parseDouble(cell.substring(0, cell.length() - 1));
                high = Math.max(high, points);
                low = Math.min(low, points);
            }
            expected.put(channel, String.join(" ", cells) + " " + String.format(java.util.Locale.ROOT, "%.1f",
                    high - low));
        });
        Map<String, String> rows = new TreeMap<>();
        List<Double> spreads = new ArrayList<>();
        for (JsonNode row : shown.get("rows")) {
            List<String> cells = new ArrayList<>();
            row.get("cells").forEach(c -> cells.add(c.asText()));
            rows.put(row.get("channel").asText(), String.join(" ", cells) + " " + row.get("spread").asText());
            spreads.add(Double.parseDouble(row.get("spread").asText()));
        }
        assertThat(rows).as(type).isNotEmpty().isEqualTo(expected);
        assertThat(spreads).as("widest disagreement first").isSortedAccordingTo(java.util.Comparator.reverseOrder());
    }

    /** Each touchpoint's credit as its share of the answer, in percent with one decimal; the exact credit kept. */
    private static void assertPathShows(JsonNode shown, String customer, List<Map<String, String>> batchRows) {
        assertThat(shown.get("customer").asText()).isEqualTo(customer);
        assertThat(shown.get("text").asText()).contains("Answered by " + two.applicationServer(),
                "asked " + one.applicationServer() + ", which forwarded the request");
        Map<String, List<String>> expected = new TreeMap<>();
        for (Map<String, String> row : batchRows) {
            if (row.get("customer_id").equals(customer) && row.get("model").equals(MODEL)) {
                expected.computeIfAbsent(row.get("conversion_type"), t -> new ArrayList<>()).add(row.get("interaction_id")
                        + " " + row.get("channel") + " " + row.get("occurred_at") + " " + row.get("credit") + " "
                        + row.get("revenue"));
            }
        }
        Map<String, List<String>> paths = new TreeMap<>();
        for (JsonNode record : shown.get("records")) {
            List<String> steps = new ArrayList<>();
            BigDecimal whole = BigDecimal.ZERO;
            for (JsonNode s : record.get("steps")) {
                whole = whole.add(new BigDecimal(s.get("exact").asText()));
            }
            for (JsonNode s : record.get("steps")) {
                BigDecimal credit = new BigDecimal(s.get("exact").asText());
                assertThat(s.get("credit").asText()).isEqualTo(Shares.percent(credit, whole));
                steps.add(s.get("interaction").asText() + " " + s.get("channel").asText() + " "
                        + s.get("occurred_at").asText() + " " + Formats.credit(credit) + " " + s.get("revenue").asText());
            }
            paths.put(record.get("type").asText(), steps);
        }
        assertThat(paths).containsKey("FIRST_PAID").isEqualTo(expected);
    }

    /**
     * A customer with a FIRST_PAID answer of a few touchpoints (a path that fits the screenshot) whose
     * partition the given instance holds.
     */
    private static String customerOnTheOtherInstance(List<Map<String, String>> batchRows, RunningEngine owner) {
        Map<String, Long> paidTouchpoints = batchRows.stream()
                .filter(r -> r.get("conversion_type").equals("FIRST_PAID") && r.get("model").equals(MODEL))
                .collect(java.util.stream.Collectors.groupingBy(r -> r.get("customer_id"), TreeMap::new,
                        java.util.stream.Collectors.counting()));
        return paidTouchpoints.entrySet().stream()
                .filter(e -> e.getValue() >= 3 && e.getValue() <= 6)
                .map(Map.Entry::getKey)
                .filter(c -> ownerOf(c).equals(owner.applicationServer()))
                .findFirst().orElseThrow();
    }

    /** A new payment for the customer, as a producer of the payments topic would send it. */
    private static void pay(String customer) throws Exception {
        Map<String, Object> settings = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(settings, new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(Names.PAYMENTS, "PA-LIVE-1", "{\"payment_id\":\"PA-LIVE-1\","
                    + "\"customer_id\":\"" + customer + "\",\"paid_at\":\"2025-12-01T10:00:00Z\",\"amount\":\"10.00\","
                    + "\"currency\":\"USD\"}")).get();
        }
    }

    // --- plumbing ---

    /** The instance Kafka Streams names as the active owner of the customer's partition. */
    private static String ownerOf(String customer) {
        KeyQueryMetadata metadata = one.app().streams().queryMetadataForKey(Names.CUSTOMER_ANSWERS, customer,
                Serdes.String().serializer());
        return metadata.activeHost().host() + ':' + metadata.activeHost().port();
    }

    /** Types {@code token} into the page's login form and submits it. */
    private static String typeToken(String token) {
        return "document.getElementById('token').value = '" + token + "';"
                + "document.getElementById('login').requestSubmit(); true";
    }

    private static String base(RunningEngine engine) {
        return "http://localhost:" + engine.httpPort();
    }

    /** GET with the token: a 200, read as {@code type}. */
    private static <T> T answer(RunningEngine engine, String pathAndQuery, Class<T> type) throws Exception {
        HttpResponse<String> reply = get(engine, pathAndQuery);
        assertThat(reply.statusCode()).as(pathAndQuery + ": " + reply.body()).isEqualTo(200);
        return Json.MAPPER.readValue(reply.body(), type);
    }

    /** GET with the token. */
    private static HttpResponse<String> get(RunningEngine engine, String pathAndQuery) throws Exception {
        return send(engine, pathAndQuery, Map.of("Authorization", "Bearer " + TOKEN));
    }

    private static HttpResponse<String> send(RunningEngine engine, String pathAndQuery, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base(engine) + pathAndQuery))
                .timeout(Duration.ofSeconds(30));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static List<String> column(Path csv, String name) throws IOException {
        return rows(csv).stream().map(r -> r.getOrDefault(name, "")).filter(v -> !v.isBlank()).map(String::strip)
                .toList();
    }

    private static List<Map<String, String>> rows(Path csv) throws IOException {
        List<Map<String, String>> rows = new ArrayList<>();
        try (MappingIterator<Map<String, String>> it = new CsvMapper().readerFor(Map.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(Files.newBufferedReader(csv))) {
            it.forEachRemaining(rows::add);
        }
        return rows;
    }
}
