package dev.vernier.examples.gossip;

import dev.vernier.examples.cluster.NodeContext;
import dev.vernier.examples.cluster.NodeProcess;
import dev.vernier.examples.gossip.GossipMessage.Item;
import dev.vernier.examples.gossip.GossipMessage.Sync;
import dev.vernier.examples.gossip.GossipMessage.SyncReply;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One incarnation of a push-pull gossip node. Every round it pushes its recent items to
 * {@code fanout} random peers together with a summary of what it holds; each peer replies with the
 * items the sender lacks. Items are kept durably. Runs only on its node's event loop.
 */
final class GossipNode implements NodeProcess<GossipMessage> {

    interface Host {
        GossipSettings settings();

        void received(String nodeId, List<Item> items);
    }

    /** Durable: every item held, by origin and sequence, and the next own sequence. */
    static final class Durable {
        final Map<String, TreeMap<Long, Item>> items = new HashMap<>();
        final Map<String, Long> contiguous = new HashMap<>();
        long nextSeq = 1;
        long count;
    }

    record Snapshot(long count, long idXor, long idSum) {
    }

    private static final int MAX_REPLY = 2048;

    private final NodeContext<GossipMessage> ctx;
    private final Host host;
    private final Durable d;
    private final List<Item> recent = new ArrayList<>();
    private long lastRound;

    GossipNode(NodeContext<GossipMessage> ctx, Host host) {
        this.ctx = ctx;
        this.host = host;
        this.d = ctx.durable().slot("gossip", Durable::new);
    }

    @Override
    public void start() {
        lastRound = System.nanoTime();
    }

    void accept(long requestId, String key, byte[] value) {
        Item item = new Item(ctx.id(), d.nextSeq++, requestId, key, value);
        List<Item> added = merge(List.of(item));
        host.received(ctx.id(), added);
    }

    /** Adds unknown items durably; @return the new ones. */
    private List<Item> merge(List<Item> items) {
        List<Item> added = new ArrayList<>();
        long bytes = 0;
        for (Item item : items) {
            TreeMap<Long, Item> byOrigin = d.items.computeIfAbsent(item.origin(), k -> new TreeMap<>());
            if (byOrigin.putIfAbsent(item.seq(), item) == null) {
                added.add(item);
                bytes += item.size();
                d.count++;
                long c = d.contiguous.getOrDefault(item.origin(), 0L);
                while (byOrigin.containsKey(c + 1)) {
                    c++;
                }
                d.contiguous.put(item.origin(), c);
            }
        }
        if (!added.isEmpty()) {
            ctx.durable().sync(bytes);
            recent.addAll(added);
        }
        return added;
    }

    @Override
    public void onTick(long now) {
        GossipSettings s = host.settings();
        if (now - lastRound < s.roundIntervalMs() * 1_000_000L || ctx.peers().isEmpty()) {
            return;
        }
        lastRound = now;
        List<String> peers = new ArrayList<>(ctx.peers());
        int fanout = Math.min(s.fanout(), peers.size());
        List<Item> push = List.copyOf(recent);
        recent.clear();
        Map<String, Long> summary = Map.copyOf(d.contiguous);
        for (int i = 0; i < fanout; i++) {
            int j = i + ctx.random().nextInt(peers.size() - i);
            String peer = peers.get(j);
            peers.set(j, peers.get(i));
            peers.set(i, peer);
            ctx.send(peer, new Sync(summary, push));
        }
    }

    @Override
    public void onMessage(String from, GossipMessage message) {
        if (message instanceof Sync m) {
            List<Item> added = merge(m.push());
            if (!added.isEmpty()) {
                host.received(ctx.id(), added);
            }
            List<Item> missing = new ArrayList<>();
            for (Map.Entry<String, TreeMap<Long, Item>> e : d.items.entrySet()) {
                long has = m.summary().getOrDefault(e.getKey(), 0L);
                for (Item item : e.getValue().tailMap(has, false).values()) {
                    if (missing.size() >= MAX_REPLY) {
                        break;
                    }
                    missing.add(item);
                }
            }
            if (!missing.isEmpty()) {
                ctx.send(from, new SyncReply(missing));
            }
        } else if (message instanceof SyncReply m) {
            List<Item> added = merge(m.items());
            if (!added.isEmpty()) {
                host.received(ctx.id(), added);
            }
        }
    }

    Snapshot snapshot() {
        long xor = 0;
        long sum = 0;
        for (TreeMap<Long, Item> byOrigin : d.items.values()) {
            for (Item item : byOrigin.values()) {
                xor ^= item.requestId() * 0x9E3779B97F4A7C15L;
                sum += item.requestId();
            }
        }
        return new Snapshot(d.count, xor, sum);
    }
}
