package dev.vernier.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vernier.core.result.ScenarioResult;
import dev.vernier.testkit.ReportFixtures;
import dev.vernier.testkit.browser.HeadlessChromium;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens rendered reports in headless Chromium: no console error, every chart drew its data, the page
 * looks like something. Skipped (with the reason) where /usr/bin/chromium is absent; CI installs it.
 * With {@code -Dvernier.screenshot.update=true} the main example's screenshot in docs/ is rewritten.
 */
class HtmlReportBrowserTest {

    /** Per chart: how many pixels are drawn at all, and how many in its first series' colour. */
    private static final String PIXELS = """
            window.vernierReport.charts.map(c => {
              const canvas = document.getElementById(c.id).querySelector('canvas');
              const d = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
              const want = [1, 3, 5].map(i => parseInt(c.color.slice(i, i + 2), 16));
              let drawn = 0, colour = 0;
              for (let i = 0; i < d.length; i += 4) {
                if (d[i + 3] > 0) { drawn++; }
                if (d[i + 3] > 200 && Math.abs(d[i] - want[0]) < 24 && Math.abs(d[i + 1] - want[1]) < 24
                    && Math.abs(d[i + 2] - want[2]) < 24) { colour++; }
              }
              return {id: c.id, kind: c.kind, points: c.points, drawn: drawn, colour: colour, width: canvas.width};
            })""";

    private static HeadlessChromium chromium;

    @BeforeAll
    static void launch() {
        assumeTrue(HeadlessChromium.isAvailable(), HeadlessChromium::unavailableReason);
        chromium = HeadlessChromium.builder().window(1400, 1000).launch();
    }

    @AfterAll
    static void close() {
        if (chromium != null) {
            chromium.close();
        }
    }

    static ReportSet mainExampleSet() {
        List<ScenarioResult> r = ReportFixtures.mainExample();
        return ReportSet.builder("QuickStart: a 3-node Raft cluster before and after live tuning")
                .beforeAfter("live tuning", r.get(0), r.get(2), r.get(1), r.get(3))
                .tuning(ReportFixtures.tuning()).build();
    }

    @Test
    void mainExampleReportDrawsEveryChartWithoutErrors(@TempDir Path dir) throws Exception {
        Path file = new HtmlReport().write(mainExampleSet(), dir.resolve("report.html"));
        byte[] png = check(file, 10, 1500);
        assertTrue(png.length > 60_000, "a screenshot of a page full of charts, not a blank one: " + png.length);
        Path target = Path.of("target", "html-report-main-example.png");
        Files.write(target, png);
        if (Boolean.getBoolean("vernier.screenshot.update")) {
            Path docs = Path.of("..", "docs", "images", "html-report-fixture.png");
            Files.createDirectories(docs.getParent());
            Files.copy(target, docs, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Test
    void everyPhaseAndTheProtocolMatrixDrawToo(@TempDir Path dir) throws Exception {
        Path all = new HtmlReport().write(ReportSet.of(ReportFixtures.everyPhase()), dir.resolve("all.html"));
        check(all, 9, 1000);
        Path matrix = new HtmlReport().write(ReportSet.builder("Raft vs PBFT vs gossip")
                .results(ReportFixtures.protocols()).build(), dir.resolve("matrix.html"));
        check(matrix, 20, 1000);
    }

    /** Opens the page, checks every chart, returns a screenshot of the first screen. */
    @SuppressWarnings("unchecked")
    private static byte[] check(Path file, int atLeastCharts, int screenHeight) {
        try (HeadlessChromium.Page page = chromium.open(file)) {
            page.waitUntil("window.vernierReport && window.vernierReport.ready", Duration.ofSeconds(20));
            assertEquals(List.of(), page.errors(), "no console error or exception");
            assertEquals(List.of(file.toUri().toString()), page.requests(), "opens offline: no request but the page");
            Map<String, Object> report = (Map<String, Object>) page.evaluate("window.vernierReport");
            int expected = ((Number) report.get("expected")).intValue();
            assertEquals(((Number) page.evaluate("document.querySelectorAll('.plot').length")).intValue(), expected);
            assertTrue(expected >= atLeastCharts, "charts: " + expected);
            List<Map<String, Object>> charts = (List<Map<String, Object>>) page.evaluate(PIXELS);
            assertEquals(expected, charts.size(), "every chart drew: " + charts);
            for (Map<String, Object> c : charts) {
                assertTrue(((Number) c.get("points")).intValue() > 0, "data points: " + c);
                assertTrue(((Number) c.get("drawn")).intValue() > 5_000, "a non-blank canvas: " + c);
                assertTrue(((Number) c.get("colour")).intValue() > 20, "the first series is on the canvas: " + c);
                assertTrue(((Number) c.get("width")).intValue() >= 320, "a readable width: " + c);
            }
            if (Boolean.getBoolean("vernier.screenshot.full")) {
                try {
                    Files.write(Path.of("target", file.getFileName() + ".full.png"), page.screenshot(true));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            page.viewport(1400, screenHeight);
            page.waitUntil("document.readyState === 'complete'", Duration.ofSeconds(5));
            return page.screenshot();
        }
    }
}
