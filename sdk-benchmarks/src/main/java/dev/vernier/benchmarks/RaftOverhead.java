package dev.vernier.benchmarks;

import dev.vernier.api.LoadModel;
import dev.vernier.api.NanoClock;
import dev.vernier.api.Phase;
import dev.vernier.api.Scenario;
import dev.vernier.api.SuiteContext;
import dev.vernier.api.Transaction;
import dev.vernier.api.TransactionMix;
import dev.vernier.api.TxOutcome;
import dev.vernier.api.TxType;
import dev.vernier.core.Vernier;
import dev.vernier.examples.raft.RaftSuite;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The in-process 3-node Raft example at its capacity, driven two ways with the same number of
 * threads, alternating A and B: Vernier's closed model (N clients) and a bare hand-written client
 * loop (N threads, each submitting and waiting for the answer). Prints each run and the ratio of
 * every A/B pair.
 *
 * <p>Usage: {@code java -cp sdk-benchmarks/target/benchmarks.jar dev.vernier.benchmarks.RaftOverhead [seconds] [pairs] [clients]}
 */
public final class RaftOverhead {

    private RaftOverhead() {
    }

    /** N threads: submit, wait for the answer, count commits. */
    static double bare(RaftSuite raft, int clients, long nanos) throws InterruptedException {
        TxType type = TransactionMix.single("put", 128).types().get(0);
        byte[] payload = new byte[type.payloadBytes()];
        AtomicLong committed = new AtomicLong();
        AtomicLong ids = new AtomicLong(1L << 40);
        CountDownLatch done = new CountDownLatch(clients);
        long start = System.nanoTime();
        long end = start + nanos;
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Thread t = new Thread(() -> {
                long n = 0;
                long now = System.nanoTime();
                while (now < end) {
                    Transaction tx = new Transaction(ids.getAndIncrement(), 0, type, payload, now);
                    TxOutcome o = raft.submit(tx).toCompletableFuture().join();
                    if (o.isCommitted()) {
                        n++;
                    }
                    now = System.nanoTime();
                }
                committed.addAndGet(n);
                done.countDown();
            });
            threads.add(t);
            t.start();
        }
        done.await();
        return committed.get() / ((System.nanoTime() - start) / 1e9);
    }

    static double vernier(Vernier v, RaftSuite raft, int clients, Duration duration) {
        Scenario s = Scenario.builder("raft-closed").load(LoadModel.closed(clients)).phases(Phase.THROUGHPUT)
                .warmup(Duration.ZERO).duration(duration).throughputInterval(duration)
                .mix(TransactionMix.single("put", 128)).timeout(Duration.ofSeconds(2)).build();
        return v.measure(raft, s).throughput().outcomes().committed() / (duration.toNanos() / 1e9);
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int pairs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        System.out.printf(Locale.ROOT, "cores=%d java=%s clients=%d seconds=%d%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), clients, seconds);
        try (RaftSuite raft = RaftSuite.builder().nodes(3).seed(7).maxBatchSize(64).pipelining(true).build();
             Vernier v = Vernier.builder().build()) {
            raft.setup(new SuiteContext(7, NanoClock.system(), "raft-overhead"));
            // warm both paths up
            bare(raft, clients, 3_000_000_000L);
            vernier(v, raft, clients, Duration.ofSeconds(3));
            double sum = 0;
            for (int p = 1; p <= pairs; p++) {
                // alternate which goes first, so drift in the machine hits both alike
                double a;
                double b;
                if (p % 2 == 1) {
                    a = vernier(v, raft, clients, Duration.ofSeconds(seconds));
                    b = bare(raft, clients, seconds * 1_000_000_000L);
                } else {
                    b = bare(raft, clients, seconds * 1_000_000_000L);
                    a = vernier(v, raft, clients, Duration.ofSeconds(seconds));
                }
                sum += a / b;
                System.out.printf(Locale.ROOT, "pair %d: vernier closed(%d) %.0f ops/s, bare loop %.0f ops/s, ratio %.3f%n",
                        p, clients, a, b, a / b);
            }
            System.out.printf(Locale.ROOT, "mean ratio %.3f over %d pairs%n", sum / pairs, pairs);
            raft.teardown();
        }
    }
}
