package dev.vernier.examples.cluster;

import dev.vernier.api.FaultInjector;
import dev.vernier.api.ProtocolSuite;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Test helper: a seeded random fault schedule (crash, restart, partition a minority, heal) that keeps
 * at most {@code maxDown} nodes crashed. The same seed gives the same sequence of decisions.
 */
public final class RandomFaults {

    private final FaultInjector target;
    private final SplittableRandom random;
    private final int maxDown;
    private final Set<String> down = new HashSet<>();
    private final List<String> log = new ArrayList<>();

    public RandomFaults(FaultInjector target, long seed, int maxDown) {
        this.target = target;
        this.random = new SplittableRandom(seed);
        this.maxDown = maxDown;
    }

    /**
     * Runs {@code clients} closed-loop clients against {@code suite} for {@code duration} while
     * injecting {@code steps} faults, one every {@code every} (real time: the faults must land while
     * the load runs), then waits for the load to finish. Call {@link #recoverAll()} afterwards.
     *
     * @return what the load committed
     */
    public ClosedLoop.Result stepUnderLoad(ProtocolSuite suite, int clients, Duration duration, int steps,
                                           Duration every) throws Exception {
        CompletableFuture<ClosedLoop.Result> load = CompletableFuture.supplyAsync(() -> {
            try {
                return ClosedLoop.run(suite, clients, duration);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        for (int i = 0; i < steps; i++) {
            Thread.sleep(every.toMillis());
            step();
        }
        return load.get(duration.toMillis() + 20_000, TimeUnit.MILLISECONDS);
    }

    /** Injects one random fault. */
    public void step() {
        List<String> nodes = target.nodes();
        int kind = random.nextInt(5);
        if (kind == 0 && down.size() < maxDown) {
            String victim = target.leader().filter(l -> random.nextBoolean()).orElse(nodes.get(random.nextInt(nodes.size())));
            if (down.add(victim)) {
                target.crash(victim);
                log.add("crash " + victim);
            }
        } else if (kind == 1 && !down.isEmpty()) {
            String back = down.iterator().next();
            down.remove(back);
            target.restart(back);
            log.add("restart " + back);
        } else if (kind == 2) {
            Set<String> group = new HashSet<>();
            int size = 1 + random.nextInt(Math.max(1, (nodes.size() - 1) / 2));
            while (group.size() < size) {
                group.add(nodes.get(random.nextInt(nodes.size())));
            }
            target.partition(group);
            log.add("partition " + group);
        } else if (kind == 3) {
            target.heal();
            log.add("heal");
        } else {
            log.add("nothing");
        }
    }

    /** Heals all partitions and restarts every crashed node. */
    public void recoverAll() {
        target.heal();
        for (String id : down) {
            target.restart(id);
        }
        down.clear();
        log.add("recover all");
    }

    /** @return the faults injected so far, for assertion messages */
    public List<String> log() {
        return log;
    }
}
