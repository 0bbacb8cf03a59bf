package dev.vernier.examples.cluster;

import dev.vernier.api.internal.Check;
import java.util.ArrayDeque;
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
 * {@code queueing + size / bandwidth + latency + jitter}; links are FIFO (like TCP): each delivery
 * the scheduler runs hands over the oldest message still on its link, so a message never overtakes
 * an earlier one on the same link, not even when the scheduler fires two deliveries out of order (it
 * takes each trigger time when {@code schedule} is called, a little after the arrival was computed,
 * and a thread preempted in between fires late). A message is dropped when lost (seeded random),
 * when its link is cut by a partition at send or at delivery time, or when the receiver is down at
 * delivery time (checked by the cluster).
 *
 * <p>Thread-safe: any node thread may send at any time; partitions may be opened and healed while
 * messages are in flight. Random draws come from one {@link SplittableRandom} seeded at construction,
 * so a single-threaded sequence of sends is replayable.
 */
public final class Network {

    private final NetworkConfig config;
    private final ScheduledExecutorService scheduler;
    private final SplittableRandom random;
    private final Map<String, Link> links = new HashMap<>();
    private final Map<String, Integer> groups = new HashMap<>();
    private int nextGroup = 1;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();

    /** One directed link: when it is next free, the last arrival on it, and its messages in flight, oldest first. */
    private static final class Link {
        long freeAtNanos;
        long lastArrivalNanos;
        final ArrayDeque<InFlight> inFlight = new ArrayDeque<>();
    }

    /** A message on a link; identity matters (two equal messages are still two sends). */
    private static final class InFlight {
        final Message message;
        final Consumer<Message> deliver;

        InFlight(Message message, Consumer<Message> deliver) {
            this.message = message;
            this.deliver = deliver;
        }
    }

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
        Link link;
        InFlight sending = new InFlight(message, deliver);
        synchronized (this) {
            if (isCutLocked(from, to) || (config.lossProbability() > 0 && random.nextDouble() < config.lossProbability())) {
                dropped.incrementAndGet();
                return;
            }
            long now = System.nanoTime();
            link = links.computeIfAbsent(from + "->" + to, k -> new Link());
            long size = Math.max(1, message.sizeBytes());
            bytes.addAndGet(size);
            long serialisation = size * 1_000_000_000L / config.bandwidthBytesPerSecond();
            long departure = Math.max(now, link.freeAtNanos) + serialisation;
            link.freeAtNanos = departure;
            long jitter = config.jitterMicros() == 0 ? 0 : random.nextLong(config.jitterMicros() * 1_000L + 1);
            long arrival = Math.max(departure + config.latencyMicros() * 1_000L + jitter, link.lastArrivalNanos);
            link.lastArrivalNanos = arrival;
            link.inFlight.addLast(sending);
            delayNanos = arrival - now;
        }
        Link on = link;
        try {
            // deliver the link's oldest message, not necessarily this one: arrivals on a link never
            // decrease, so whichever of its deliveries fires first finds the oldest message due
            scheduler.schedule(() -> deliverOldest(from, to, on), delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closed) {
            synchronized (this) {
                on.inFlight.removeLastOccurrence(sending);
            }
            dropped.incrementAndGet();
        }
    }

    private void deliverOldest(String from, String to, Link link) {
        InFlight oldest;
        synchronized (this) {
            oldest = link.inFlight.pollFirst();
        }
        if (oldest == null) {
            return;
        }
        if (isCut(from, to)) {
            dropped.incrementAndGet();
            return;
        }
        oldest.deliver.accept(oldest.message);
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
