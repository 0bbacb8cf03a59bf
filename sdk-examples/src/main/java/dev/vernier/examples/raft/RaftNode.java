package dev.vernier.examples.raft;

import dev.vernier.examples.cluster.ApplyListener;
import dev.vernier.examples.cluster.NodeContext;
import dev.vernier.examples.cluster.NodeProcess;
import dev.vernier.examples.raft.RaftMessage.AppendEntries;
import dev.vernier.examples.raft.RaftMessage.AppendReply;
import dev.vernier.examples.raft.RaftMessage.Entry;
import dev.vernier.examples.raft.RaftMessage.Forward;
import dev.vernier.examples.raft.RaftMessage.Request;
import dev.vernier.examples.raft.RaftMessage.RequestVote;
import dev.vernier.examples.raft.RaftMessage.VoteReply;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One incarnation of a Raft replica: leader election, log replication with batching and pipelining,
 * commit on majority and a key-value state machine. Runs only on its node's event loop (not
 * thread-safe by design).
 */
final class RaftNode implements NodeProcess<RaftMessage> {

    /** What a node needs from its suite. Implementations are thread-safe. */
    interface Host {
        RaftSettings settings();

        long clockNanos();

        ApplyListener applyListener();

        void completed(List<Long> requestIds, long agreedNanos, long appliedNanos);

        void rejected(List<Request> requests, String reason);

        void leaderElected(String nodeId, long term);
    }

    /** The durable state: survives crashes. */
    static final class Durable {
        long term;
        String votedFor;
        final ArrayList<Entry> log = new ArrayList<>();
    }

    /**
     * The leader's view of one follower. Appends are counted in flight per epoch: a rewind of
     * {@code next} (a rejection, or the resend timer) starts a new epoch, and answers to appends of an
     * older one neither free a slot of the new window nor rewind again. Without that, every append of a
     * window behind one lost or reordered append was rejected and rewound the window once more, and
     * stale answers freed slots of the new window, so the leader kept more than the limit in flight:
     * a storm that fed itself (see RaftStaleReplyTest).
     */
    private static final class Peer {
        long next;
        long match;
        /** Appends of the current epoch not yet answered. */
        int inflight;
        long epoch;
        long lastReplyNanos;
        long lastSendNanos;

        void rewind(long to) {
            epoch++;
            inflight = 0;
            next = to;
        }
    }

    /** A consistent copy of the committed log for verification. */
    record Snapshot(long commitIndex, long[] terms, long[] requestIds, boolean leader, long term) {
    }

    enum Role { FOLLOWER, CANDIDATE, LEADER }

    private static final byte[] EMPTY = new byte[0];

    private final NodeContext<RaftMessage> ctx;
    private final Host host;
    private final Durable d;
    private final String self;
    private final int majority;
    private Role role = Role.FOLLOWER;
    private String leaderId;
    private long commitIndex;
    private long lastApplied;
    private final Map<String, byte[]> kv = new HashMap<>();
    private long electionDeadline;
    private final Set<String> votes = new HashSet<>();
    private final Map<String, Peer> peers = new LinkedHashMap<>();
    private final ArrayDeque<Request> queue = new ArrayDeque<>();
    private boolean flushScheduled;

    RaftNode(NodeContext<RaftMessage> ctx, Host host) {
        this.ctx = ctx;
        this.host = host;
        this.d = ctx.durable().slot("raft", Durable::new);
        this.self = ctx.id();
        this.majority = ctx.clusterSize() / 2 + 1;
    }

    @Override
    public void start() {
        resetElectionDeadline(System.nanoTime());
    }

    private long lastIndex() {
        return d.log.size();
    }

    private long termAt(long index) {
        return index == 0 ? 0 : d.log.get((int) index - 1).term();
    }

    private void resetElectionDeadline(long now) {
        long base = host.settings().electionTimeoutMs() * 1_000_000L;
        electionDeadline = now + base + ctx.random().nextLong(base + 1);
    }

    @Override
    public void onTick(long now) {
        if (role == Role.LEADER) {
            RaftSettings s = host.settings();
            long heartbeat = s.heartbeatIntervalMs() * 1_000_000L;
            for (Map.Entry<String, Peer> e : peers.entrySet()) {
                Peer p = e.getValue();
                if (p.inflight > 0 && now - p.lastReplyNanos > 2 * heartbeat && now - p.lastSendNanos > heartbeat) {
                    // replies were lost (crash, partition, loss): resend from the last known match
                    p.rewind(p.match + 1);
                    sendAppends(e.getKey(), p, now);
                }
                if (now - p.lastSendNanos >= heartbeat) {
                    long prev = p.next - 1;
                    ctx.send(e.getKey(), new AppendEntries(d.term, self, prev, termAt(prev), List.of(), commitIndex, true, p.epoch));
                    p.lastSendNanos = now;
                }
            }
        } else if (now >= electionDeadline) {
            startElection(now);
        }
    }

