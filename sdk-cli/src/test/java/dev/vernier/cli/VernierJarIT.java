package dev.vernier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vernier.cli.fixtures.Cli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar itself, as a user runs it ({@code java -jar sdk-cli/target/vernier.jar ...}): it
 * exists only after the package phase, so this runs in integration-test (failsafe), within
 * {@code mvn verify}.
 */
class VernierJarIT {

    @TempDir
    Path dir;

    private static Path jar() {
        return Path.of(System.getProperty("vernier.jar", "target/vernier.jar")).toAbsolutePath();
    }

    private record Ran(int code, String out, String err) {
    }

    private Ran java(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar().toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectError(dir.resolve("err.txt").toFile())
                .redirectOutput(dir.resolve("out.txt").toFile()).start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the jar ended");
        return new Ran(p.exitValue(), Files.readString(dir.resolve("out.txt")), Files.readString(dir.resolve("err.txt")));
    }

    @Test
    void theJarRunsTheCiGateExampleAndExitsWithItsCode() throws Exception {
        Path config = Cli.repository().resolve("examples/ci-gate.yaml");
        Ran r = java("run", config.toString(), "--profile", "test", "--results", "results");
        assertTrue(r.code() == 0 || r.code() == 1, "exit " + r.code() + "\n" + r.out() + r.err());
        assertTrue(r.out().contains("== Summary of") && r.out().contains("raft   gate-steady"), r.out());
        assertTrue(r.err().contains("== raft / gate-steady"), "progress goes to standard error: " + r.err());
        try (Stream<Path> s = Files.list(dir.resolve("results/archives"))) {
            assertEquals(2, s.count(), "the run directory and its .zip");
        }
        assertTrue(!r.err().contains("SLF4J"), "one logging backend in the jar: " + r.err());
    }

    @Test
    void theJarsUsageErrorsExitTwoAndItsHelpZero() throws Exception {
        assertEquals(2, java("nonsense").code());
        Ran help = java("run", "--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("Examples:"));
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "suites: [raft]\nscenarios: [{name: a, iterations: 0}]\n",
                StandardCharsets.UTF_8);
        Ran r = java("run", bad.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("scenarios[0].iterations: must be between 1 and 1000, but was 0 (line 2)"), r.err());
    }

    /** SIGTERM runs the same shutdown hook as Ctrl-C: the run stops, what was measured is written. */
    @Test
    void aSignalStopsTheRunAndWhatFinishedIsWritten() throws Exception {
        Path config = Files.writeString(dir.resolve("long.yaml"), """
                suites: [raft]
                scenarios:
                  - {name: short, warmup: 0s, duration: 500ms, load: {model: closed, clients: 4}, phases: [THROUGHPUT]}
                  - {name: long, warmup: 0s, duration: 120s, load: {model: closed, clients: 4}, phases: [THROUGHPUT]}
                environment: {check: false}
                """, StandardCharsets.UTF_8);
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                jar().toString(), "run", config.toString(), "--results", "results", "--progress", "lines");
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(dir.resolve("err.txt").toFile()).start();
        Path err = dir.resolve("err.txt");
        for (int i = 0; i < 600 && !Files.readString(err).contains("raft / long: throughput"); i++) {
            Thread.sleep(100); // polling a child process's output: no other way to know where it is
        }
        assertTrue(Files.readString(err).contains("raft / long: throughput"), Files.readString(err));
        p.destroy();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "stopped within the hook's wait");
        assertEquals(143, p.exitValue(), "128 + SIGTERM");
        String out = Files.readString(dir.resolve("out.txt"));
        assertTrue(out.contains("Exit 130: cancelled; what was measured is written"), out + Files.readString(err));
        try (Stream<Path> s = Files.list(dir.resolve("results/archives"))) {
            List<String> names = s.map(x -> x.getFileName().toString()).toList();
            assertTrue(names.stream().anyMatch(n -> n.endsWith("-raft-short")), "the finished run is kept: " + names);
            assertTrue(names.stream().anyMatch(n -> n.endsWith("-raft-long")), "and what the stopped one measured: "
                    + names);
        }
    }
}
