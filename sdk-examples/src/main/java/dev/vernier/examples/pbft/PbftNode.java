package dev.vernier.examples.pbft;

import dev.vernier.examples.cluster.ApplyListener;
import dev.vernier.examples.cluster.NodeContext;
import dev.vernier.examples.cluster.NodeProcess;
import dev.vernier.examples.pbft.PbftMessage.Batch;
import dev.vernier.examples.pbft.PbftMessage.Commit;
import dev.vernier.examples.pbft.PbftMessage.Fetch;
import dev.vernier.examples.pbft.PbftMessage.FetchReply;
import dev.vernier.examples.pbft.PbftMessage.Forward;
import dev.vernier.examples.pbft.PbftMessage.NewView;
import dev.vernier.examples.pbft.PbftMessage.PrePrepare;
import dev.vernier.examples.pbft.PbftMessage.Prepare;
import dev.vernier.examples.pbft.PbftMessage.Prepared;
import dev.vernier.examples.pbft.PbftMessage.Request;
import dev.vernier.examples.pbft.PbftMessage.ViewChange;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One incarnation of a PBFT replica (normal case, batching, a window of concurrent sequence numbers,
 * view change, simple state transfer). The simulation injects crash faults only, so messages are not
 * signed and state transfer trusts one peer. Runs only on its node's event loop.
 */
final class PbftNode implements NodeProcess<PbftMessage> {

    interface Host {
        PbftSettings settings();

        long clockNanos();

        ApplyListener applyListener();

        void executed(List<Long> requestIds, long agreedNanos, long appliedNanos);

        void primaryIs(String nodeId, long view);
    }

    /**
     * Durable: the executed batches, in sequence order (seq = index + 1), and the prepared certificates
     * of sequence numbers not executed yet. Certificates must survive a crash: if the replicas that
     * prepared a batch restart one by one and forget it, a later view change could assign another
     * batch to its sequence number after some replica already executed it.
     */
    static final class Durable {
        final ArrayList<Batch> executed = new ArrayList<>();
        final TreeMap<Long, Prepared> prepared = new TreeMap<>();
        int starts;
    }

    private static final class Slot {
        long view = -1;
        Batch batch;
        final Map<String, Long> prepares = new HashMap<>();
        final Map<String, Long> commits = new HashMap<>();
        boolean prepared;
        boolean committed;
        long committedNanos;
        Prepared certificate;
    }

    record Snapshot(long lastExecuted, long[] digests, long view) {
    }

    /** Size of a logged prepared certificate's header, bytes (the batch itself is already logged). */
    private static final int PREPARED_RECORD_BYTES = 64;

    private final NodeContext<PbftMessage> ctx;
    private final Host host;
    private final Durable d;
    private final String self;
    private final List<String> all;
    private final int f;
    private final int quorum;
    private long view;
    private boolean inViewChange;
    private boolean recovering;
    private long viewChangeStarted;
    private int viewChangeAttempts;
    private long lastProgress;
    private long lastFetch;
    private long maxSeenSeq;
    private long nextSeq = 1;
    private final TreeMap<Long, Slot> slots = new TreeMap<>();
    private final ArrayDeque<Request> queue = new ArrayDeque<>();
    private final Map<Long, Request> watched = new LinkedHashMap<>();
    private final Map<Long, Map<String, ViewChange>> viewChanges = new HashMap<>();
    private long newViewSent = -1;
    private boolean flushScheduled;

    PbftNode(NodeContext<PbftMessage> ctx, Host host) {
        this.ctx = ctx;
        this.host = host;
        this.d = ctx.durable().slot("pbft", Durable::new);
        this.self = ctx.id();
        List<String> ids = new ArrayList<>(ctx.peers());
        ids.add(self);
        ids.sort(null);
        this.all = List.copyOf(ids);
        this.f = (all.size() - 1) / 3;
        this.quorum = 2 * f + 1;
    }

    private String primary(long v) {
        return all.get((int) (v % all.size()));
    }

    private boolean isPrimary() {
        return !inViewChange && !recovering && primary(view).equals(self);
    }

    private long lastExecuted() {
        return d.executed.size();
    }

