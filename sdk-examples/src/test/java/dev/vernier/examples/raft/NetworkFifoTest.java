package dev.vernier.examples.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vernier.examples.cluster.Message;
import dev.vernier.examples.cluster.Network;
import dev.vernier.examples.cluster.NetworkConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Pipelined AppendEntries rely on the example network keeping each link FIFO, as its javadoc
 * promises. A real scheduler takes a delivery's trigger time when {@code schedule} is called, a
 * little after the network computed the arrival, so a sender preempted in between fires late and two
 * messages with (nearly) the same arrival swapped places: followers then rejected every later append
 * of the window and the leader, rewinding on each rejection, livelocked (1.5 million appends and 100%
 * timeouts at 500 ops/s after a pipelined tuning window). Here the scheduler fires in the worst order.
 */
class NetworkFifoTest {

    private record Numbered(int n) implements Message {
        @Override
        public int sizeBytes() {
            return 100;
        }
    }

    /** Captures scheduled deliveries instead of running them; the test fires them in an order it picks. */
    private static final class CapturingScheduler extends ScheduledThreadPoolExecutor {
        final List<Runnable> scheduled = new ArrayList<>();

        CapturingScheduler() {
            super(1);
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            scheduled.add(command);
            return null;
        }
    }

    @Test
    void aLinkDeliversInSendOrderEvenWhenTheSchedulerFiresDeliveriesInReverse() {
        CapturingScheduler scheduler = new CapturingScheduler();
        try {
            Network network = new Network(new NetworkConfig(150, 50, 125_000_000L, 0), 42, scheduler);
            List<Integer> received = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                network.send("n1", "n2", new Numbered(i), m -> received.add(((Numbered) m).n()));
            }
            List<Runnable> fired = new ArrayList<>(scheduler.scheduled);
            Collections.reverse(fired);
            fired.forEach(Runnable::run);

            List<Integer> sent = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                sent.add(i);
            }
            assertEquals(sent, received);
        } finally {
            scheduler.shutdownNow();
        }
    }

    @Test
    void linksAreIndependentAndAPartitionAtDeliveryStillDropsInOrder() {
        CapturingScheduler scheduler = new CapturingScheduler();
        try {
            Network network = new Network(new NetworkConfig(150, 0, 125_000_000L, 0), 42, scheduler);
            List<String> received = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                network.send("n1", "n2", new Numbered(i), m -> received.add("n2:" + ((Numbered) m).n()));
                network.send("n1", "n3", new Numbered(i), m -> received.add("n3:" + ((Numbered) m).n()));
            }
            List<Runnable> fired = new ArrayList<>(scheduler.scheduled);
            Collections.reverse(fired);
            fired.get(0).run(); // the last send, to n3, fires first and delivers n3's oldest
            fired.get(1).run(); // then the last to n2: n2's oldest
            network.partition(java.util.Set.of("n3"));
            fired.subList(2, fired.size()).forEach(Runnable::run);

            assertEquals(List.of("n3:0", "n2:0", "n2:1", "n2:2"), received);
            assertEquals(2, network.droppedMessages(), "n3's two later messages met the partition");
        } finally {
            scheduler.shutdownNow();
        }
    }
}
