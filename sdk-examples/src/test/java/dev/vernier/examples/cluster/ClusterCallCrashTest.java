package dev.vernier.examples.cluster;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A call queued on a node that crashes before its turn fails; it never hangs (found in review). */
class ClusterCallCrashTest {

    @Test
    void aCallQueuedBeforeACrashFailsInsteadOfHanging() throws Exception {
        ConcurrentLinkedQueue<Long> delays = new ConcurrentLinkedQueue<>();
        try (Cluster<ClusterTest.Ping, ClusterTest.Echo> c = new Cluster<ClusterTest.Ping, ClusterTest.Echo>("echo", 3,
                NetworkConfig.defaults(), DiskConfig.defaults(), 1, 1_000, ctx -> new ClusterTest.Echo(ctx, delays))) {
            c.start();
            CountDownLatch busy = new CountDownLatch(1);
            CountDownLatch never = new CountDownLatch(1);
            // keep n1's loop busy (as a durable write or a long batch would) until the crash interrupts it
            c.execute("n1", n -> {
                busy.countDown();
                try {
                    never.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            busy.await();
            CompletableFuture<Boolean> f = c.call("n1", n -> true); // queued behind the busy task
            c.crash("n1");
            ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(5, TimeUnit.SECONDS));
            assertInstanceOf(IllegalStateException.class, e.getCause());
        }
    }
}