    @Override
    public void start() {
        lastProgress = System.nanoTime();
        ApplyListener listener = host.applyListener();
        for (int i = 0; i < d.executed.size(); i++) {
            listener.applied(self, i + 1, d.executed.get(i).digest());
        }
        nextSeq = lastExecuted() + 1;
        // a restarted replica does not know the current view: it waits for the first message of one
        recovering = ++d.starts > 1;
        if (!recovering) {
            host.primaryIs(primary(0), 0);
        }
    }

    // ---- client requests

    void submit(List<Request> requests) {
        if (isPrimary()) {
            queue.addAll(requests);
            scheduleFlush();
        } else {
            for (Request r : requests) {
                watched.put(r.id(), r);
            }
            // relay to every replica: the primary orders it, the backups watch it and start a view
            // change together if the primary does not
            ctx.broadcast(new Forward(requests));
        }
    }

    private void scheduleFlush() {
        if (!flushScheduled) {
            flushScheduled = true;
            ctx.executeLater(this::flush);
        }
    }

    private void flush() {
        flushScheduled = false;
        if (!isPrimary()) {
            List<Request> waiting = new ArrayList<>(queue);
            queue.clear();
            if (!waiting.isEmpty()) {
                submit(waiting);
            }
            return;
        }
        PbftSettings s = host.settings();
        if (!queue.isEmpty() && nextSeq <= lastExecuted() + s.window()) {
            List<Request> batch = new ArrayList<>(Math.min(queue.size(), s.batchSize()));
            while (batch.size() < s.batchSize() && !queue.isEmpty()) {
                batch.add(queue.poll());
            }
            PrePrepare pp = new PrePrepare(view, nextSeq++, Batch.of(batch));
            ctx.broadcast(pp);
            onPrePrepare(self, pp);
            if (!queue.isEmpty()) {
                scheduleFlush();
            }
        }
    }

    // ---- normal case

    @Override
    public void onMessage(String from, PbftMessage message) {
        if (message instanceof Forward m) {
            if (isPrimary()) {
                queue.addAll(m.requests());
                scheduleFlush();
            } else {
                for (Request r : m.requests()) {
                    watched.put(r.id(), r);
                }
            }
        } else if (message instanceof PrePrepare m) {
            seen(m.seq());
            if ((m.view() > view || (recovering && m.view() == view)) && from.equals(primary(m.view()))) {
                enterView(m.view());
            }
            onPrePrepare(from, m);
        } else if (message instanceof Prepare m) {
            seen(m.seq());
            learnView(m.view());
            Slot slot = slotFor(m.view(), m.seq());
            if (slot != null) {
                slot.prepares.put(from, m.digest());
                advance(m.seq(), slot);
            }
        } else if (message instanceof Commit m) {
            seen(m.seq());
            learnView(m.view());
            Slot slot = slotFor(m.view(), m.seq());
            if (slot != null) {
                slot.commits.put(from, m.digest());
                advance(m.seq(), slot);
            }
        } else if (message instanceof ViewChange m) {
            onViewChange(from, m);
        } else if (message instanceof NewView m) {
            onNewView(from, m);
        } else if (message instanceof Fetch m) {
            int from0 = (int) m.fromSeq() - 1;
            if (from0 >= 0 && from0 < d.executed.size()) {
                List<Batch> part = List.copyOf(d.executed.subList(from0, Math.min(d.executed.size(), from0 + 256)));
                ctx.send(from, new FetchReply(m.fromSeq(), part));
            }
        } else if (message instanceof FetchReply m) {
            for (int i = 0; i < m.batches().size(); i++) {
                long seq = m.fromSeq() + i;
                if (seq == lastExecuted() + 1) {
                    execute(seq, m.batches().get(i), System.nanoTime(), host.clockNanos());
                }
            }
            tryExecute();
        }
    }

    private void learnView(long v) {
        if (recovering && v >= view) {
            enterView(v);
        }
    }

    private void seen(long seq) {
        maxSeenSeq = Math.max(maxSeenSeq, seq);
    }

