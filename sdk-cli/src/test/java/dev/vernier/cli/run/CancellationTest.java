package dev.vernier.cli.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vernier.api.tuning.Tunable;
import dev.vernier.cli.ExitCodes;
import dev.vernier.cli.config.BenchmarkConfig;
import dev.vernier.cli.config.ConfigLoader;
import dev.vernier.cli.progress.Progress;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What Ctrl-C does (the shutdown hook calls {@code cancel()}): here {@code cancel()} is called when
 * the progress display shows a chosen line, so the moment is deterministic.
 */
class CancellationTest {

    @TempDir
    Path dir;

    /** A stream that calls {@code action} once, the first time a line containing {@code trigger} is printed. */
    private static PrintStream triggering(String trigger, Runnable action, ByteArrayOutputStream copy) {
        AtomicBoolean fired = new AtomicBoolean();
        return new PrintStream(new OutputStream() {
            private final StringBuilder line = new StringBuilder();

            @Override
            public void write(int b) {
                copy.write(b);
                if (b == '\n') {
                    if (line.toString().contains(trigger) && fired.compareAndSet(false, true)) {
                        action.run();
                    }
                    line.setLength(0);
                } else {
                    line.append((char) b);
                }
            }
        }, true, StandardCharsets.UTF_8);
    }

    private static final String SUITE = """
            suites:
              - {name: delay, class: dev.vernier.cli.fixtures.DelaySuite, properties: {delayMicros: 300}}
            environment: {check: false}
            """;

    @Test
    void cancellingARunStopsItAtOnceAndWritesWhatItAndTheRunsBeforeMeasured() throws Exception {
        BenchmarkConfig c = ConfigLoader.parse(SUITE + """
                scenarios:
                  - {name: first, warmup: 0s, duration: 300ms, snapshotInterval: 50ms, load: {model: closed, clients: 2}}
                  - {name: second, warmup: 0s, duration: 30s, snapshotInterval: 50ms, load: {model: closed, clients: 2}}
                  - {name: third, warmup: 0s, duration: 300ms, load: {model: closed, clients: 2}}
                """, Path.of("cancel.yaml"), ConfigLoader.Options.defaults());
        BenchmarkRunner[] runner = new BenchmarkRunner[1];
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        Progress progress = new Progress(triggering("delay / second: throughput", () -> runner[0].cancel(), seen),
                Progress.Mode.LINES, 100);
        runner[0] = new BenchmarkRunner(c, BenchmarkRunner.plan(c, List.of(), List.of()),
                new BenchmarkRunner.Options(dir, true), progress);
        RunReport report = runner[0].run();
        assertTrue(report.cancelled());
        assertEquals(ExitCodes.CANCELLED, report.exitCode());
        assertEquals(2, report.outcomes().size(), "the third never started");
        RunReport.Outcome first = report.outcomes().get(0);
        assertNotNull(first.result());
        assertTrue(Files.exists(first.runDirectory().resolve("result.json")), "finished before: written");
        RunReport.Outcome second = report.outcomes().get(1);
        assertNotNull(second.result(), "what the stopped run measured is kept (Vernier.abort)");
        assertTrue(second.result().aborted(), "and it says it was cut short");
        assertTrue(second.result().elapsedSeconds() < 30, "the 30 s scenario did not run to its end");
        assertTrue(Files.exists(second.runDirectory().resolve("result.json")), "written like any result");
        assertNull(second.failure(), "cancelled, not failed");
        assertTrue(report.render().contains("Exit 130: cancelled; what was measured is written"), report.render());
    }

    @Test
    void cancellingATuningSessionLeavesTheSuiteOnTheLastGoodConfigurationAndWritesTheBenchmarksBefore()
            throws Exception {
        BenchmarkConfig c = ConfigLoader.parse(SUITE + """
                scenarios:
                  - {name: bench, warmup: 0s, duration: 300ms, load: {model: closed, clients: 2}, phases: [THROUGHPUT]}
                tuning:
                  suite: delay
                  window: {duration: 300ms, load: {model: closed, clients: 2}}
                  maxWindows: 40
                  initialPoints: 8
                  seed: 3
                  benchmark: [bench]
                """, Path.of("cancel-tune.yaml"), ConfigLoader.Options.defaults());
        TuneRunner[] runner = new TuneRunner[1];
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        Progress progress = new Progress(triggering("step  2", () -> runner[0].cancel(), seen), Progress.Mode.LINES,
                100);
        runner[0] = new TuneRunner(c, new BenchmarkRunner.Options(dir, false), progress);
        TuneRunner.Report report = runner[0].run();
        assertEquals(ExitCodes.CANCELLED, report.exitCode(), report.render() + seen);
        assertEquals("CANCELLED", report.tuning().outcome());
        Tunable suite = (Tunable) c.suite("delay").suite();
        assertEquals(report.tuning().finalConfiguration(), suite.currentConfiguration().values(),
                "the suite is left on the configuration the session reports: the last good one");
        assertEquals(1, report.before().size());
        assertTrue(report.after().isEmpty(), "no benchmark after a cancelled session");
        assertNotNull(report.written(), "the session's report is written all the same");
        assertTrue(Files.readString(report.written().resolve("tuning.md")).contains("CANCELLED"));
    }
}
