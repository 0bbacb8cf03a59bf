package dev.vernier.examples.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vernier.examples.cluster.ApplyListener;
import dev.vernier.examples.cluster.Cluster;
import dev.vernier.examples.cluster.DiskConfig;
import dev.vernier.examples.cluster.NetworkConfig;
import dev.vernier.examples.cluster.NodeContext;
import dev.vernier.examples.cluster.NodeProcess;
import dev.vernier.examples.raft.RaftMessage.AppendEntries;
import dev.vernier.examples.raft.RaftMessage.AppendReply;
import dev.vernier.examples.raft.RaftMessage.Request;
import dev.vernier.examples.raft.RaftMessage.RequestVote;
import dev.vernier.examples.raft.RaftMessage.VoteReply;
import dev.vernier.testkit.Poll;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A pipelining leader must cope with appends that arrive out of order (Raft assumes a network that
 * may reorder): a follower rejects the appends behind a gap, and those rejections, and the answers
 * to appends sent before the leader rewound, are stale once it has rewound. A real RaftNode leads two
 * scripted followers that swap every pair of appends they receive, so the order in which they see
 * them is fixed by the script, not by timing. Before the leader told stale answers apart, every one
 * of them rewound the window again and freed slots of the new window: 400 entries then took tens of
 * thousands of appends and did not commit within the time limit.
 */
class RaftStaleReplyTest {

    private static final int ENTRIES = 400;
    private static final RaftSettings PIPELINED = new RaftSettings(1, true, 8, 50, 300);

    /** A follower with a correct log that processes each pair of appends in reverse order. */
    private static final class SwappingFollower implements NodeProcess<RaftMessage> {
        final NodeContext<RaftMessage> ctx;
        final List<Long> terms = new ArrayList<>();
        final AtomicLong appendsReceived;
        AppendEntries held;

        SwappingFollower(NodeContext<RaftMessage> ctx, AtomicLong appendsReceived) {
            this.ctx = ctx;
            this.appendsReceived = appendsReceived;
        }

        @Override
        public void start() {
        }

        @Override
        public void onTick(long nowNanos) {
        }

        @Override
        public void onMessage(String from, RaftMessage message) {
            if (message instanceof RequestVote v) {
                ctx.send(from, new VoteReply(v.term(), true));
            } else if (message instanceof AppendEntries a) {
                if (a.heartbeat()) {
                    flushHeld(from);
                    answer(from, a);
                } else {
                    appendsReceived.incrementAndGet();
                    if (held == null) {
                        held = a;
                    } else {
                        answer(from, a);
                        flushHeld(from);
                    }
                }
            }
        }

        private void flushHeld(String from) {
            if (held != null) {
                AppendEntries h = held;
                held = null;
                answer(from, h);
            }
        }

        private void answer(String leader, AppendEntries a) {
            if (a.prevIndex() > terms.size()) {
                ctx.send(leader, new AppendReply(a.term(), false, 0, terms.size() + 1, a.heartbeat(), a.epoch()));
                return;
            }
            long index = a.prevIndex();
            for (RaftMessage.Entry e : a.entries()) {
                index++;
                if (index <= terms.size()) {
                    terms.set((int) index - 1, e.term());
                } else {
                    terms.add(e.term());
                }
            }
            ctx.send(leader, new AppendReply(a.term(), true, a.prevIndex() + a.entries().size(), 0, a.heartbeat(), a.epoch()));
        }
    }

    private static final class TestHost implements RaftNode.Host {
        final CountDownLatch elected = new CountDownLatch(1);
        final AtomicInteger committed = new AtomicInteger();
        final AtomicInteger rejected = new AtomicInteger();

        @Override
        public RaftSettings settings() {
            return PIPELINED;
        }

        @Override
        public long clockNanos() {
            return System.nanoTime();
        }

        @Override
        public ApplyListener applyListener() {
            return ApplyListener.NONE;
        }

        @Override
        public void completed(List<Long> requestIds, long agreedNanos, long appliedNanos) {
            committed.addAndGet(requestIds.size());
        }

        @Override
        public void rejected(List<Request> requests, String reason) {
            rejected.addAndGet(requests.size());
        }

        @Override
        public void leaderElected(String nodeId, long term) {
            elected.countDown();
        }
    }

    private static NodeProcess<RaftMessage> node(NodeContext<RaftMessage> ctx, TestHost host, AtomicLong appends) {
        return ctx.id().equals("n1") ? new RaftNode(ctx, host) : new SwappingFollower(ctx, appends);
    }

    @Test
    void answersToAppendsSentBeforeARewindNeitherRewindAgainNorFreeSlotsOfTheNewWindow() throws Exception {
        TestHost host = new TestHost();
        AtomicLong appends = new AtomicLong();
        try (Cluster<RaftMessage, NodeProcess<RaftMessage>> cluster = new Cluster<RaftMessage, NodeProcess<RaftMessage>>("raft-stale", 3,
                NetworkConfig.defaults(), DiskConfig.free(), 13, 5_000,
                ctx -> node(ctx, host, appends))) {
            cluster.start();
            assertTrue(host.elected.await(10, TimeUnit.SECONDS), "n1 is elected by the scripted followers");
            for (int i = 1; i <= ENTRIES; i++) {
                List<Request> one = List.of(new Request(i, "k" + i, new byte[16]));
                cluster.execute("n1", n -> ((RaftNode) n).route(one, 0));
            }
            // waits for a condition; the order of events is fixed by the followers
            Poll.until(() -> host.committed.get() >= ENTRIES, Duration.ofSeconds(20));
            assertEquals(0, host.rejected.get(), "no request rejected");
            assertEquals(ENTRIES, host.committed.get(), "every entry commits; appends so far " + appends.get());
            // each swapped pair costs at most one rewound window (8 appends) per follower
            assertTrue(appends.get() <= 2L * 10 * ENTRIES, appends.get() + " appends for " + ENTRIES + " entries");
        }
    }
}
