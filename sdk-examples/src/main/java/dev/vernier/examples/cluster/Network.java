package dev.vernier.examples.cluster;

import dev.vernier.api.internal.Check;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The only way nodes of a {@link Cluster} talk to each other: a model of point-to-point links with
 * latency, jitter, bandwidth (serialisation delay by message size), loss and partitions.
 *
 * <p>A sent message is scheduled on the cluster's shared scheduler to arrive after
 * {@code queueing + size / bandwidth + latency + jitter}; links are FIFO. A message is dropped when
 * lost (seeded random), when its link is cut by a partition at send or at delivery time, or when the
 * receiver is down at delivery time (checked by the cluster).
 *
 * <p>Thread-safe: any node thread may send at any time; partitions may be opened and healed while
 * messages are in flight. Random draws come from one {@link SplittableRandom} seeded at construction,
 * so a single-threaded sequence of sends is replayable.
 */
public final class Network {

    private final NetworkConfig config;
    private final ScheduledExecutorService scheduler;
    private final SplittableRandom random;
    private final Map<String, long[]> links = new HashMap<>();
    private final Map<String, Integer> groups = new HashMap<>();
    private int nextGroup = 1;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();

    /**
     * @param config the link model
     * @param seed seed of the loss and jitter draws
     * @param scheduler where deliveries are scheduled; owned by the caller
     */
    public Network(NetworkConfig config, long seed, ScheduledExecutorService scheduler) {
        this.config = Check.notNull("config", config);
        this.scheduler = Check.notNull("scheduler", scheduler);
        this.random = new SplittableRandom(seed);
    }

    /** @return the link model */
    public NetworkConfig config() {
        return config;
    }

    /**
     * Sends a message; {@code deliver} runs on the scheduler thread when it arrives (it should only
     * hand the message to the receiver's event loop).
     *
     * @param from sender id
     * @param to receiver id
     * @param message the message
     * @param deliver what to do on arrival
     */
    public void send(String from, String to, Message message, Consumer<Message> deliver) {
        sent.incrementAndGet();
        long delayNanos;
        synchronized (this) {
            if (isCutLocked(from, to) || (config.lossProbability() > 0 && random.nextDouble() < config.lossProbability())) {
                dropped.incrementAndGet();
                return;
            }
            long now = System.nanoTime();
            long[] link = links.computeIfAbsent(from + "->" + to, k -> new long[2]);
            long size = Math.max(1, message.sizeBytes());
            bytes.addAndGet(size);
            long serialisation = size * 1_000_000_000L / config.bandwidthBytesPerSecond();
            long departure = Math.max(now, link[0]) + serialisation;
            link[0] = departure;
            long jitter = config.jitterMicros() == 0 ? 0 : random.nextLong(config.jitterMicros() * 1_000L + 1);
            long arrival = Math.max(departure + config.latencyMicros() * 1_000L + jitter, link[1]);
            link[1] = arrival;
            delayNanos = arrival - now;
        }
        try {
            scheduler.schedule(() -> {
                if (isCut(from, to)) {
                    dropped.incrementAndGet();
                    return;
                }
                deliver.accept(message);
            }, delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closed) {
            dropped.incrementAndGet();
        }
    }

    /**
     * Cuts every link between {@code group} and all other nodes, in both directions. Partitions
     * accumulate: a later call isolates its group from everyone else, including earlier groups.
     *
     * @param group node ids on one side
     */
    public synchronized void partition(Collection<String> group) {
        Check.notNull("group", group);
        int g = nextGroup++;
        for (String id : group) {
            groups.put(id, g);
        }
    }

    /** Heals every partition. */
    public synchronized void heal() {
        groups.clear();
    }

    /** @return true when the link from {@code from} to {@code to} is cut by a partition */
    public synchronized boolean isCut(String from, String to) {
        return isCutLocked(from, to);
    }

    /** @return the node ids currently separated from the default group, by group */
    public synchronized Map<String, Integer> partitionGroups() {
        return Map.copyOf(groups);
    }

    private boolean isCutLocked(String from, String to) {
        return !groups.isEmpty() && groups.getOrDefault(from, 0).intValue() != groups.getOrDefault(to, 0).intValue();
    }

    /** @return messages sent so far (including dropped ones) */
    public long sentMessages() {
        return sent.get();
    }

    /** @return messages dropped so far (loss, partition, closed network) */
    public long droppedMessages() {
        return dropped.get();
    }

    /** @return bytes put on links so far */
    public long sentBytes() {
        return bytes.get();
    }
}
