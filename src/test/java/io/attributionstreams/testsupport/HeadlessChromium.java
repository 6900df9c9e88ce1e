package io.attributionstreams.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A real browser for tests: Chromium, headless, driven over the Chrome DevTools protocol with the
 * JDK's WebSocket client. Not {@code --dump-dom}: the dashboard keeps a server-sent events stream
 * open, and a pending request stops headless Chromium's virtual clock, so a dump would never come.
 * Without Chromium installed this fails, loudly: a browser test that skips proves nothing.
 */
public final class HeadlessChromium implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome",
            "google-chrome-stable");
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();

    private HeadlessChromium(Process process, Path profile, WebSocket socket) {
        this.process = process;
        this.profile = profile;
        this.socket = socket;
    }

    /** Starts Chromium with a fresh profile and a window of {@code width} x {@code height}. */
    public static HeadlessChromium start(int width, int height) throws Exception {
        Path binary = find().orElseThrow(() -> new AssertionError("Chromium is not installed (looked for " + NAMES
                + " on the PATH): the dashboard test needs a real browser. Install it, e.g. "
                + "`apt-get install -y chromium`; .ci/run does so when it is missing."));
        Path profile = Files.createTempDirectory("attribution-chromium");
        Process process = new ProcessBuilder(binary.toString(), "--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                "--hide-scrollbars", "--remote-debugging-port=0", "--remote-allow-origins=*",
                "--user-data-dir=" + profile, "--window-size=" + width + "," + height, "about:blank")
                .redirectErrorStream(true)
                .redirectOutput(profile.resolve("chromium.log").toFile())
                .start();
        try {
            int port = devToolsPort(process, profile);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            JsonNode targets = JSON.readTree(http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            String page = null;
            for (JsonNode target : targets) {
                if (target.path("type").asText().equals("page")) {
                    page = target.get("webSocketDebuggerUrl").asText();
                }
            }
            if (page == null) {
                throw new AssertionError("Chromium opened no page: " + targets);
            }
            HeadlessChromium[] self = new HeadlessChromium[1];
            WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(page), new WebSocket.Listener() {
                private final StringBuilder message = new StringBuilder();

                @Override
                public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                    message.append(data);
                    if (last) {
                        self[0].received(message.toString());
                        message.setLength(0);
                    }
                    webSocket.request(1);
                    return null;
                }
            }).get(30, TimeUnit.SECONDS);
            HeadlessChromium chromium = new HeadlessChromium(process, profile, socket);
            self[0] = chromium;
            chromium.send("Page.enable", JSON.createObjectNode());
            chromium.send("Runtime.enable", JSON.createObjectNode());
            return chromium;
        } catch (Exception | AssertionError e) {
            process.destroyForcibly();
            throw e;
        }
    }

    private static java.util.Optional<Path> find() {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        List<String> dirs = new ArrayList<>(List.of(path.split(File.pathSeparator)));
        dirs.add("/usr/bin");
        for (String name : NAMES) {
            for (String dir : dirs) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return java.util.Optional.of(candidate);
                }
            }
        }
        return java.util.Optional.empty();
    }

    /** With port 0, Chromium writes the port it chose into the profile's DevToolsActivePort. */
    private static int devToolsPort(Process process, Path profile) throws Exception {
        Path file = profile.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("Chromium exited with " + process.exitValue() + ": "
                        + Files.readString(profile.resolve("chromium.log")));
            }
            if (Files.exists(file)) {
                List<String> lines = Files.readAllLines(file);
                if (!lines.isEmpty() && !lines.get(0).isBlank()) {
                    return Integer.parseInt(lines.get(0).strip());
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("Chromium did not open its DevTools port within 60 s");
    }

    private void received(String text) {
        try {
            JsonNode message = JSON.readTree(text);
            if (message.has("id")) {
                CompletableFuture<JsonNode> reply = pending.remove(message.get("id").asInt());
                if (reply != null) {
                    if (message.has("error")) {
                        reply.completeExceptionally(new IllegalStateException("DevTools: " + message.get("error")));
                    } else {
                        reply.complete(message.get("result"));
                    }
                }
            }
        } catch (IOException e) {
            pending.values().forEach(f -> f.completeExceptionally(e));
        }
    }

    private JsonNode send(String method, ObjectNode params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        ObjectNode command = JSON.createObjectNode().put("id", id).put("method", method);
        command.set("params", params);
        socket.sendText(JSON.writeValueAsString(command), true).get(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        return reply.get(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    public void navigate(String url) throws Exception {
        send("Page.navigate", JSON.createObjectNode().put("url", url));
    }

    /** The value of a JavaScript expression in the page (a promise is awaited); null if it is undefined. */
    public JsonNode evaluate(String expression) throws Exception {
        JsonNode result = send("Runtime.evaluate", JSON.createObjectNode().put("expression", expression)
                .put("returnByValue", true).put("awaitPromise", true));
        if (result.has("exceptionDetails")) {
            throw new IllegalStateException("JavaScript failed: " + result.get("exceptionDetails"));
        }
        return result.path("result").get("value");
    }

    /**
     * Evaluates {@code expression} (which should return a JSON string) until {@code done} accepts its
     * value; the value. Real time, not virtual: the page's requests and timers run as they would.
     */
    public JsonNode awaitValue(String expression, Predicate<JsonNode> done, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Object last = null;
        while (System.nanoTime() < deadline) {
            try {
                JsonNode value = evaluate(expression);
                JsonNode parsed = value == null || value.isNull() ? null : JSON.readTree(value.asText());
                if (parsed != null && done.test(parsed)) {
                    return parsed;
                }
                last = parsed;
            } catch (IllegalStateException e) {
                last = e.getMessage(); // the page is still loading: its elements are not there yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the page did not get there within " + timeout + "; last value: " + last);
    }

    /** A PNG of the whole page as it is now, below the window's fold included. */
    public void screenshot(Path file) throws Exception {
        JsonNode size = send("Page.getLayoutMetrics", JSON.createObjectNode()).get("cssContentSize");
        capture(file, 0, 0, size.get("width").asDouble(), size.get("height").asDouble());
    }

    /**
     * A PNG of one element of the page (the first that {@code selector} finds) and a margin of the page
     * around it, wherever it is on the page.
     */
    public void screenshot(Path file, String selector, int margin) throws Exception {
        JsonNode box = evaluate("(() => { const r = document.querySelector(" + JSON.writeValueAsString(selector)
                + ").getBoundingClientRect(); return {x: r.left + window.scrollX, y: r.top + window.scrollY,"
                + " width: r.width, height: r.height}; })()");
        capture(file, Math.max(0, box.get("x").asDouble() - margin), Math.max(0, box.get("y").asDouble() - margin),
                box.get("width").asDouble() + 2 * margin, box.get("height").asDouble() + 2 * margin);
    }

    private void capture(Path file, double x, double y, double width, double height) throws Exception {
        ObjectNode clip = JSON.createObjectNode().put("x", x).put("y", y).put("width", width).put("height", height)
                .put("scale", 1);
        ObjectNode params = JSON.createObjectNode().put("format", "png").put("captureBeyondViewport", true);
        params.set("clip", clip);
        JsonNode shot = send("Page.captureScreenshot", params);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, Base64.getDecoder().decode(shot.get("data").asText()));
    }

    @Override
    public void close() throws Exception {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            // the browser goes anyway
        }
        // Chromium's helper processes (renderer, GPU, crashpad) outlive the browser process for a moment and
        // write into the profile: stop them too, then delete it (it used to be left behind in the temp folder)
        List<ProcessHandle> helpers = process.descendants().toList();
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        for (ProcessHandle helper : helpers) {
            helper.destroy();
            try {
                helper.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                helper.destroyForcibly();
            }
        }
        TempDirs.delete(profile);
    }
}
