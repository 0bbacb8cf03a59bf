package dev.vernier.monitor;

import static dev.vernier.monitor.Fixtures.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vernier.api.Phase;
import dev.vernier.core.alert.AlertMetric;
import dev.vernier.core.alert.AlertRule;
import dev.vernier.core.alert.AlertSeverity;
import dev.vernier.core.event.PhaseStarted;
import dev.vernier.testkit.ManualClock;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MonitorServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "test-token-0123456789abcdef";
    private static final AlertRule ERRORS = AlertRule.builder("High Error Rate").metric(AlertMetric.ERROR_RATE)
            .above(5).forDuration(Duration.ofSeconds(2)).severity(AlertSeverity.CRITICAL).build();

    private final ManualClock clock = new ManualClock();
    private Monitor monitor;

    @AfterEach
    void close() {
        if (monitor != null) {
            monitor.close();
        }
    }

    private Monitor start(Monitor.Builder b) {
        monitor = b.port(0).clock(clock).sampleOnOwnThread(false).resourceProbe(Fixtures.probe()).start();
        return monitor;
    }

    private int port() {
        return monitor.address().getPort();
    }

    private void publish(double committed, long errors, double p95Ms) {
        clock.advance(1_000_000_000L);
        monitor.onEvent(snapshot(committed, errors, p95Ms));
    }

    @Test
    void bindsLoopbackOnlyByDefault() throws Exception {
        start(Monitor.builder());
        assertEquals(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), monitor.address().getAddress());
        assertEquals("http://127.0.0.1:" + port() + "/", monitor.url().toString());
        assertEquals(8080, Monitor.DEFAULT_PORT);
        // on Linux all of 127/8 reaches this host: a server on the wildcard address would answer on
        // 127.0.0.2 too; one bound to 127.0.0.1 refuses it
        InetAddress other = InetAddress.getByAddress(new byte[] {127, 0, 0, 2});
        assertThrows(ConnectException.class, () -> new Socket(other, port()).close());
        assertEquals(200, RawHttp.get(port(), "/api/run").status());
    }

    @Test
    void aNonLoopbackAddressNeedsATokenOrAnExplicitOptOut() throws Exception {
        InetAddress any = InetAddress.getByAddress(new byte[] {0, 0, 0, 0});
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Monitor.builder().bindAddress(any).port(0).start());
        assertEquals("bindAddress 0.0.0.0 is not loopback: set a bearerToken, or allowRemoteWithoutToken() to serve"
                + " the figures to the network openly", e.getMessage());
        assertEquals("port must be between 0 and 65535, but was 65536",
                assertThrows(IllegalArgumentException.class, () -> Monitor.builder().port(65536)).getMessage());
        assertEquals("bearerToken must have 16 to 512 characters, but had 5",
                assertThrows(IllegalArgumentException.class, () -> Monitor.builder().bearerToken("short")).getMessage());
    }

    @Test
    void aMissingOrWrongTokenIsRejectedWhenOneIsSet() throws Exception {
        start(Monitor.builder().bearerToken(TOKEN).prometheus(true));
        for (String path : List.of("/", "/api/run", "/api/snapshots", "/api/alerts", "/api/stream", "/metrics",
                "/assets/app.js")) {
            RawHttp.Response none = RawHttp.get(port(), path);
            assertEquals(401, none.status(), path);
            assertEquals("Bearer realm=\"vernier\"", none.header("WWW-Authenticate"), path);
            assertEquals(401, RawHttp.get(port(), path, "Authorization: Bearer wrong-token-0123456789").status(), path);
            assertEquals(401, RawHttp.get(port(), path, "Cookie: vernier_token=wrong").status(), path);
        }
        assertEquals(200, RawHttp.get(port(), "/api/run", "Authorization: Bearer " + TOKEN).status());
        assertEquals(200, RawHttp.get(port(), "/metrics", "Authorization: bearer " + TOKEN).status());
        // a browser opens the URL with the token once: it moves into an HttpOnly cookie
        assertEquals(URIs.withToken(monitor.url().toString(), TOKEN), monitor.browserUrl().toString());
        RawHttp.Response login = RawHttp.get(port(), "/?token=" + TOKEN);
        assertEquals(303, login.status());
        assertEquals("/", login.header("Location"));
        assertEquals("vernier_token=" + TOKEN + "; Path=/; HttpOnly; SameSite=Strict", login.header("Set-Cookie"));
        assertEquals(200, RawHttp.get(port(), "/api/alerts", "Cookie: other=1; vernier_token=" + TOKEN).status());
        assertEquals(401, RawHttp.get(port(), "/?token=wrong").status());
    }

    @Test
    void onlyGetAndHeadAreServedAndNoCorsHeaderIsEverSent() throws Exception {
        start(Monitor.builder());
        for (String method : List.of("POST", "PUT", "DELETE", "PATCH", "OPTIONS")) {
            RawHttp.Response r = RawHttp.request(port(), method, "/api/run", "Origin: http://evil.example");
            assertEquals(405, r.status(), method);
            assertEquals("GET, HEAD", r.header("Allow"), method);
            assertNull(r.header("Access-Control-Allow-Origin"), method);
        }
        RawHttp.Response get = RawHttp.get(port(), "/api/run", "Origin: http://evil.example");
        assertEquals(200, get.status());
        assertNull(get.header("Access-Control-Allow-Origin"));
        assertEquals("nosniff", get.header("X-Content-Type-Options"));
        assertEquals("close", get.header("Connection"));
        RawHttp.Response head = RawHttp.request(port(), "HEAD", "/api/run");
        assertEquals(200, head.status());
        assertEquals("", head.body());
        RawHttp.Response page = RawHttp.get(port(), "/");
        assertTrue(page.header("Content-Security-Policy").contains("script-src 'self'"), page.header("Content-Security-Policy"));
        assertTrue(page.body().contains("assets/uplot/uPlot.iife.min.js"));
        RawHttp.Response uplot = RawHttp.get(port(), "/assets/uplot/uPlot.iife.min.js");
        assertEquals(200, uplot.status());
        assertTrue(uplot.body().contains("uPlot"), "uPlot is served from the WebJar");
    }

    @Test
    void aForeignHostHeaderIsRefusedWhileOnLoopback() throws Exception {
        start(Monitor.builder());
        assertEquals(403, RawHttp.get(port(), "/api/run", "Host: rebind.evil.example:" + port()).status());
        assertEquals(200, RawHttp.get(port(), "/api/run", "Host: localhost:" + port()).status());
        assertEquals(200, RawHttp.get(port(), "/api/run", "Host: [::1]:" + port()).status());
    }

    @Test
    void restEndpointsServeTheLiveFiguresAsJson() throws Exception {
        start(Monitor.builder().alertRules(List.of(ERRORS)));
        assertEquals(204, RawHttp.get(port(), "/api/snapshot").status());
        // the sampler reads CPU and heap; with no traffic yet, that is an idle point (seq 1)
        assertEquals(MonitorPoint.IDLE, monitor.sampleNow().orElseThrow().source());
        monitor.onEvent(new PhaseStarted("raft", "steady", Phase.THROUGHPUT));
        publish(900, 0, 12);
        publish(950, 100, 14);
        publish(980, 245, 15);
        publish(1000, 250, 16);

        JsonNode latest = JSON.readTree(RawHttp.get(port(), "/api/snapshot").body());
        assertEquals(5, latest.get("seq").asLong());
        assertEquals(1000.0, latest.get("throughputOpsPerSecond").asDouble());
        assertEquals(20.0, latest.get("errorRatePercent").asDouble(), 1e-9);
        assertEquals(16.0, latest.get("p95Ms").asDouble());
        assertEquals(25.0, latest.get("cpuPercent").asDouble());
        assertEquals(25.0, latest.get("memoryPercent").asDouble(), 1e-9);
        assertEquals("THROUGHPUT", latest.get("phase").asText());

        JsonNode last2 = JSON.readTree(RawHttp.get(port(), "/api/snapshots?last=2").body());
        assertEquals(2, last2.size());
        assertEquals(4, last2.get(0).get("seq").asLong());
        assertEquals(5, JSON.readTree(RawHttp.get(port(), "/api/snapshots").body()).size());
        for (String bad : List.of("0", "101", "abc")) {
            RawHttp.Response r = RawHttp.get(port(), "/api/snapshots?last=" + bad);
            assertEquals(400, r.status(), bad);
            assertEquals("last must be between 1 and 100, but was '" + bad + "'",
                    JSON.readTree(r.body()).get("error").asText());
        }

        JsonNode alerts = JSON.readTree(RawHttp.get(port(), "/api/alerts").body());
        assertEquals("FIRING", alerts.at("/rules/0/status").asText(), alerts.toString());
        assertEquals("High Error Rate", alerts.at("/active/0/rule").asText());
        assertEquals("firing", alerts.at("/history/0/status").asText());
        assertEquals(20.0, alerts.at("/history/0/value").asDouble(), 1e-9);

        JsonNode run = JSON.readTree(RawHttp.get(port(), "/api/run").body());
        assertEquals("raft", run.get("suite").asText());
        assertEquals("THROUGHPUT", run.get("phase").asText());
        assertEquals("run", run.at("/feeds/0").asText());
        assertEquals(5, run.get("pointsPublished").asLong());
        assertEquals(1, run.get("version").asInt());

        RawHttp.Response missing = RawHttp.get(port(), "/api/nothing");
        assertEquals(404, missing.status());
        assertEquals("no such resource: /api/nothing", JSON.readTree(missing.body()).get("error").asText());
        assertEquals(404, RawHttp.get(port(), "/metrics").status(), "no scrape unless asked for");
    }

    @Test
    void theStreamSendsTheHistoryThenEveryPointAndAlertAndResumesFromLastEventId() throws Exception {
        start(Monitor.builder().alertRules(List.of(ERRORS)));
        publish(500, 0, 10);
        publish(600, 0, 11);
        try (RawHttp.Stream stream = new RawHttp.Stream(port())) {
            assertEquals(200, stream.status);
            assertEquals("text/event-stream; charset=utf-8", stream.headers.get("content-type").get(0));
            RawHttp.Frame init = stream.next("init");
            assertEquals("2", init.id());
            JsonNode initJson = JSON.readTree(init.data());
            assertEquals(2, initJson.get("points").size());
            assertEquals(100, initJson.at("/run/historyCapacity").asInt());

            publish(700, 700, 12);
            RawHttp.Frame point = stream.next("point");
            assertEquals("3", point.id());
            assertEquals(700.0, JSON.readTree(point.data()).get("throughputOpsPerSecond").asDouble());
            publish(700, 700, 12);
            publish(700, 700, 12);
            RawHttp.Frame alert = stream.next("alert");
            JsonNode a = JSON.readTree(alert.data());
            assertEquals("firing", a.get("status").asText());
            assertEquals("High Error Rate", a.get("rule").asText());
            assertEquals("CRITICAL", a.get("severity").asText());
            RawHttp.Frame rules = stream.next("rules");
            assertEquals("FIRING", JSON.readTree(rules.data()).at("/0/status").asText());
        }
        try (RawHttp.Stream resumed = new RawHttp.Stream(port(), "Last-Event-ID: 4")) {
            JsonNode points = JSON.readTree(resumed.next("init").data()).get("points");
            assertEquals(1, points.size(), "only what the browser has not seen");
            assertEquals(5, points.get(0).get("seq").asLong());
        }
    }

    @Test
    void streamsBeyondTheLimitAreRefused() throws Exception {
        start(Monitor.builder().maxStreams(1));
        try (RawHttp.Stream first = new RawHttp.Stream(port())) {
            first.next("init");
            RawHttp.Response second = RawHttp.get(port(), "/api/stream");
            assertEquals(503, second.status());
        }
    }

    @Test
    void aBrowserThatStopsReadingNeverDelaysTheRun() throws Exception {
        start(Monitor.builder().alertRules(List.of()));
        try (Socket stalled = RawHttp.open(port(), "GET", "/api/stream")) {
            stalled.setReceiveBufferSize(4096);
            // about ten megabytes of events to a socket nobody reads: the publisher must never block
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
                for (int i = 0; i < 20_000; i++) {
                    publish(1000 + i, 0, 10);
                }
            });
            assertEquals(20_000, monitor.latest().orElseThrow().seq());
        }
    }

    @Test
    void nothingIsListeningOrRunningAfterClose() throws Exception {
        start(Monitor.builder().prometheus(true).webhook(java.net.URI.create("http://127.0.0.1:9/hook")));
        int port = port();
        RawHttp.Stream open = new RawHttp.Stream(port);
        open.next("init");
        assertTrue(!Fixtures.monitorThreads().isEmpty());
        monitor.close();
        monitor.close(); // idempotent
        assertThrows(ConnectException.class, () -> new Socket(InetAddress.getLoopbackAddress(), port).close());
        assertNull(open.next(), "the open stream was ended");
        open.close();
        assertEquals(java.util.Set.of(), Fixtures.monitorThreads());
        assertThrows(IllegalStateException.class, () -> monitor.sampleNow());
    }

    /** Builds the expected browser URL. */
    private static final class URIs {
        static String withToken(String url, String token) {
            return url + "?token=" + token;
        }
    }

    @Test
    void aPortInUseIsReportedWithTheAddress() throws IOException {
        start(Monitor.builder());
        int taken = port();
        java.io.UncheckedIOException e = assertThrows(java.io.UncheckedIOException.class,
                () -> Monitor.builder().port(taken).start());
        assertTrue(e.getMessage().startsWith("cannot listen on "), e.getMessage());
        assertTrue(e.getMessage().contains(":" + taken), e.getMessage());
    }
}
