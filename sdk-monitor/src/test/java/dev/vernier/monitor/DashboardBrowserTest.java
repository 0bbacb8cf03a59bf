package dev.vernier.monitor;

import static dev.vernier.monitor.Fixtures.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vernier.api.Phase;
import dev.vernier.core.alert.AlertMetric;
import dev.vernier.core.alert.AlertRule;
import dev.vernier.core.alert.AlertSeverity;
import dev.vernier.core.event.PhaseStarted;
import dev.vernier.testkit.ManualClock;
import dev.vernier.testkit.browser.HeadlessChromium;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dashboard in a real browser (Debian's chromium, driven by sdk-testkit's HeadlessChromium):
 * streamed points reach the charts and the cards, an alert appears in the history and colours its
 * card. Skipped when /usr/bin/chromium is absent (CI installs it).
 */
class DashboardBrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final AlertRule ERRORS = AlertRule.builder("High Error Rate").metric(AlertMetric.ERROR_RATE)
            .above(5).forDuration(Duration.ofSeconds(2)).severity(AlertSeverity.CRITICAL).build();

    private final ManualClock clock = new ManualClock();

    @BeforeEach
    void needsChromium() {
        assumeTrue(HeadlessChromium.isAvailable(), HeadlessChromium.unavailableReason());
    }

    private Monitor start(Monitor.Builder b) {
        return b.port(0).clock(clock).sampleOnOwnThread(false).resourceProbe(Fixtures.probe())
                .alertRules(List.of(ERRORS)).start();
    }

    private void publish(Monitor monitor, double committed, long errors, double p95) {
        clock.advance(1_000_000_000L);
        monitor.onEvent(snapshot(committed, errors, p95));
    }

    @Test
    void chartsReceiveStreamedPointsAndAnAlertAppearsInTheHistory() throws Exception {
        try (Monitor monitor = start(Monitor.builder().title("Browser test"));
             HeadlessChromium chromium = HeadlessChromium.builder().window(1400, 1300).launch()) {
            monitor.onEvent(new PhaseStarted("raft", "steady", Phase.THROUGHPUT));
            monitor.sampleNow(); // CPU and heap
            for (int i = 0; i < 3; i++) {
                publish(monitor, 1000 + i, 0, 10);
            }
            try (HeadlessChromium.Page page = chromium.open(monitor.url())) {
                // the history on load: the idle point and three run points
                page.waitUntil("window.vernierDashboard.chartPoints('throughput') === 4", WAIT);
                assertEquals("Browser test", page.evaluate("document.getElementById('title').textContent"));
                assertEquals("throughput", page.evaluate("document.getElementById('phase').textContent"));

                // streamed points move every chart
                for (int i = 0; i < 5; i++) {
                    publish(monitor, 2000 + i, 0, 20 + i);
                }
                page.waitUntil("window.vernierDashboard.chartPoints('throughput') === 9", WAIT);
                assertEquals(2004, ((Number) page.evaluate("window.vernierDashboard.chartLast('throughput', 1)")).intValue());
                assertEquals(24.0, ((Number) page.evaluate("window.vernierDashboard.chartLast('latency', 2)")).doubleValue());
                assertEquals(9L, ((Number) page.evaluate("window.vernierDashboard.chartPoints('cpu')")).longValue());
                assertEquals("2,004", page.evaluate(
                        "document.querySelector('.card[data-metric=throughput] .num').textContent"));
                assertTrue(((String) page.evaluate("window.vernierDashboard.cardStatus('error_rate')"))
                        .contains("st-ok"));

                // an alert: 50 % errors held for 2 s
                for (int i = 0; i < 3; i++) {
                    publish(monitor, 500, 500, 30);
                }
                page.waitUntil("window.vernierDashboard.historyRules().indexOf('High Error Rate|firing') >= 0", WAIT);
                page.waitUntil("window.vernierDashboard.cardStatus('error_rate').indexOf('st-critical') >= 0", WAIT);
                assertTrue(((String) page.evaluate("document.getElementById('active-alerts').textContent"))
                        .contains("High Error Rate"));
                publish(monitor, 1000, 0, 10);
                page.waitUntil("window.vernierDashboard.historyRules().indexOf('High Error Rate|resolved') >= 0", WAIT);
                page.waitUntil("window.vernierDashboard.cardStatus('error_rate').indexOf('st-ok') >= 0", WAIT);
                assertEquals(List.of(), page.errors(), "no console error, exception or failed load");
                Path shot = Path.of("target", "dashboard-test.png");
                Files.createDirectories(shot.getParent());
                Files.write(shot, page.screenshot(true));
            }
        }
    }

    @Test
    void aTokenInTheAddressBarBecomesACookieThatOpensTheStream() throws Exception {
        String token = Monitor.randomToken();
        try (Monitor monitor = start(Monitor.builder().bearerToken(token));
             HeadlessChromium chromium = HeadlessChromium.launch()) {
            publish(monitor, 1234, 0, 10);
            try (HeadlessChromium.Page page = chromium.open(monitor.browserUrl())) {
                page.waitUntil("window.vernierDashboard && window.vernierDashboard.chartPoints('throughput') === 1", WAIT);
                assertEquals(monitor.url().toString(), page.evaluate("location.href"), "the token left the address bar");
                assertEquals("", page.evaluate("document.cookie"), "the cookie is HttpOnly");
                publish(monitor, 4321, 0, 10);
                page.waitUntil("window.vernierDashboard.chartLast('throughput', 1) === 4321", WAIT);
                assertEquals(List.of(), page.errors());
            }
        }
    }
}