    private void startElection(long now) {
        role = Role.CANDIDATE;
        leaderId = null;
        d.term++;
        d.votedFor = self;
        ctx.durable().sync(16);
        votes.clear();
        votes.add(self);
        resetElectionDeadline(now);
        if (votes.size() >= majority) {
            becomeLeader(now);
            return;
        }
        ctx.broadcast(new RequestVote(d.term, self, lastIndex(), termAt(lastIndex())));
    }

    private void becomeLeader(long now) {
        role = Role.LEADER;
        leaderId = self;
        peers.clear();
        for (String peer : ctx.peers()) {
            Peer p = new Peer();
            p.next = lastIndex() + 1;
            p.lastReplyNanos = now;
            peers.put(peer, p);
        }
        d.log.add(new Entry(d.term, -d.term, null, EMPTY));
        ctx.durable().sync(32);
        host.leaderElected(self, d.term);
        peers.forEach((id, p) -> sendAppends(id, p, now));
        advanceCommit();
    }

    private void stepDown(long term) {
        d.term = term;
        d.votedFor = null;
        ctx.durable().sync(16);
        becomeFollower();
    }

    private void becomeFollower() {
        if (role == Role.LEADER) {
            rejectQueue("leadership lost");
        }
        role = Role.FOLLOWER;
    }

    @Override
    public void onMessage(String from, RaftMessage message) {
        long term;
        if (message instanceof RequestVote m) {
            term = m.term();
        } else if (message instanceof VoteReply m) {
            term = m.term();
        } else if (message instanceof AppendEntries m) {
            term = m.term();
        } else if (message instanceof AppendReply m) {
            term = m.term();
        } else {
            term = -1;
        }
        if (term > d.term) {
            stepDown(term);
            leaderId = null;
        }
        if (message instanceof RequestVote m) {
            onRequestVote(from, m);
        } else if (message instanceof VoteReply m) {
            if (role == Role.CANDIDATE && m.term() == d.term && m.granted()) {
                votes.add(from);
                if (votes.size() >= majority) {
                    becomeLeader(System.nanoTime());
                }
            }
        } else if (message instanceof AppendEntries m) {
            onAppendEntries(from, m);
        } else if (message instanceof AppendReply m) {
            onAppendReply(from, m);
        } else if (message instanceof Forward m) {
            route(m.requests(), m.hops());
        }
    }

    private void onRequestVote(String from, RequestVote m) {
        long myLastTerm = termAt(lastIndex());
        boolean upToDate = m.lastLogTerm() > myLastTerm
                || (m.lastLogTerm() == myLastTerm && m.lastLogIndex() >= lastIndex());
        boolean grant = m.term() == d.term && (d.votedFor == null || d.votedFor.equals(m.candidate())) && upToDate;
        if (grant) {
            d.votedFor = m.candidate();
            ctx.durable().sync(16);
            resetElectionDeadline(System.nanoTime());
        }
        ctx.send(from, new VoteReply(d.term, grant));
    }

    private void onAppendEntries(String from, AppendEntries m) {
        if (m.term() < d.term) {
            ctx.send(from, new AppendReply(d.term, false, 0, 0, m.heartbeat(), m.epoch()));
            return;
        }
        if (role != Role.FOLLOWER) {
            becomeFollower();
        }
        leaderId = m.leader();
        resetElectionDeadline(System.nanoTime());
        if (m.prevIndex() > lastIndex()) {
            ctx.send(from, new AppendReply(d.term, false, 0, lastIndex() + 1, m.heartbeat(), m.epoch()));
            return;
        }
        if (termAt(m.prevIndex()) != m.prevTerm()) {
            long conflictTerm = termAt(m.prevIndex());
            long i = m.prevIndex();
            while (i > commitIndex + 1 && termAt(i - 1) == conflictTerm) {
                i--;
            }
            ctx.send(from, new AppendReply(d.term, false, 0, Math.max(1, i), m.heartbeat(), m.epoch()));
            return;
        }
        long index = m.prevIndex();
        long bytes = 0;
        boolean changed = false;
        for (Entry e : m.entries()) {
            index++;
            if (index <= lastIndex()) {
                if (termAt(index) == e.term()) {
                    continue;
                }
                if (index <= commitIndex) {
                    throw new IllegalStateException(self + ": leader " + m.leader() + " tried to overwrite committed index " + index);
                }
                d.log.subList((int) index - 1, d.log.size()).clear();
            }
            d.log.add(e);
            bytes += e.size();
            changed = true;
        }
        if (changed) {
            ctx.durable().sync(bytes);
        }
        long match = m.prevIndex() + m.entries().size();
        if (m.leaderCommit() > commitIndex) {
            commitIndex = Math.max(commitIndex, Math.min(m.leaderCommit(), match));
            apply(0);
        }
        ctx.send(from, new AppendReply(d.term, true, match, 0, m.heartbeat(), m.epoch()));
    }

