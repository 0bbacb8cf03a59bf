package dev.vernier.examples.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vernier.api.NanoClock;
import dev.vernier.api.SuiteContext;
import dev.vernier.examples.raft.RaftSuite;
import dev.vernier.testkit.Poll;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ClusterTest {

    record Ping(long sentNanos, int size) implements Message {
        @Override
        public int sizeBytes() {
            return size;
        }
    }

    /** Records the one-way delay of every ping it receives; counts its durable writes. */
    static final class Echo implements NodeProcess<Ping> {
        final NodeContext<Ping> ctx;
        final ConcurrentLinkedQueue<Long> delays;

        Echo(NodeContext<Ping> ctx, ConcurrentLinkedQueue<Long> delays) {
            this.ctx = ctx;
            this.delays = delays;
        }

        @Override
        public void start() {
        }

        @Override
        public void onMessage(String from, Ping message) {
            delays.add(System.nanoTime() - message.sentNanos());
        }

        @Override
        public void onTick(long nowNanos) {
        }
    }

    private static Cluster<Ping, Echo> cluster(NetworkConfig network, ConcurrentLinkedQueue<Long> delays) {
        return new Cluster<Ping, Echo>("echo", 3, network, DiskConfig.defaults(), 1, 1_000, ctx -> new Echo(ctx, delays));
    }

    private static void ping(Cluster<Ping, Echo> c, String from, String to, int size) {
        c.execute(from, n -> n.ctx.send(to, new Ping(System.nanoTime(), size)));
    }

    private static void awaitCount(ConcurrentLinkedQueue<?> q, int n) throws InterruptedException {
        Poll.until(() -> q.size() >= n, Duration.ofSeconds(5));
    }

    @Test
    void deliversAfterLatencyPlusSerialisationDelay() throws Exception {
        ConcurrentLinkedQueue<Long> delays = new ConcurrentLinkedQueue<>();
        // 2 ms latency, 1 MB/s: a 10 kB message needs 10 ms on the wire
        try (Cluster<Ping, Echo> c = cluster(new NetworkConfig(2_000, 0, 1_000_000, 0), delays)) {
            c.start();
            ping(c, "n1", "n2", 100);
            awaitCount(delays, 1);
            ping(c, "n1", "n2", 10_000);
            awaitCount(delays, 2);
            List<Long> d = List.copyOf(delays);
            assertTrue(d.get(0) >= 2_000_000, "small message delay " + d.get(0));
            assertTrue(d.get(1) >= 12_000_000, "large message delay " + d.get(1));
        }
    }

    @Test
    void partitionsAndCrashesDropMessagesUntilHealedOrRestarted() throws Exception {
        ConcurrentLinkedQueue<Long> delays = new ConcurrentLinkedQueue<>();
        try (Cluster<Ping, Echo> c = cluster(NetworkConfig.defaults(), delays)) {
            c.start();
            c.partition(Set.of("n2"));
            ping(c, "n1", "n2", 10);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (c.network().droppedMessages() < 1 && System.nanoTime() < deadline) {
                Thread.onSpinWait(); // the ping is sent from n1's loop: wait until the partition has dropped it
            }
            assertTrue(c.network().droppedMessages() >= 1);
            assertEquals(0, delays.size());
            c.heal();
            ping(c, "n1", "n2", 10);
            awaitCount(delays, 1);
            assertEquals(1, delays.size());

            assertTrue(c.crash("n2"));
            assertFalse(c.isAlive("n2"));
            ping(c, "n1", "n2", 10);
            Thread.sleep(50);
            assertEquals(1, delays.size());
            assertTrue(c.restart("n2"));
            ping(c, "n1", "n2", 10);
            awaitCount(delays, 2);
            assertEquals(2, delays.size());
            assertThrows(IllegalArgumentException.class, () -> c.crash("n9"));
        }
    }

    @Test
    void durableWritesCostTimeOnTheNodeThread() throws Exception {
        DurableStore store = new DurableStore(new DiskConfig(2_000, 0, false), "x");
        long t0 = System.nanoTime();
        for (int i = 0; i < 5; i++) {
            store.sync(100);
        }
        assertTrue(System.nanoTime() - t0 >= 10_000_000L, "5 writes of 2 ms");
        assertEquals(5, store.writes());
        assertThrows(IllegalArgumentException.class, () -> new DiskConfig(-1, 0, false));
    }

    @Test
    void noThreadsLeftAfterClose() throws Exception {
        RaftSuite suite = RaftSuite.builder().nodes(3).seed(9).build();
        suite.setup(new SuiteContext(1, NanoClock.system(), "threads"));
        assertTrue(liveVernierThreads("raft") > 0);
        suite.teardown();
        assertEquals(0, Poll.until(() -> liveVernierThreads("raft"), n -> n == 0, Duration.ofSeconds(5)));
    }

    private static long liveVernierThreads(String name) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("vernier-" + name + "-"))
                .count();
    }
}
