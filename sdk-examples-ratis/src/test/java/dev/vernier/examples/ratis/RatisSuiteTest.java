package dev.vernier.examples.ratis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vernier.api.LoadModel;
import dev.vernier.api.NanoClock;
import dev.vernier.api.Phase;
import dev.vernier.api.Scenario;
import dev.vernier.api.TransactionMix;
import dev.vernier.api.SuiteContext;
import dev.vernier.api.Transaction;
import dev.vernier.api.TxOutcome;
import dev.vernier.api.TxType;
import dev.vernier.api.tuning.Configuration;
import dev.vernier.api.tuning.Parameter;
import dev.vernier.core.Vernier;
import dev.vernier.core.result.ThroughputResult;
import dev.vernier.testkit.Poll;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one real 3-node group for the whole class (starting one costs about 2 s). Tests that change
 * parameters restore the defaults in a finally block, so every test starts from the defaults.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RatisSuiteTest {

    private static final Logger LOG = LoggerFactory.getLogger(RatisSuiteTest.class);
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final java.util.regex.Pattern RATIS_SHARED_TIMER = java.util.regex.Pattern.compile("timer\\d+");

    private final RatisSuite suite = RatisSuite.builder().build();
    private Set<Thread> threadsBefore;
    private Path storage;

    @BeforeAll
    void start() throws Exception {
        threadsBefore = Thread.getAllStackTraces().keySet();
        suite.setup(new SuiteContext(42, NanoClock.system(), "test"));
        storage = suite.storageRoot();
    }

    @AfterAll
    void stopLeavesNothingBehind() throws Exception {
        suite.teardown();
        assertFalse(Files.exists(storage), "storage deleted: " + storage);
        // Ratis and gRPC stop some executors asynchronously after close(): wait with a deadline.
        Poll.until(() -> newThreads().isEmpty(), Duration.ofSeconds(10));
        assertEquals(List.of(), newThreads(), "threads left after teardown");
    }

    private List<String> newThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !threadsBefore.contains(t))
                // the test framework's own threads: surefire's, and JUnit's (each test runs on a
                // junit-timeout-thread under the root pom's timeout, which outlives the test that made it)
                .filter(t -> !t.getName().startsWith("surefire") && !t.getName().startsWith("junit-timeout-thread")
                        && !t.getName().equals("Attach Listener"))
                // Ratis' JVM-wide TimeoutTimer (java.util.Timer daemons "timer0".."timerN") has no
                // shutdown API; it is created once per JVM and reused by every later group.
                .filter(t -> !(t.isDaemon() && RATIS_SHARED_TIMER.matcher(t.getName()).matches()))
                .map(t -> t.getName() + (t.isDaemon() ? " (daemon)" : ""))
                .sorted()
                .collect(Collectors.toList());
    }

    @Test
    @Order(1)
    void commitsEveryTransactionOnEveryReplica() throws Exception {
        List<Long> before = suite.appliedCounts();
        TxType type = new TxType("put", 1.0, 32);
        byte[] payload = new byte[32];
        List<CompletableFuture<TxOutcome>> futures = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            futures.add(suite.submit(new Transaction(i, 0, type, payload, System.nanoTime())).toCompletableFuture());
        }
        for (CompletableFuture<TxOutcome> f : futures) {
            TxOutcome o = f.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            assertTrue(o.isCommitted(), o::toString);
            assertNotEquals(TxOutcome.ABSENT, o.agreedNanos());
            assertTrue(o.appliedNanos() >= o.agreedNanos(), o::toString);
        }
        List<Long> expected = before.stream().map(c -> c + 200).toList();
        // Followers apply once they learn the new commit index (next append or heartbeat).
        Poll.until(() -> suite.appliedCounts().equals(expected), DEADLINE);
        assertEquals(expected, suite.appliedCounts());
        assertEquals(1, Set.copyOf(suite.checksums()).size(), "replicas agree: " + suite.checksums());
    }

    @Test
    @Order(2)
    void elementLimitTakesEffectAfterLeadershipTransfer() throws Exception {
        try (Vernier vernier = Vernier.builder().build()) {
            measure(vernier, Duration.ofSeconds(2)); // warm-up
            long requests = suite.appendEntriesRequestCount();
            ThroughputResult unlimited = measure(vernier, Duration.ofSeconds(3));
            double unlimitedBatch = averageBatch(unlimited.outcomes().committed(),
                    suite.appendEntriesRequestCount() - requests);
            assertEquals(List.of(0, 0), leaderAppenderElementLimits(), "Ratis 0 = no limit");

            String leaderBefore = suite.leaderId().orElseThrow();
            suite.apply(Configuration.of(RatisSuite.ELEMENT_LIMIT, 1));
            assertEquals(1, suite.currentConfiguration().getInt(RatisSuite.ELEMENT_LIMIT));
            assertEquals(List.of("1", "1", "1"), suite.serverProperty(RatisSuite.ELEMENT_LIMIT));
            assertNotEquals(leaderBefore, suite.leaderId().orElseThrow(), "leadership moved");
            assertEquals(List.of(1, 1), leaderAppenderElementLimits(), "the new leader's appenders use the limit");

            measure(vernier, Duration.ofSeconds(1)); // settle after the transfer
            requests = suite.appendEntriesRequestCount();
            ThroughputResult one = measure(vernier, Duration.ofSeconds(3));
            double oneBatch = averageBatch(one.outcomes().committed(), suite.appendEntriesRequestCount() - requests);
            double ratio = unlimited.averageOpsPerSecond() / one.averageOpsPerSecond();
            LOG.info("element-limit default: {} ops/s, {} entries per AppendEntries; element-limit 1: {} ops/s, {}"
                    + " entries per AppendEntries; throughput ratio {}", format(unlimited.averageOpsPerSecond()),
                    format(unlimitedBatch), format(one.averageOpsPerSecond()), format(oneBatch), format(ratio));
            assertTrue(oneBatch <= 1.0, "entries per AppendEntries with element-limit 1: " + oneBatch);
            assertEquals(0, unlimited.outcomes().errors() + one.outcomes().errors());
            // Not asserted: on two cores shared with other builds (load average 12-15) the ratio
            // ranged from 0.6 to 5 between runs, and without a limit batches averaged about one
            // entry anyway because requests reached the leader no faster than they were replicated.
            // A threshold would make this test flaky. Asserted instead: the value reached every
            // server, leadership moved, and the new leader's appenders were built with it.
            assertTrue(one.averageOpsPerSecond() > 0 && unlimited.averageOpsPerSecond() > 0);
        } finally {
            suite.apply(suite.parameterSpace().defaults());
        }
        assertEquals(List.of("0", "0", "0"), suite.serverProperty(RatisSuite.ELEMENT_LIMIT),
                "the default is written to Ratis as 0 = no limit");
        assertEquals(RatisSuite.ELEMENT_LIMIT_MAX, suite.currentConfiguration().getInt(RatisSuite.ELEMENT_LIMIT));
    }

    @Test
    @Order(3)
    void byteLimitIsAppliedToEveryServerAndTheNewLeader() throws Exception {
        try {
            suite.apply(Configuration.of(RatisSuite.BYTE_LIMIT, 256));
            assertEquals(256, suite.currentConfiguration().getInt(RatisSuite.BYTE_LIMIT));
            assertEquals(Collections.nCopies(3, String.valueOf(256 * 1024)),
                    suite.serverProperty(RatisSuite.BYTE_LIMIT).stream().map(RatisSuiteTest::bytes).toList());
            assertEquals(List.of(256L * 1024, 256L * 1024),
                    leaderAppenderBuffers().stream().map(org.apache.ratis.util.DataQueue::getByteLimit).toList(),
                    "the new leader's appenders use the byte limit");
            assertCommits();
        } finally {
            suite.apply(suite.parameterSpace().defaults());
        }
    }

    @Test
    @Order(4)
    void writeBufferChangeRestartsTheServersAndKeepsTheLog() throws Exception {
        assertTrue(suite.parameterSpace().get(RatisSuite.WRITE_BUFFER).requiresRestart());
        assertCommits();
        long applied = suite.appliedCounts().get(0);
        try {
            suite.apply(Configuration.of(RatisSuite.WRITE_BUFFER, 16384));
            assertEquals(16384, suite.currentConfiguration().getInt(RatisSuite.WRITE_BUFFER));
            // New state machines replay the recovered log.
            Poll.until(() -> suite.appliedCounts().stream().allMatch(c -> c >= applied), DEADLINE);
            assertCommits();
        } finally {
            suite.apply(suite.parameterSpace().defaults());
        }
        assertEquals(8192, suite.currentConfiguration().getInt(RatisSuite.WRITE_BUFFER));
    }

    @Test
    void invalidValuesAreRejectedNamingTheParameter() {
        for (Object bad : List.of(0, -1, RatisSuite.ELEMENT_LIMIT_MAX + 1, 2.5, "ten")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> suite.apply(Configuration.of(RatisSuite.ELEMENT_LIMIT, bad)));
            assertTrue(e.getMessage().contains(RatisSuite.ELEMENT_LIMIT) && e.getMessage().contains(String.valueOf(bad)),
                    e.getMessage());
        }
        IllegalArgumentException bytes = assertThrows(IllegalArgumentException.class,
                () -> suite.apply(Configuration.of(RatisSuite.BYTE_LIMIT, 8)));
        assertTrue(bytes.getMessage().contains(RatisSuite.BYTE_LIMIT), bytes.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> suite.apply(Configuration.of("raft.server.no.such.key", 1)));
        assertTrue(unknown.getMessage().contains("raft.server.no.such.key"), unknown.getMessage());
        assertEquals(suite.parameterSpace().defaults(), suite.currentConfiguration(), "nothing applied");
    }

    @Test
    void builderRejectsBadArgumentsEagerly() {
        assertMessage("nodes", "0", () -> RatisSuite.builder().nodes(0));
        assertMessage("leaderTimeout", "PT0S", () -> RatisSuite.builder().leaderTimeout(Duration.ZERO));
        assertMessage("electionTimeout.max", "PT1S",
                () -> RatisSuite.builder().electionTimeout(Duration.ofSeconds(2), Duration.ofSeconds(1)));
        assertMessage("requestTimeout", "PT-1S", () -> RatisSuite.builder().requestTimeout(Duration.ofSeconds(-1)));
        assertMessage(RatisSuite.ELEMENT_LIMIT, "5000",
                () -> RatisSuite.builder().initialConfiguration(Configuration.of(RatisSuite.ELEMENT_LIMIT, 5000)));
    }

    @Test
    void describesEveryParameterWithHowItTakesEffect() {
        for (Parameter<?> p : suite.parameterSpace().parameters()) {
            assertTrue(p.description().contains(p.requiresRestart() ? "restart" : "leadership is transferred"),
                    p.name() + ": " + p.description());
        }
        assertEquals(Map.of(RatisSuite.ELEMENT_LIMIT, RatisSuite.ELEMENT_LIMIT_MAX, RatisSuite.BYTE_LIMIT, 4096,
                RatisSuite.WRITE_BUFFER, 8192), suite.parameterSpace().defaults().values());
    }

    /** Entries per AppendEntries request: each committed entry went to both followers. */
    private static double averageBatch(long entries, long requests) {
        assertTrue(requests > 0, "append requests counted: " + requests);
        return 2.0 * entries / requests;
    }

    /**
     * Reads the element limit of each log appender of the current leader. Ratis has no public API
     * for it, so this reaches into Ratis 3.3.0 internals by reflection (RaftServerImpl.getRole(),
     * RoleInfo.getLeaderState(), LeaderStateImpl.getLogAppenders(), LogAppenderBase.buffer):
     * test-only, and expected to need updating when Ratis changes them.
     */
    private List<Integer> leaderAppenderElementLimits() throws Exception {
        return leaderAppenderBuffers().stream().map(org.apache.ratis.util.DataQueue::getElementLimit).toList();
    }

    private List<org.apache.ratis.util.DataQueue<?>> leaderAppenderBuffers() throws Exception {
        Object division = suite.leaderDivision().orElseThrow();
        Object role = invoke(division, "getRole");
        Object leaderState = ((java.util.Optional<?>) invoke(role, "getLeaderState")).orElseThrow();
        List<org.apache.ratis.util.DataQueue<?>> buffers = new ArrayList<>();
        for (Object appender : ((java.util.stream.Stream<?>) invoke(leaderState, "getLogAppenders")).toList()) {
            buffers.add((org.apache.ratis.util.DataQueue<?>) field(appender, "buffer"));
        }
        return buffers;
    }

    private static Object invoke(Object target, String method) throws Exception {
        java.lang.reflect.Method m = target.getClass().getDeclaredMethod(method);
        m.setAccessible(true);
        return m.invoke(target);
    }

    private static Object field(Object target, String name) throws Exception {
        for (Class<?> c = target.getClass(); c != null; c = c.getSuperclass()) {
            try {
                java.lang.reflect.Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                return f.get(target);
            } catch (NoSuchFieldException e) {
                // look in the superclass
            }
        }
        throw new NoSuchFieldException(name + " in " + target.getClass());
    }

    private static String format(double value) {
        return String.format("%.2f", value);
    }

    private void assertCommits() throws Exception {
        TxOutcome o = suite.submit(new Transaction(-1, 0, new TxType("probe", 1.0, 8), new byte[8], System.nanoTime()))
                .toCompletableFuture().get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        assertTrue(o.isCommitted(), o::toString);
    }

    /** Ratis stores sizes as written, e.g. "262144" or "256KB"; normalise to bytes. */
    private static String bytes(String value) {
        return String.valueOf(org.apache.ratis.util.SizeInBytes.valueOf(value).getSize());
    }

    private static void assertMessage(String field, String value, Runnable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
        assertTrue(e.getMessage().contains(field) && e.getMessage().contains(value), e.getMessage());
    }

    /** Drives the suite with 32 closed-loop clients writing 64-byte payloads, through the engine. */
    private ThroughputResult measure(Vernier vernier, Duration duration) {
        Scenario s = Scenario.builder("ratis-closed-32").warmup(Duration.ZERO).duration(duration)
                .throughputInterval(Duration.ofMillis(500)).load(LoadModel.closed(32))
                .mix(TransactionMix.single("write", 64)).timeout(Duration.ofSeconds(10)).phases(Phase.THROUGHPUT).build();
        return vernier.measure(suite, s).throughput();
    }
}
