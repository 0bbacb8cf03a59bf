package dev.vernier.core.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.vernier.testkit.ManualClock;
import dev.vernier.testkit.Poll;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AlertWebhooksTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AlertRule ERRORS = AlertRule.builder("High Error Rate").metric(AlertMetric.ERROR_RATE)
            .above(5).forDuration(Duration.ofSeconds(10)).severity(AlertSeverity.CRITICAL).build();
    private static final AlertSample BAD = new AlertSample("raft", 0, 100, 12.5, 1, 2, 3, 4, 10, 10);
    private static final AlertSample GOOD = new AlertSample("raft", 0, 100, 0, 1, 2, 3, 4, 10, 10);

    private final ManualClock clock = new ManualClock();
    private final List<Receiver> receivers = new ArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stopReceivers() {
        release.countDown();
        receivers.forEach(Receiver::stop);
    }

    /** A local HTTP receiver that records what it is sent and answers with {@code status}. */
    private final class Receiver {
        final HttpServer server;
        final ExecutorService threads = Executors.newCachedThreadPool();
        final List<JsonNode> bodies = Collections.synchronizedList(new ArrayList<>());
        final List<String> connectionHeaders = Collections.synchronizedList(new ArrayList<>());
        final List<String> authorization = Collections.synchronizedList(new ArrayList<>());
        final List<String> events = Collections.synchronizedList(new ArrayList<>());
        final java.util.concurrent.atomic.AtomicInteger requests = new java.util.concurrent.atomic.AtomicInteger();

        Receiver(int status, boolean hang) throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setExecutor(threads);
            server.createContext("/hook", exchange -> handle(exchange, status, hang));
            server.start();
            receivers.add(this);
        }

        private void handle(HttpExchange exchange, int status, boolean hang) throws IOException {
            requests.incrementAndGet();
            bodies.add(JSON.readTree(exchange.getRequestBody()));
            connectionHeaders.add(exchange.getRequestHeaders().getFirst("Connection"));
            authorization.add(exchange.getRequestHeaders().getFirst("Authorization"));
            events.add(exchange.getRequestHeaders().getFirst("X-Vernier-Event"));
            if (hang) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        }

        URI url() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
        }

        void stop() {
            server.stop(0);
            threads.shutdownNow();
        }
    }

    private AlertEngine engine(AlertWebhooks hooks) {
        return AlertEngine.builder().rules(List.of(ERRORS)).clock(clock).listener(hooks).build();
    }

    /** Fires the rule (11 evaluations a second apart), then resolves it once. */
    private void fireAndResolve(AlertEngine engine) {
        for (int i = 0; i < 11; i++) {
            engine.evaluate(BAD);
            clock.advance(1_000_000_000L);
        }
        engine.evaluate(GOOD);
    }

    /** Waits for the webhook's own delivery threads, which run on wall time (they post over HTTP). */
    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        if (!Poll.until(condition, Duration.ofSeconds(20))) {
            throw new AssertionError("timed out waiting until " + what);
        }
    }

    @Test
    void postsTheFiredAndTheResolvedAlertToEveryUrl() throws Exception {
        Receiver a = new Receiver(204, false);
        Receiver b = new Receiver(200, false);
        // a generous timeout: on a loaded machine the receiver's first JSON parse can take seconds,
        // and a retry would make the attempt count below depend on the machine
        try (AlertWebhooks hooks = AlertWebhooks.builder().url(a.url()).url(b.url() + "?via=test")
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer hook-secret").build()) {
            fireAndResolve(engine(hooks));
            await(() -> hooks.stats().delivered() == 4, "four deliveries");
            assertEquals(new AlertWebhooks.Stats(4, 0, 0, 4, 0), hooks.stats());
        }
        for (Receiver r : List.of(a, b)) {
            assertEquals(2, r.bodies.size());
            JsonNode fired = r.bodies.stream().filter(n -> n.get("status").asText().equals("firing")).findFirst()
                    .orElseThrow();
            JsonNode resolved = r.bodies.stream().filter(n -> n.get("status").asText().equals("resolved"))
                    .findFirst().orElseThrow();
            assertEquals(1, fired.get("version").asInt());
            assertEquals("raft", fired.get("source").asText());
            assertEquals("High Error Rate", fired.at("/rule/name").asText());
            assertEquals("error_rate", fired.at("/rule/metric").asText());
            assertEquals(">", fired.at("/rule/comparator").asText());
            assertEquals(5.0, fired.at("/rule/threshold").asDouble());
            assertEquals(10.0, fired.at("/rule/forSeconds").asDouble());
            assertEquals("CRITICAL", fired.at("/rule/severity").asText());
            assertEquals(12.5, fired.get("value").asDouble());
            assertEquals(10.0, fired.get("heldSeconds").asDouble());
            assertEquals(fired.get("alertId").asLong(), resolved.get("alertId").asLong());
            assertEquals(0.0, resolved.get("value").asDouble());
            assertEquals(1.0, resolved.get("activeSeconds").asDouble(), 1e-9);
            assertTrue(fired.get("text").asText().contains("High Error Rate"), fired.toString());
            assertEquals(List.of("close", "close"), r.connectionHeaders);
            assertEquals(List.of("Bearer hook-secret", "Bearer hook-secret"), r.authorization);
            assertEquals(java.util.Set.of("alert.fired", "alert.resolved"), java.util.Set.copyOf(r.events));
        }
    }

    @Test
    void aReceiverThatHangsTimesOutAfterBoundedAttemptsWithoutDelayingTheEngine() throws Exception {
        Receiver hanging = new Receiver(200, true);
        try (AlertWebhooks hooks = AlertWebhooks.builder().url(hanging.url()).timeout(Duration.ofMillis(200))
                .maxRetries(2).retryBackoff(Duration.ofMillis(10)).build()) {
            AlertEngine engine = engine(hooks);
            // the receiver never answers before the test ends: a synchronous delivery would never return
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> fireAndResolve(engine));
            assertEquals(2, engine.history().size());
            await(() -> hooks.stats().failed() == 2, "both deliveries gave up");
            assertEquals(new AlertWebhooks.Stats(0, 2, 0, 6, 0), hooks.stats(), "1 + 2 retries each");
            await(() -> hanging.requests.get() == 6, "the receiver saw six requests");
        }
    }

    @Test
    void aReceiverThatIsDownIsRetriedThenGivenUp() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        try (AlertWebhooks hooks = AlertWebhooks.builder().url("http://127.0.0.1:" + port + "/hook")
                .maxRetries(3).retryBackoff(Duration.ofMillis(5)).build()) {
            fireAndResolve(engine(hooks));
            await(() -> hooks.stats().failed() == 2, "both deliveries gave up");
            assertEquals(new AlertWebhooks.Stats(0, 2, 0, 8, 0), hooks.stats());
        }
    }

    @Test
    void aClientErrorIsNotRetried() throws Exception {
        Receiver refusing = new Receiver(400, false);
        try (AlertWebhooks hooks = AlertWebhooks.builder().url(refusing.url()).maxRetries(3)
                .timeout(Duration.ofSeconds(30)).retryBackoff(Duration.ofMillis(5)).build()) {
            fireAndResolve(engine(hooks));
            await(() -> hooks.stats().failed() == 2, "both deliveries failed");
            assertEquals(new AlertWebhooks.Stats(0, 2, 0, 2, 0), hooks.stats());
        }
    }

    @Test
    void deliveriesBeyondTheLimitAreDroppedAndCountedAndCloseDropsTheRest() throws Exception {
        Receiver hanging = new Receiver(200, true);
        AlertWebhooks hooks = AlertWebhooks.builder().url(hanging.url()).threads(1).maxPending(2)
                .timeout(Duration.ofSeconds(30)).maxRetries(0).build();
        AlertEngine engine = engine(hooks);
        fireAndResolve(engine);  // 2 deliveries: both pending (one hanging, one queued)
        fireAndResolve(engine);  // 2 more: dropped
        assertEquals(new AlertWebhooks.Stats(0, 0, 2, hooks.stats().attempts(), 2), hooks.stats());
        await(() -> hanging.requests.get() == 1, "the first delivery reached the receiver");
        release.countDown(); // let the hanging request end so that close() need not wait 30 s
        hooks.close();
        AlertWebhooks.Stats end = hooks.stats();
        assertEquals(0, end.pending());
        assertEquals(4, end.delivered() + end.failed() + end.dropped(), end.toString());
        assertTrue(Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().startsWith(AlertWebhooks.THREAD_NAME)), "no webhook thread left");
    }

    @Test
    void closeLeavesNoThreadEvenWhileAReceiverHangs() throws Exception {
        Receiver hanging = new Receiver(200, true);
        AlertWebhooks hooks = AlertWebhooks.builder().url(hanging.url()).timeout(Duration.ofMillis(300))
                .maxRetries(5).retryBackoff(Duration.ofMillis(5)).build();
        fireAndResolve(engine(hooks));
        await(() -> hanging.requests.get() >= 1, "a delivery is in progress");
        hooks.close();
        assertTrue(Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().startsWith(AlertWebhooks.THREAD_NAME)), "no webhook thread left");
        assertEquals(0, hooks.stats().pending());
    }

    @Test
    void badSettingsAreRejectedNamingFieldAndValue() {
        assertEquals("url must be an http or https URL with a host, but was file:/etc/passwd",
                assertThrows(IllegalArgumentException.class,
                        () -> AlertWebhooks.builder().url("file:/etc/passwd")).getMessage());
        assertEquals("maxRetries must be between 0 and 10, but was 11", assertThrows(IllegalArgumentException.class,
                () -> AlertWebhooks.builder().maxRetries(11)).getMessage());
        assertEquals("timeout must be positive, but was PT0S", assertThrows(IllegalArgumentException.class,
                () -> AlertWebhooks.builder().timeout(Duration.ZERO)).getMessage());
        assertEquals("at least one url must be set", assertThrows(IllegalStateException.class,
                () -> AlertWebhooks.builder().build()).getMessage());
    }
}
