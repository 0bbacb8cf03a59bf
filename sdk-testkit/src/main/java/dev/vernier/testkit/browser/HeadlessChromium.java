package dev.vernier.testkit.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A headless Chromium driven over the Chrome DevTools protocol, for tests that must see a page as a
 * browser does: open a page, collect its console errors and uncaught exceptions, evaluate
 * JavaScript, take a screenshot. Speaks the protocol over the JDK's {@link java.net.http.WebSocket};
 * no driver binary, no third-party client.
 *
 * <pre>{@code
 * assumeTrue(HeadlessChromium.isAvailable(), HeadlessChromium.unavailableReason());
 * try (HeadlessChromium chromium = HeadlessChromium.launch();
 *      HeadlessChromium.Page page = chromium.open(Path.of("report.html"))) {
 *     assertEquals(List.of(), page.errors());
 *     assertEquals(Boolean.TRUE, page.evaluate("document.querySelectorAll('canvas').length > 0"));
 *     Files.write(Path.of("shot.png"), page.screenshot());
 * }
 * }</pre>
 *
 * <p>The browser runs as its own process ({@code /usr/bin/chromium} by default; Debian's
 * {@code chromium} package) with {@code --headless --no-sandbox --disable-gpu --disable-quic
 * --no-first-run --disable-background-networking --disable-component-update --disable-sync}, a fresh
 * temporary {@code --user-data-dir} and {@code --remote-debugging-port=0}; nothing reaches the network
 * unless a page asks for it. {@link #close()} ends the process and deletes the profile.
 *
 * <p>Thread-safe: protocol calls may come from any thread; each waits at most the configured timeout
 * and then throws {@link IllegalStateException} naming the call, so a hung browser never hangs a test.
 */
public final class HeadlessChromium implements AutoCloseable {

    /** Where Debian's {@code chromium} package installs the browser. */
    public static final Path DEFAULT_BINARY = Path.of("/usr/bin/chromium");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path profile;
    private final Duration timeout;
    private final Connection connection;
    private final List<Page> pages = new CopyOnWriteArrayList<>();

    private HeadlessChromium(Process process, Path profile, Duration timeout, Connection connection) {
        this.process = process;
        this.profile = profile;
        this.timeout = timeout;
        this.connection = connection;
    }

    /** @return true when {@link #DEFAULT_BINARY} exists and is executable */
    public static boolean isAvailable() {
        return Files.isExecutable(DEFAULT_BINARY);
    }

    /** @return a sentence for a skipped test: why the browser cannot run and how to install it */
    public static String unavailableReason() {
        return DEFAULT_BINARY + " is not installed: browser tests are skipped (install Debian's package: "
                + "apt-get install -y chromium; CI's .ci/run does)";
    }

    /**
     * Launches {@link #DEFAULT_BINARY} with a 30-second timeout per protocol call and a 1280 x 900
     * viewport.
     *
     * @return the running browser
     * @throws IllegalStateException when the browser cannot start or does not open its debugging port
     */
    public static HeadlessChromium launch() {
        return builder().launch();
    }

    /** @return settings for {@link Builder#launch()}, starting from the defaults of {@link #launch()} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Opens a new tab on {@code url} and waits for its load event.
     *
     * @param url any URL the browser can load ({@code file:}, {@code data:}, {@code http://127.0.0.1...})
     * @return the page; close it (or the browser) when done
     * @throws IllegalStateException when the page does not load within the timeout
     */
    public Page open(URI url) {
        Objects.requireNonNull(url, "url");
        String targetId = connection.call(null, "Target.createTarget", o -> o.put("url", "about:blank"))
                .get("targetId").asText();
        String session = connection.call(null, "Target.attachToTarget",
                o -> o.put("targetId", targetId).put("flatten", true)).get("sessionId").asText();
        Page page = new Page(targetId, session);
        pages.add(page);
        page.navigate(url);
        return page;
    }

    /**
     * @param file a local file, e.g. an HTML report
     * @return the page, loaded
     * @see #open(URI)
     */
    public Page open(Path file) {
        return open(file.toAbsolutePath().toUri());
    }

    /** @return true while the browser process runs */
    public boolean isRunning() {
        return process.isAlive();
    }

    /** Closes the pages, ends the browser process (forcibly after 5 s) and deletes its profile. */
    @Override
    public void close() {
        for (Page p : pages) {
            p.closeQuietly();
        }
        connection.close();
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        deleteTree(profile);
    }

    /**
     * Something a page reported as an error: an uncaught exception, a {@code console.error} call or
     * a browser log entry of level error (a failed resource load, a blocked request). Immutable.
     *
     * @param source {@code "exception"}, {@code "console"} or {@code "log"}
     * @param text the message, with the location when the browser gave one
     */
    public record BrowserError(String source, String text) {
        @Override
        public String toString() {
            return source + ": " + text;
        }
    }

    /**
     * One tab. Errors are collected from the moment the tab exists, so those raised while the page
     * loads are kept. Thread-safe.
     */
    public final class Page implements AutoCloseable {
        private final String targetId;
        private final String session;
        private final List<BrowserError> errors = new CopyOnWriteArrayList<>();
        private final List<String> requests = new CopyOnWriteArrayList<>();
        private volatile CompletableFuture<Void> loaded = new CompletableFuture<>();

        private Page(String targetId, String session) {
            this.targetId = targetId;
            this.session = session;
            connection.subscribe(session, this::onEvent);
            call("Page.enable", o -> { });
            call("Runtime.enable", o -> { });
            call("Log.enable", o -> { });
            call("Network.enable", o -> { });
        }

        private void navigate(URI url) {
            loaded = new CompletableFuture<>();
            JsonNode r = call("Page.navigate", o -> o.put("url", url.toString()));
            if (r.hasNonNull("errorText")) {
                throw new IllegalStateException("navigation to " + url + " failed: " + r.get("errorText").asText());
            }
            await(loaded, "the load event of " + url);
            if (!"about:blank".equals(url.toString())) {
                waitUntil("document.readyState === 'complete' && location.href !== 'about:blank'", timeout);
            }
        }

        /**
         * @return every error reported so far, in order (an empty list for a clean page)
         */
        public List<BrowserError> errors() {
            return List.copyOf(errors);
        }

        /**
         * @return the URL of every request the page made so far (its own document included), in
         *     order: a page that must open offline should ask for nothing else
         */
        public List<String> requests() {
            return List.copyOf(requests);
        }

        /**
         * Evaluates a JavaScript expression in the page and returns its value as JSON maps to Java:
         * {@code String}, {@code Boolean}, {@code Integer}/{@code Long}/{@code Double}, {@code List},
         * {@code Map}, or null. A promise is awaited.
         *
         * @param expression e.g. {@code "document.title"}
         * @return the value
         * @throws IllegalStateException when the expression throws (with the message) or times out
         */
        public Object evaluate(String expression) {
            JsonNode r = call("Runtime.evaluate", o -> o.put("expression", expression).put("returnByValue", true)
                    .put("awaitPromise", true));
            if (r.has("exceptionDetails")) {
                JsonNode d = r.get("exceptionDetails");
                String text = d.path("exception").path("description").asText(d.path("text").asText());
                throw new IllegalStateException("evaluating " + expression + " threw: " + text);
            }
            JsonNode value = r.path("result").path("value");
            return value.isMissingNode() ? null : JSON.convertValue(value, Object.class);
        }

        /**
         * Waits until a JavaScript expression is true (checked every 20 ms), for content that
         * appears after the load event.
         *
         * @param condition an expression, e.g. {@code "window.chartsDone === true"}
         * @param within how long to wait
         * @throws IllegalStateException naming the condition when it is not true in time
         */
        public void waitUntil(String condition, Duration within) {
            long deadline = System.nanoTime() + within.toNanos();
            while (!Boolean.TRUE.equals(evaluate("Boolean(" + condition + ")"))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("condition was not true within " + within + ": " + condition);
                }
                LockSupport.parkNanos(20_000_000L);
            }
        }

        /**
         * Sets the viewport (CSS pixels, device scale 1).
         *
         * @param width width, pixels, 100 to 10,000
         * @param height height, pixels, 100 to 10,000
         */
        public void viewport(int width, int height) {
            if (width < 100 || width > 10_000 || height < 100 || height > 10_000) {
                throw new IllegalArgumentException("viewport must be 100..10000 pixels each way, but was "
                        + width + " x " + height);
            }
            call("Emulation.setDeviceMetricsOverride", o -> o.put("width", width).put("height", height)
                    .put("deviceScaleFactor", 1).put("mobile", false));
        }

        /** @return a PNG of the viewport */
        public byte[] screenshot() {
            return screenshot(false);
        }

        /**
         * @param fullPage true for the whole page (its full scroll height), false for the viewport
         * @return a PNG
         */
        public byte[] screenshot(boolean fullPage) {
            JsonNode r = call("Page.captureScreenshot", o -> o.put("format", "png")
                    .put("captureBeyondViewport", fullPage));
            return Base64.getDecoder().decode(r.get("data").asText());
        }

        /** Closes the tab. */
        @Override
        public void close() {
            pages.remove(this);
            closeQuietly();
        }

        private void closeQuietly() {
            connection.unsubscribe(session);
            if (process.isAlive()) {
                try {
                    connection.call(null, "Target.closeTarget", o -> o.put("targetId", targetId));
                } catch (RuntimeException e) {
                    // the browser is going away anyway
                }
            }
        }

        private JsonNode call(String method, Consumer<ObjectNode> params) {
            return connection.call(session, method, params);
        }

        private void onEvent(String method, JsonNode params) {
            switch (method) {
                case "Page.loadEventFired" -> loaded.complete(null);
                case "Network.requestWillBeSent" -> requests.add(params.path("request").path("url").asText());
                case "Runtime.exceptionThrown" -> {
                    JsonNode d = params.path("exceptionDetails");
                    String text = d.path("exception").path("description").asText(d.path("text").asText());
                    errors.add(new BrowserError("exception", text + location(d)));
                }
                case "Runtime.consoleAPICalled" -> {
                    if ("error".equals(params.path("type").asText()) || "assert".equals(params.path("type").asText())) {
                        StringBuilder text = new StringBuilder();
                        for (JsonNode a : params.path("args")) {
                            text.append(text.length() == 0 ? "" : " ")
                                    .append(a.has("value") ? a.get("value").asText() : a.path("description").asText());
                        }
                        errors.add(new BrowserError("console", text.toString()));
                    }
                }
                case "Log.entryAdded" -> {
                    JsonNode e = params.path("entry");
                    if ("error".equals(e.path("level").asText())) {
                        String url = e.path("url").asText("");
                        errors.add(new BrowserError("log", e.path("text").asText() + (url.isEmpty() ? "" : " (" + url + ")")));
                    }
                }
                default -> { }
            }
        }

        private String location(JsonNode d) {
            String url = d.path("url").asText("");
            return url.isEmpty() ? "" : " (" + url + ":" + (d.path("lineNumber").asInt() + 1) + ")";
        }

        private void await(CompletableFuture<?> f, String what) {
            HeadlessChromium.await(f, timeout, what);
        }
    }

    private static <T> T await(CompletableFuture<T> f, Duration timeout, String what) {
        try {
            return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("no answer from Chromium within " + timeout + " for " + what, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Chromium failed " + what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + what, e);
        }
    }

    private static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // a file the exiting browser still writes; the temporary directory is cleaned later
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // as above
        }
    }

    /** Settings of a browser launch. Not thread-safe. */
    public static final class Builder {
        private Path binary = DEFAULT_BINARY;
        private Duration timeout = Duration.ofSeconds(30);
        private int width = 1280;
        private int height = 900;

        private Builder() {
        }

        /**
         * @param binary the Chromium (or Chrome) executable; default {@link #DEFAULT_BINARY}
         * @return this builder
         */
        public Builder binary(Path binary) {
            this.binary = Objects.requireNonNull(binary, "binary");
            return this;
        }

        /**
         * @param timeout the longest wait for start-up and for each protocol call or page load,
         *     positive; default 30 s
         * @return this builder
         */
        public Builder timeout(Duration timeout) {
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive, but was " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /**
         * @param width initial window width, pixels, 100 to 10,000; default 1280
         * @param height initial window height, pixels, 100 to 10,000; default 900
         * @return this builder
         */
        public Builder window(int width, int height) {
            if (width < 100 || width > 10_000 || height < 100 || height > 10_000) {
                throw new IllegalArgumentException("window must be 100..10000 pixels each way, but was "
                        + width + " x " + height);
            }
            this.width = width;
            this.height = height;
            return this;
        }

        /**
         * Starts the browser and connects to it.
         *
         * @return the running browser
         * @throws IllegalStateException when the binary is missing, exits, or opens no debugging port
         *     within the timeout (the message carries the end of its output)
         */
        public HeadlessChromium launch() {
            if (!Files.isExecutable(binary)) {
                throw new IllegalStateException("binary must be an executable Chromium, but " + binary
                        + " is not; install Debian's package: apt-get install -y chromium");
            }
            Path profile;
            try {
                profile = Files.createTempDirectory("vernier-chromium-");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a browser profile directory", e);
            }
            Path output = profile.resolve("browser-output.txt");
            List<String> command = List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--disable-default-apps",
                    "--disable-extensions", "--mute-audio", "--hide-scrollbars",
                    "--user-data-dir=" + profile.resolve("profile"), "--remote-debugging-port=0",
                    "--window-size=" + width + "," + height, "about:blank");
            Process process;
            try {
                process = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(output.toFile()).start();
            } catch (IOException e) {
                deleteTree(profile);
                throw new IllegalStateException("cannot start " + binary + ": " + e.getMessage(), e);
            }
            try {
                URI ws = debuggerUrl(process, profile.resolve("profile").resolve("DevToolsActivePort"), output);
                Connection c = Connection.open(ws, timeout);
                return new HeadlessChromium(process, profile, timeout, c);
            } catch (RuntimeException e) {
                process.destroyForcibly();
                try {
                    process.waitFor(5, TimeUnit.SECONDS);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                }
                deleteTree(profile);
                throw e;
            }
        }

        private URI debuggerUrl(Process process, Path portFile, Path output) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                if (Files.exists(portFile)) {
                    try {
                        List<String> lines = Files.readAllLines(portFile, StandardCharsets.UTF_8);
                        if (lines.size() >= 2 && !lines.get(1).isBlank()) {
                            return URI.create("ws://127.0.0.1:" + lines.get(0).trim() + lines.get(1).trim());
                        }
                    } catch (IOException e) {
                        // being written: read again
                    }
                }
                if (!process.isAlive()) {
                    throw new IllegalStateException("Chromium exited with status " + process.exitValue()
                            + " before opening its debugging port: " + tail(output));
                }
                LockSupport.parkNanos(20_000_000L);
            }
            throw new IllegalStateException("Chromium opened no debugging port within " + timeout + ": " + tail(output));
        }

        private static String tail(Path output) {
            try {
                String s = Files.readString(output, StandardCharsets.UTF_8);
                return s.length() > 2000 ? s.substring(s.length() - 2000) : s;
            } catch (IOException e) {
                return "(no output)";
            }
        }
    }

    /** One DevTools WebSocket: numbered calls, their answers, and events routed per session. */
    private static final class Connection implements WebSocket.Listener {
        private final AtomicLong ids = new AtomicLong();
        private final Map<Long, CompletableFuture<JsonNode>> waiting = new ConcurrentHashMap<>();
        private final Map<String, EventSink> sinks = new ConcurrentHashMap<>();
        private final StringBuilder partial = new StringBuilder();
        private final Duration timeout;
        private volatile WebSocket socket;
        private volatile boolean closed;

        private interface EventSink {
            void accept(String method, JsonNode params);
        }

        private Connection(Duration timeout) {
            this.timeout = timeout;
        }

        static Connection open(URI url, Duration timeout) {
            Connection c = new Connection(timeout);
            HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).build();
            c.socket = await(client.newWebSocketBuilder().connectTimeout(timeout).buildAsync(url, c),
                    timeout, "connecting to " + url);
            return c;
        }

        void subscribe(String session, EventSink sink) {
            sinks.put(session, sink);
        }

        void unsubscribe(String session) {
            sinks.remove(session);
        }

        JsonNode call(String session, String method, Consumer<ObjectNode> params) {
            if (closed) {
                throw new IllegalStateException("the browser connection is closed; cannot call " + method);
            }
            long id = ids.incrementAndGet();
            ObjectNode msg = JSON.createObjectNode();
            msg.put("id", id).put("method", method);
            params.accept(msg.putObject("params"));
            if (session != null) {
                msg.put("sessionId", session);
            }
            CompletableFuture<JsonNode> answer = new CompletableFuture<>();
            waiting.put(id, answer);
            try {
                synchronized (this) {
                    await(socket.sendText(msg.toString(), true), timeout, "sending " + method);
                }
                return await(answer, timeout, method);
            } finally {
                waiting.remove(id);
            }
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            String text = null;
            synchronized (partial) {
                partial.append(data);
                if (last) {
                    text = partial.toString();
                    partial.setLength(0);
                }
            }
            if (text != null) {
                dispatch(text);
            }
            webSocket.request(1);
            return null;
        }

        private void dispatch(String text) {
            JsonNode msg;
            try {
                msg = JSON.readTree(text);
            } catch (IOException e) {
                return;
            }
            if (msg.has("id")) {
                CompletableFuture<JsonNode> f = waiting.get(msg.get("id").asLong());
                if (f != null) {
                    if (msg.has("error")) {
                        f.completeExceptionally(new IllegalStateException(msg.get("error").path("message").asText()));
                    } else {
                        f.complete(msg.path("result"));
                    }
                }
            } else if (msg.has("method")) {
                EventSink sink = sinks.get(msg.path("sessionId").asText(""));
                if (sink != null) {
                    sink.accept(msg.get("method").asText(), msg.path("params"));
                }
            }
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            failAll("the browser closed the connection (" + statusCode + " " + reason + ")");
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            failAll("connection error: " + error);
        }

        private void failAll(String why) {
            closed = true;
            for (CompletableFuture<JsonNode> f : new ArrayList<>(waiting.values())) {
                f.completeExceptionally(new IllegalStateException(why));
            }
        }

        void close() {
            if (!closed) {
                closed = true;
                try {
                    socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(2, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (ExecutionException | TimeoutException e) {
                    socket.abort();
                }
            }
        }
    }
}