    private void onAppendReply(String from, AppendReply m) {
        Peer p = peers.get(from);
        if (role != Role.LEADER || m.term() != d.term || p == null) {
            return;
        }
        if (m.success() && m.matchIndex() > p.match) {
            // true whatever the epoch: in this term the follower holds our entries up to matchIndex
            p.match = m.matchIndex();
            p.next = Math.max(p.next, p.match + 1);
            advanceCommit();
        }
        if (m.epoch() != p.epoch) {
            return; // answers an append sent before the last rewind, which already accounted for it
        }
        long now = System.nanoTime();
        if (!m.heartbeat()) {
            // only an answer to an append shows appends are moving: a follower answers every heartbeat,
            // so counting those would hide a lost append reply and stall that follower until a
            // heartbeat reply happens to be lost too
            p.lastReplyNanos = now;
            p.inflight = Math.max(0, p.inflight - 1);
        }
        if (!m.success() && m.hint() > 0) {
            p.rewind(Math.max(p.match + 1, Math.min(m.hint(), p.next)));
        }
        sendAppends(from, p, now);
    }

    private void sendAppends(String peerId, Peer p, long now) {
        RaftSettings s = host.settings();
        int limit = s.inflightLimit();
        int batch = s.maxBatchSize();
        while (p.inflight < limit && p.next <= lastIndex()) {
            long from = p.next;
            long to = Math.min(lastIndex(), from + batch - 1);
            List<Entry> entries = List.copyOf(d.log.subList((int) from - 1, (int) to));
            ctx.send(peerId, new AppendEntries(d.term, self, from - 1, termAt(from - 1), entries, commitIndex, false, p.epoch));
            p.next = to + 1;
            if (p.inflight == 0) {
                p.lastReplyNanos = now; // the resend timer starts with the first append after a quiet spell
            }
            p.inflight++;
            p.lastSendNanos = now;
        }
    }

    private void advanceCommit() {
        if (role != Role.LEADER) {
            return;
        }
        long[] matches = new long[peers.size() + 1];
        int i = 0;
        for (Peer p : peers.values()) {
            matches[i++] = p.match;
        }
        matches[i] = lastIndex();
        Arrays.sort(matches);
        long n = matches[matches.length - majority];
        if (n > commitIndex && termAt(n) == d.term) {
            commitIndex = n;
            apply(host.clockNanos());
        }
    }

    private void apply(long agreedNanos) {
        List<Long> done = null;
        ApplyListener listener = host.applyListener();
        while (lastApplied < commitIndex) {
            lastApplied++;
            Entry e = d.log.get((int) lastApplied - 1);
            if (e.key() != null) {
                kv.put(e.key(), e.value());
            }
            listener.applied(self, lastApplied, e.requestId());
            if (role == Role.LEADER && e.requestId() > 0) {
                if (done == null) {
                    done = new ArrayList<>();
                }
                done.add(e.requestId());
            }
        }
        if (done != null) {
            host.completed(done, agreedNanos, host.clockNanos());
        }
    }

    /** Accepts client requests handed to this node (directly or forwarded). */
    void route(List<Request> requests, int hops) {
        if (role == Role.LEADER) {
            queue.addAll(requests);
            scheduleFlush();
        } else if (leaderId != null && !leaderId.equals(self) && hops < 3) {
            ctx.send(leaderId, new Forward(requests, hops + 1));
        } else {
            host.rejected(requests, "no leader");
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
        if (role != Role.LEADER) {
            List<Request> waiting = new ArrayList<>(queue);
            queue.clear();
            route(waiting, 1);
            return;
        }
        int n = Math.min(host.settings().maxBatchSize(), queue.size());
        if (n > 0) {
            long bytes = 0;
            for (int i = 0; i < n; i++) {
                Request r = queue.poll();
                Entry e = new Entry(d.term, r.id(), r.key(), r.value());
                d.log.add(e);
                bytes += e.size();
            }
            ctx.durable().sync(bytes);
            long now = System.nanoTime();
            peers.forEach((id, p) -> sendAppends(id, p, now));
            advanceCommit();
        }
        if (!queue.isEmpty()) {
            scheduleFlush();
        }
    }

    private void rejectQueue(String reason) {
        if (!queue.isEmpty()) {
            List<Request> waiting = new ArrayList<>(queue);
            queue.clear();
            host.rejected(waiting, reason);
        }
    }

    boolean isLeader() {
        return role == Role.LEADER;
    }

    Snapshot snapshot() {
        int n = (int) commitIndex;
        long[] terms = new long[n];
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            terms[i] = d.log.get(i).term();
            ids[i] = d.log.get(i).requestId();
        }
        return new Snapshot(commitIndex, terms, ids, role == Role.LEADER, d.term);
    }

    @Override
    public void onStopped() {
        rejectQueue("node crashed");
    }
}
