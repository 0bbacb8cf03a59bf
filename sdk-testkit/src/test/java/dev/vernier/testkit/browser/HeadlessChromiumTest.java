package dev.vernier.testkit.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeadlessChromiumTest {

    private static HeadlessChromium chromium;

    @BeforeAll
    static void launch() {
        assumeTrue(HeadlessChromium.isAvailable(), HeadlessChromium::unavailableReason);
        chromium = HeadlessChromium.launch();
    }

    @AfterAll
    static void close() {
        if (chromium != null) {
            chromium.close();
            assertFalse(chromium.isRunning(), "close() ends the browser process");
        }
    }

    @Test
    void cleanPageHasNoErrorsAndEvaluatesToJavaValues(@TempDir Path dir) throws Exception {
        Path page = dir.resolve("ok.html");
        Files.writeString(page, "<!doctype html><title>ok</title><p id=p>hello</p>"
                + "<script>window.answer = {n: 42, s: 'x', list: [1, 2.5], yes: true};</script>", StandardCharsets.UTF_8);
        try (HeadlessChromium.Page p = chromium.open(page)) {
            assertEquals(List.of(), p.errors());
            assertEquals("ok", p.evaluate("document.title"));
            assertEquals(Map.of("n", 42, "s", "x", "list", List.of(1, 2.5), "yes", true), p.evaluate("window.answer"));
            assertEquals(7, p.evaluate("Promise.resolve(7)"), "promises are awaited");
            assertEquals(List.of(page.toUri().toString()), p.requests(), "the page itself, nothing else");
        }
    }

    @Test
    void exceptionsConsoleErrorsAndFailedLoadsAreCollected(@TempDir Path dir) throws Exception {
        Path page = dir.resolve("bad.html");
        Files.writeString(page, "<!doctype html><script>console.error('broken', 3);</script>"
                + "<script src='missing.js'></script><script>undefinedFunction();</script>", StandardCharsets.UTF_8);
        try (HeadlessChromium.Page p = chromium.open(page)) {
            List<HeadlessChromium.BrowserError> errors = p.errors();
            assertTrue(errors.stream().anyMatch(e -> e.source().equals("console") && e.text().equals("broken 3")),
                    errors::toString);
            assertTrue(errors.stream().anyMatch(e -> e.source().equals("exception")
                    && e.text().contains("undefinedFunction")), errors::toString);
            assertTrue(errors.stream().anyMatch(e -> e.source().equals("log") && e.text().contains("missing.js")),
                    errors::toString);
            assertTrue(p.requests().stream().anyMatch(u -> u.endsWith("/missing.js")), p.requests()::toString);
            IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> p.evaluate("nope.x"));
            assertTrue(thrown.getMessage().contains("nope is not defined"), thrown.getMessage());
        }
    }

    @Test
    void screenshotIsAPngOfTheViewportAndWaitUntilSeesLaterContent(@TempDir Path dir) throws Exception {
        Path page = dir.resolve("late.html");
        Files.writeString(page, "<!doctype html><body style='background:#fff'><canvas id=c width=300 height=200>"
                + "</canvas><script>setTimeout(() => { const g = document.getElementById('c').getContext('2d');"
                + " g.fillStyle = '#c00'; g.fillRect(10, 10, 100, 100); window.drawn = true; }, 50);</script>",
                StandardCharsets.UTF_8);
        try (HeadlessChromium.Page p = chromium.open(page)) {
            p.viewport(400, 300);
            p.waitUntil("window.drawn === true", Duration.ofSeconds(10));
            byte[] png = p.screenshot();
            assertEquals((byte) 0x89, png[0]);
            assertEquals("PNG", new String(png, 1, 3, StandardCharsets.US_ASCII));
            int width = ((png[16] & 0xff) << 24) | ((png[17] & 0xff) << 16) | ((png[18] & 0xff) << 8) | (png[19] & 0xff);
            assertEquals(400, width, "the viewport's width");
            IllegalStateException late = assertThrows(IllegalStateException.class,
                    () -> p.waitUntil("window.never === true", Duration.ofMillis(100)));
            assertTrue(late.getMessage().contains("window.never"), late.getMessage());
        }
    }

    @Test
    void badSettingsAreRefusedWithTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HeadlessChromium.builder().timeout(Duration.ZERO));
        assertEquals("timeout must be positive, but was PT0S", e.getMessage());
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> HeadlessChromium.builder().binary(Path.of("/nonexistent/chromium")).launch());
        assertTrue(missing.getMessage().contains("/nonexistent/chromium"), missing.getMessage());
    }
}