    /** @return the slot for messages of {@code v}, or null when they are stale or from the future */
    private Slot slotFor(long v, long seq) {
        if (v != view || inViewChange || seq <= lastExecuted()) {
            return null;
        }
        Slot slot = slots.computeIfAbsent(seq, k -> new Slot());
        if (slot.view < v) {
            slot.view = v;
            slot.batch = null;
            slot.prepares.clear();
            slot.commits.clear();
            slot.prepared = false;
            slot.committed = false;
        }
        return slot;
    }

    private void onPrePrepare(String from, PrePrepare m) {
        if (!from.equals(primary(m.view()))) {
            return;
        }
        Slot slot = slotFor(m.view(), m.seq());
        if (slot == null || slot.batch != null) {
            return;
        }
        slot.batch = m.batch();
        ctx.durable().sync(m.batch().size());
        slot.prepares.put(from, m.batch().digest());
        if (!from.equals(self)) {
            slot.prepares.put(self, m.batch().digest());
            ctx.broadcast(new Prepare(m.view(), m.seq(), m.batch().digest()));
        }
        advance(m.seq(), slot);
    }

    private static int matching(Map<String, Long> votes, long digest) {
        int n = 0;
        for (long v : votes.values()) {
            if (v == digest) {
                n++;
            }
        }
        return n;
    }

    private void advance(long seq, Slot slot) {
        if (slot.batch == null) {
            return;
        }
        long digest = slot.batch.digest();
        if (!slot.prepared && matching(slot.prepares, digest) >= quorum) {
            slot.prepared = true;
            slot.certificate = new Prepared(seq, slot.view, slot.batch);
            Prepared known = d.prepared.get(seq);
            if (known == null || known.view() <= slot.view) {
                d.prepared.put(seq, slot.certificate);
                ctx.durable().sync(PREPARED_RECORD_BYTES); // logged before the commit vote, as PBFT requires
            }
            slot.commits.put(self, digest);
            ctx.broadcast(new Commit(slot.view, seq, digest));
        }
        if (slot.prepared && !slot.committed && matching(slot.commits, digest) >= quorum) {
            slot.committed = true;
            slot.committedNanos = host.clockNanos();
            tryExecute();
        }
    }

    private void tryExecute() {
        Slot next;
        while ((next = slots.get(lastExecuted() + 1)) != null && next.committed) {
            execute(lastExecuted() + 1, next.batch, System.nanoTime(), next.committedNanos);
        }
        if (isPrimary() && !queue.isEmpty()) {
            scheduleFlush();
        }
    }

    private void execute(long seq, Batch batch, long now, long agreedNanos) {
        d.executed.add(batch);
        slots.headMap(seq, true).clear();
        d.prepared.headMap(seq, true).clear();
        lastProgress = now;
        viewChangeAttempts = 0;
        host.applyListener().applied(self, seq, batch.digest());
        if (!batch.requests().isEmpty()) {
            List<Long> ids = new ArrayList<>(batch.requests().size());
            for (Request r : batch.requests()) {
                ids.add(r.id());
                watched.remove(r.id());
            }
            host.executed(ids, agreedNanos, host.clockNanos());
        }
        if (nextSeq <= seq) {
            nextSeq = seq + 1;
        }
    }

    // ---- timers, view change, state transfer

    @Override
    public void onTick(long now) {
        long timeout = host.settings().viewChangeTimeoutMs() * 1_000_000L;
        if (maxSeenSeq > lastExecuted() && now - lastProgress > Math.min(timeout / 4, 50_000_000L)
                && now - lastFetch > 20_000_000L && !ctx.peers().isEmpty()) {
            lastFetch = now;
            ctx.send(ctx.peers().get(ctx.random().nextInt(ctx.peers().size())), new Fetch(lastExecuted() + 1));
        }
        if (recovering) {
            return;
        }
        if (inViewChange) {
            if (now - viewChangeStarted > timeout << Math.min(viewChangeAttempts, 4)) {
                startViewChange(view + 1, now);
            }
            return;
        }
        boolean pendingWork = !watched.isEmpty() || slots.ceilingKey(lastExecuted() + 1) != null;
        if (pendingWork && !isPrimary() && now - lastProgress > timeout) {
            startViewChange(view + 1, now);
        }
    }

