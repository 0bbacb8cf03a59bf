package dev.vernier.cli.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vernier.api.Phase;
import dev.vernier.api.Scenario;
import dev.vernier.core.event.IntervalSnapshot;
import dev.vernier.core.event.PhaseEnded;
import dev.vernier.core.event.PhaseStarted;
import dev.vernier.testkit.Suites;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Progress as bars on a terminal and as a few plain lines elsewhere, measured in snapshot time. */
class ProgressTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    private Progress progress(Progress.Mode mode) {
        Progress p = new Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8), mode, 100);
        p.expect(Suites.instant(), Scenario.builder("steady").warmup(Duration.ofSeconds(2))
                .duration(Duration.ofSeconds(8)).build());
        return p;
    }

    private static IntervalSnapshot snapshot(boolean warmup, double elapsed) {
        return new IntervalSnapshot("raft", "steady", Phase.THROUGHPUT, warmup, warmup ? -1 : 0, elapsed, 1.0, 1000,
                990, 1.0, 0, 12, 1.5, 3.0, 4.25, 9.0, 0, null, null);
    }

    /** Ten one-second snapshots of a phase expected to take ten seconds (2 s warm-up, 8 s measured). */
    private String phase(Progress p) {
        p.onEvent(new PhaseStarted("raft", "steady", Phase.THROUGHPUT));
        for (int i = 1; i <= 10; i++) {
            p.onEvent(snapshot(i <= 2, i));
        }
        p.onEvent(new PhaseEnded("raft", "steady", Phase.THROUGHPUT, 10.2));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void plainLinesSayWhenAPhaseStartsEachTenthOfItAndWhenItEnds() {
        String out = phase(progress(Progress.Mode.LINES));
        String[] lines = out.split("\n");
        assertEquals("  raft / steady: throughput (about 10 s)", lines[0]);
        assertEquals("    10% 990 ops/s, p99 4.25 ms, ok 100.0%", lines[1]);
        assertEquals(11, lines.length, "a header, nine tenths and the end:\n" + out);
        assertEquals("    done in 10.2 s; last interval 990 ops/s, p99 4.25 ms, ok 100.0%", lines[10]);
        assertTrue(!out.contains("\r"));
    }

    @Test
    void barsAreRedrawnInPlaceAndEndFull() {
        String out = phase(progress(Progress.Mode.BARS));
        assertTrue(out.contains("\r[###"), out);
        assertTrue(out.contains("throughput warm-up"), "warm-up is said: " + out);
        String last = out.substring(out.lastIndexOf('\r') + 1).trim();
        assertTrue(last.startsWith("[" + "#".repeat(10)) && last.contains("100% raft / steady throughput"), last);
        assertTrue(out.endsWith("\n"), "the bar is closed with a line break");
        assertTrue(out.split("\r").length >= 11);
    }

    @Test
    void messagesCloseAnOpenBarFirst() {
        Progress p = progress(Progress.Mode.BARS);
        p.onEvent(new PhaseStarted("raft", "steady", Phase.THROUGHPUT));
        p.onEvent(snapshot(true, 1));
        p.message("  ! something");
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.endsWith("\n  ! something\n"), out);
    }

    @Test
    void autoMeansBarsOnlyOnAnInteractiveTerminalOutsideCi() {
        assertEquals(Progress.Mode.BARS, Progress.mode("auto", true, Map.of()));
        assertEquals(Progress.Mode.LINES, Progress.mode("auto", false, Map.of()));
        assertEquals(Progress.Mode.LINES, Progress.mode("auto", true, Map.of("CI", "true")));
        assertEquals(Progress.Mode.LINES, Progress.mode("auto", true, Map.of("TERM", "dumb")));
        assertEquals(Progress.Mode.QUIET, Progress.mode("none", true, Map.of()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Progress.mode("fancy", true, Map.of()));
        assertEquals("--progress must be auto, bars, lines or none, but was fancy", e.getMessage());
        assertEquals(132, Progress.width(Map.of("COLUMNS", "132")));
        assertEquals(100, Progress.width(Map.of("COLUMNS", "wide")));
    }
}
