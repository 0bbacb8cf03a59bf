package dev.vernier.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vernier.core.report.JsonReport;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Under kill -9, nothing a store acknowledged is lost: a child JVM saves results in a loop and
 * prints each file name once {@code save} returned; it is killed with SIGKILL (on Unix,
 * {@link Process#destroyForcibly()}) after a seeded random number of acknowledgements, and every
 * acknowledged file must then be whole and readable, with no file reported corrupt. Rounds:
 * {@code -Dvernier.crash.rounds=20} for the 20 kills (default 5, to keep the build short).
 * A kill of the machine, not only of the process, is what the fsyncs are for; that needs a power
 * switch and is not tested here.
 */
class StoreCrashTest {

    @TempDir
    Path dir;

    @Test
    void nothingAcknowledgedIsLostUnderKillMinusNine() throws Exception {
        int rounds = Integer.getInteger("vernier.crash.rounds", 5);
        SplittableRandom random = new SplittableRandom(20);
        List<String> acknowledged = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            int killAfter = 1 + random.nextInt(25);
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), StoreWriterMain.class.getName(), dir.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                int acks = 0;
                String line;
                while (acks < killAfter && (line = in.readLine()) != null) {
                    if (line.startsWith("ACK ")) {
                        acknowledged.add(line.substring(4));
                        acks++;
                    }
                }
                assertEquals(killAfter, acks, "the writer died on its own in round " + round);
            } finally {
                child.destroyForcibly(); // SIGKILL: no shutdown hooks, no finally blocks
            }
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the writer did not die");
        }
        List<StoreEvent> events = Collections.synchronizedList(new ArrayList<>());
        // opened "an hour later": whatever a killed writer left half-written is cleaned up
        Clock later = Clock.offset(Clock.systemUTC(), Duration.ofHours(1));
        try (ResultStore store = ResultStore.builder(dir).keepForever().clock(later).listener(events::add).build()) {
            JsonReport json = new JsonReport();
            for (String name : acknowledged) {
                Path file = dir.resolve(name);
                assertTrue(Files.exists(file), "acknowledged but lost: " + name);
                json.read(Files.readString(file)); // whole and valid
            }
            assertTrue(store.find("raft", "crash").size() >= acknowledged.size());
            assertTrue(events.stream().noneMatch(e -> e.kind() == StoreEvent.Kind.CORRUPT_MOVED
                    || e.kind() == StoreEvent.Kind.UNREADABLE), events.toString());
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(0, files.filter(p -> p.toString().endsWith(".tmp")).count(), "stale temporary files remain");
        }
    }
}