    private void startViewChange(long newView, long now) {
        view = newView;
        recovering = false;
        inViewChange = true;
        viewChangeStarted = now;
        viewChangeAttempts++;
        // what this replica prepared, from memory and from its durable log (after a restart only the latter)
        TreeMap<Long, Prepared> bySeq = new TreeMap<>(d.prepared.tailMap(lastExecuted(), false));
        for (Map.Entry<Long, Slot> e : slots.tailMap(lastExecuted(), false).entrySet()) {
            Prepared c = e.getValue().certificate;
            if (c != null) {
                bySeq.merge(e.getKey(), c, (a, b) -> a.view() >= b.view() ? a : b);
            }
        }
        List<Prepared> certificates = new ArrayList<>(bySeq.values());
        ViewChange vc = new ViewChange(newView, lastExecuted(), certificates);
        ctx.broadcast(vc);
        onViewChange(self, vc);
    }

    private void onViewChange(String from, ViewChange m) {
        if (m.newView() < view) {
            return;
        }
        Map<String, ViewChange> votes = viewChanges.computeIfAbsent(m.newView(), k -> new HashMap<>());
        votes.put(from, m);
        if (m.newView() > view && votes.size() >= f + 1) {
            startViewChange(m.newView(), System.nanoTime());
            return;
        }
        if (m.newView() == view && inViewChange && primary(view).equals(self) && votes.size() >= quorum
                && newViewSent < view) {
            newViewSent = view;
            long base = 0;
            for (ViewChange vc : votes.values()) {
                base = Math.max(base, vc.lastExecuted());
            }
            TreeMap<Long, Prepared> best = new TreeMap<>();
            for (ViewChange vc : votes.values()) {
                for (Prepared p : vc.prepared()) {
                    if (p.seq() > base) {
                        best.merge(p.seq(), p, (a, b) -> a.view() >= b.view() ? a : b);
                    }
                }
            }
            List<PrePrepare> reproposals = new ArrayList<>();
            long max = best.isEmpty() ? base : best.lastKey();
            for (long seq = base + 1; seq <= max; seq++) {
                Prepared p = best.get(seq);
                reproposals.add(new PrePrepare(view, seq, p == null ? Batch.NULL : p.batch()));
            }
            NewView nv = new NewView(view, base, reproposals);
            ctx.broadcast(nv);
            onNewView(self, nv);
        }
        viewChanges.keySet().removeIf(v -> v < view);
    }

    private void onNewView(String from, NewView m) {
        if (m.view() < view || !from.equals(primary(m.view())) || (m.view() == view && !inViewChange && !from.equals(self))) {
            return;
        }
        enterView(m.view());
        long max = m.base();
        for (PrePrepare pp : m.prePrepares()) {
            max = Math.max(max, pp.seq());
            seen(pp.seq());
            if (!from.equals(self)) {
                onPrePrepare(from, pp);
            }
        }
        if (from.equals(self)) {
            for (PrePrepare pp : m.prePrepares()) {
                onPrePrepare(self, pp);
            }
            nextSeq = Math.max(lastExecuted(), max) + 1;
            scheduleFlush();
        }
        seen(m.base());
    }

    private void enterView(long v) {
        view = v;
        inViewChange = false;
        recovering = false;
        viewChangeAttempts = 0;
        lastProgress = System.nanoTime();
        for (Slot slot : slots.values()) {
            if (slot.view < v) {
                slot.batch = null;
                slot.prepares.clear();
                slot.commits.clear();
                slot.prepared = false;
                slot.committed = false;
            }
        }
        host.primaryIs(primary(v), v);
        if (!primary(v).equals(self) && !watched.isEmpty()) {
            ctx.send(primary(v), new Forward(List.copyOf(watched.values())));
        } else if (primary(v).equals(self) && !watched.isEmpty()) {
            queue.addAll(watched.values());
            watched.clear();
            scheduleFlush();
        }
    }

    boolean isPrimaryNow() {
        return isPrimary();
    }

    Snapshot snapshot() {
        long[] digests = new long[d.executed.size()];
        for (int i = 0; i < digests.length; i++) {
            digests[i] = d.executed.get(i).digest();
        }
        return new Snapshot(digests.length, digests, view);
    }
}
