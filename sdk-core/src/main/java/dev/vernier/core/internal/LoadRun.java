package dev.vernier.core.internal;

import dev.vernier.api.LoadModel;
import dev.vernier.api.NanoClock;
import dev.vernier.api.ProtocolSuite;
import dev.vernier.api.Transaction;
import dev.vernier.api.TxOutcome;
import dev.vernier.api.TxType;
import dev.vernier.core.event.IntervalHistograms;
import dev.vernier.core.event.IntervalSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.HdrHistogram.AbstractHistogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One continuous run of a load model against a suite: warm-up, then the measured iterations, then a
 * drain of at most one timeout. The calling thread is the ticker: it reaps timed-out transactions,
 * cuts snapshots, throughput intervals and iterations, and steers the step search. Sends are made by
 * one generator thread (open models) or one thread per client (closed model); completions are
 * recorded on whatever thread completes the suite's stage, into that thread's {@link Shard}.
 *
 * <p>Use once, from one thread. All threads it starts have ended (or, when stuck in the suite's
 * {@code submit}, have been interrupted and reported) when {@link #execute} returns.
 */
public final class LoadRun {

    private static final Logger LOG = LoggerFactory.getLogger(LoadRun.class);
    private static final long TICK_NANOS = 10_000_000L;
    private static final long SPIN_NANOS = 5_000L;
    private static final long JOIN_GRACE_NANOS = 200_000_000L;
    private static final int MAX_CAUSES = 64;

    private final ProtocolSuite suite;
    private final LoadPlan plan;
    private final NanoClock clock;
    private final Consumer<IntervalSnapshot> snapshots;
    private java.util.function.Supplier<double[]> resourceFigures = () -> null;
    private final ShardedRecorder recorder;
    private final TxType[] types;
    private final byte[][] payloads;
    private final LongAdder completed = new LongAdder();
    private final LongAdder lateCompletions = new LongAdder();
    private final AtomicLong sent = new AtomicLong();
    private final ConcurrentHashMap<String, LongAdder> causes = new ConcurrentHashMap<>();
    private Runnable onMeasuredStart = () -> { };
    private volatile boolean stopRequested;
    private volatile double requestedRate = Double.NaN;
    /** The rate the generator's schedule is at, published once per wake-up (ramps move it). */
    private volatile double scheduledRate = Double.NaN;

    /**
     * @param suite the system under test
     * @param plan what to run
     * @param clock the clock
     * @param snapshots receives a snapshot every snapshot interval, on the calling thread
     */
    public LoadRun(ProtocolSuite suite, LoadPlan plan, NanoClock clock, Consumer<IntervalSnapshot> snapshots) {
        this.suite = suite;
        this.plan = plan;
        this.clock = clock;
        this.snapshots = snapshots;
        this.recorder = new ShardedRecorder(plan.mix().types().size(), plan.highestTrackableNanos(),
                plan.lagThresholdNanos());
        List<TxType> list = plan.mix().types();
        this.types = list.toArray(new TxType[0]);
        this.payloads = new byte[types.length][];
        SplittableRandom random = new SplittableRandom(plan.seed() ^ 0x5DEECE66DL);
        for (int i = 0; i < types.length; i++) {
            payloads[i] = new byte[types[i].payloadBytes()];
            for (int j = 0; j < payloads[i].length; j++) {
                payloads[i][j] = (byte) random.nextInt(256);
            }
        }
    }

    /**
     * @param hook run on the calling thread when the first measured iteration starts (after warm-up),
     *     after the hooks added before it
     * @return this run
     */
    public LoadRun onMeasuredStart(Runnable hook) {
        Runnable before = this.onMeasuredStart;
        this.onMeasuredStart = () -> {
            before.run();
            hook.run();
        };
        return this;
    }

    /**
     * @param figures returns {process CPU %, heap used bytes} (NaN when absent) for snapshots, or null
     * @return this run
     */
    public LoadRun resourceFigures(java.util.function.Supplier<double[]> figures) {
        this.resourceFigures = figures;
        return this;
    }

    ShardedRecorder recorder() {
        return recorder;
    }

    /** @return how many recorder shards this run has created (tests of the memory bound) */
    public int shardCountForTest() {
        return recorder.shardCount();
    }

    NanoClock clock() {
        return clock;
    }

    void completed() {
        completed.increment();
    }

    void lateCompletion() {
        lateCompletions.increment();
    }

    void countCause(Object cause) {
        String key = cause instanceof Class<?> c ? c.getName() : String.valueOf(cause);
        LongAdder adder = causes.get(key);
        if (adder == null) {
            if (causes.size() >= MAX_CAUSES) {
                key = "other";
            }
            adder = causes.computeIfAbsent(key, k -> new LongAdder());
        }
        adder.increment();
    }

    private volatile Workers workers;

    /** Transactions sent and not yet completed, timed out or failed. */
    private long inFlight() {
        Workers w = workers;
        return w == null ? 0 : w.inFlight();
    }

    private long openInFlight() {
        return sent.get() - completed.sum();
    }

    /**
     * Runs the plan to the end.
     *
     * @return what was recorded
     * @throws CancellationException when the calling thread is interrupted (threads are stopped first)
     */
    public LoadOutput execute() {
        boolean open = plan.load().isOpen();
        long start = clock.nanoTime();
        long plannedEnd = start + plan.warmupNanos() + plan.iterations() * plan.iterationNanos();
        Workers workers = open ? startGenerator(start, plannedEnd) : startClients(start, plannedEnd);
        this.workers = workers;

        Bucket delta = recorder.newAggregate();
        Bucket snap = recorder.newAggregate();
        Bucket interval = recorder.newAggregate();
        Bucket segment = recorder.newAggregate();
        Bucket total = recorder.newAggregate();
        List<LoadOutput.Iteration> iterations = new ArrayList<>();
        List<LoadOutput.Interval> intervals = new ArrayList<>();

        int seg = plan.warmupNanos() > 0 ? -1 : 0;
        long segStart = start;
        long segEnd = seg < 0 ? start + plan.warmupNanos() : start + plan.iterationNanos();
        long segStartCompleted = 0;
        long lastSnap = start;
        long nextSnap = start + plan.snapshotNanos();
        long intervalStart = start;
        long intervalEnd = seg < 0 ? Long.MAX_VALUE : start + plan.intervalNanos();
        double rate = initialRate();
        boolean cancelled = false;
        if (seg == 0) {
            onMeasuredStart.run();
        }

        while (true) {
            long now = clock.nanoTime();
            if (open) {
                workers.reap(now, false);
            }
            boolean segDone = now >= segEnd || (seg >= 0 && plan.latencySamples() > 0
                    && completed.sum() - segStartCompleted >= plan.latencySamples());
            boolean snapDue = now >= nextSnap;
            boolean intervalDue = seg >= 0 && now >= intervalEnd;
            if (segDone || snapDue || intervalDue) {
                delta.reset();
                recorder.harvestInto(delta);
                snap.add(delta);
                if (seg >= 0) {
                    interval.add(delta);
                    segment.add(delta);
                }
                if (snapDue || segDone) {
                    emitSnapshot(snap, seg, now - start, now - lastSnap, rate);
                    snap.reset();
                    lastSnap = now;
                    nextSnap = now + plan.snapshotNanos();
                }
                if (plan.load() instanceof LoadModel.LinearRamp && scheduledRate == scheduledRate) {
                    rate = scheduledRate;
                }
                if (seg >= 0 && (intervalDue || segDone)) {
                    intervals.add(new LoadOutput.Interval(seg, intervalStart - segStart, now - intervalStart,
                            open ? rate : Double.NaN, Summaries.copyOf(interval)));
                    rate = steer(interval, rate);
                    interval.reset();
                    intervalStart = now;
                    intervalEnd = now + plan.intervalNanos();
                }
                if (segDone) {
                    if (seg >= 0) {
                        iterations.add(new LoadOutput.Iteration(seg, now - segStart,
                                segment.count(OutcomeKind.COMMITTED), segment));
                        total.add(segment);
                        segment = recorder.newAggregate();
                    }
                    seg++;
                    if (seg >= plan.iterations()) {
                        break;
                    }
                    if (seg == 0) {
                        onMeasuredStart.run();
                    }
                    segStart = now;
                    segEnd = now + plan.iterationNanos();
                    segStartCompleted = completed.sum();
                    intervalStart = now;
                    intervalEnd = now + plan.intervalNanos();
                }
            }
            long wait = Math.min(TICK_NANOS, Math.min(segEnd, Math.min(nextSnap, intervalEnd)) - clock.nanoTime());
            if (wait > 0) {
                LockSupport.parkNanos(this, wait);
            }
            if (Thread.interrupted()) {
                cancelled = true;
                break;
            }
        }

        stopRequested = true;
        long drainDeadline = clock.nanoTime() + (cancelled ? 0 : plan.timeoutNanos());
        while (inFlight() > 0 && clock.nanoTime() < drainDeadline) {
            if (open) {
                workers.reap(clock.nanoTime(), false);
            }
            LockSupport.parkNanos(this, 1_000_000L);
            if (Thread.interrupted()) {
                cancelled = true;
                break;
            }
        }
        // join first: a sender that passed its stop check still registers what it sends, then the
        // final reap gives every transaction left open its outcome
        List<String> stuck = workers.join();
        long timedOutAtEnd = workers.reap(clock.nanoTime(), true);

        delta.reset();
        recorder.harvestInto(delta);
        if (!iterations.isEmpty()) {
            iterations.get(iterations.size() - 1).bucket().add(delta);
        }
        total.add(delta);
        if (cancelled) {
            Thread.currentThread().interrupt();
            throw new CancellationException("load run cancelled by interrupt after " + iterations.size()
                    + " iteration(s)");
        }
        Map<String, Long> causeCounts = new TreeMap<>();
        causes.forEach((k, v) -> causeCounts.put(k, v.sum()));
        return new LoadOutput(plan, iterations, intervals, total, workers.intendedSends(), lateCompletions.sum(),
                timedOutAtEnd, causeCounts, stuck);
    }

    private double initialRate() {
        LoadModel load = plan.load();
        if (load instanceof LoadModel.ConstantRate c) {
            return c.opsPerSecond();
        } else if (load instanceof LoadModel.LinearRamp r) {
            return r.fromOpsPerSecond();
        } else if (load instanceof LoadModel.StepSearch s) {
            return s.initialOpsPerSecond();
        }
        return Double.NaN;
    }

    /** Step search: raise above the success threshold, lower below the other, else hold. */
    private double steer(Bucket interval, double rate) {
        if (!(plan.load() instanceof LoadModel.StepSearch s)) {
            return rate;
        }
        if (Summaries.offered(interval) == 0) {
            return rate; // nothing was offered (a parked generator at a low rate): no evidence either way
        }
        double success = Summaries.successRate(interval);
        double next = rate;
        if (success > s.raiseAbove()) {
            next = Math.min(s.maxOpsPerSecond(), rate + s.incrementOpsPerSecond());
        } else if (success < s.lowerBelow()) {
            next = Math.max(1.0, rate - s.incrementOpsPerSecond());
        }
        if (next != rate) {
            requestedRate = next;
        }
        return next;
    }

    private void emitSnapshot(Bucket b, int seg, long elapsed, long length, double rate) {
        if (snapshots == null) {
            return;
        }
        long outcomes = b.totalOutcomes();
        long committed = b.count(OutcomeKind.COMMITTED);
        double seconds = length / 1e9;
        AbstractHistogram latency = b.latency();
        boolean none = latency.getTotalCount() == 0;
        IntervalSnapshot s = new IntervalSnapshot(suite.name(), plan.scenario(), plan.phase(), seg < 0, seg,
                elapsed / 1e9, seconds, rate, seconds > 0 ? committed / seconds : 0,
                Summaries.offered(b) == 0 ? Double.NaN : Summaries.successRate(b), outcomes - committed,
                Math.max(0, inFlight()), none ? Double.NaN : Summaries.ms(latency.getValueAtPercentile(50)),
                none ? Double.NaN : Summaries.ms(latency.getValueAtPercentile(95)),
                none ? Double.NaN : Summaries.ms(latency.getValueAtPercentile(99)),
                none ? Double.NaN : Summaries.ms(latency.getMaxValue()), b.lag().getValueAtPercentile(99) / 1e3,
                figure(0), figure(1), histograms(b));
        try {
            snapshots.accept(s);
        } catch (RuntimeException e) {
            LOG.warn("snapshot listener failed: {}", e.toString());
        }
    }

    /** Copies of the snapshot's histograms for interval logs (once per snapshot, on this thread). */
    private IntervalHistograms histograms(Bucket b) {
        Map<String, AbstractHistogram> byType = new LinkedHashMap<>();
        for (int i = 0; i < types.length; i++) {
            byType.put(types[i].name(), b.latencyOfType(i));
        }
        Map<String, AbstractHistogram> byStage = new LinkedHashMap<>();
        for (int i = 0; i < Bucket.STAGES.length; i++) {
            byStage.put(Bucket.STAGES[i], b.stage(i));
        }
        return IntervalHistograms.copyOf(b.latency(), byType, byStage);
    }

    /** For tests: a generator that is driven by calling {@code pump} instead of by its thread. */
    Generator newGenerator(long start, long end) {
        return new Generator(start, end);
    }

    private Double figure(int i) {
        double[] f = resourceFigures.get();
        return f == null || Double.isNaN(f[i]) ? null : f[i];
    }

    private Workers startGenerator(long start, long end) {
        Generator g = new Generator(start, end);
        Thread t = new Thread(g, "vernier-generator-" + suite.name());
        t.setDaemon(true);
        g.thread = t;
        t.start();
        return g;
    }

    private Workers startClients(long start, long end) {
        LoadModel.Closed closed = (LoadModel.Closed) plan.load();
        Clients clients = new Clients(closed, end);
        clients.start();
        return clients;
    }

    private Transaction newTransaction(long id, int type, long intended) {
        return new Transaction(id, type, types[type], payloads[type], intended);
    }

    /** Starts the stage and registers the callback; counts a throwing or null submit. */
    private void submit(Transaction tx, Pending p) {
        CompletionStage<TxOutcome> stage;
        try {
            stage = suite.submit(tx);
        } catch (Throwable t) {
            p.submitFailed(t);
            return;
        }
        if (stage == null) {
            p.submitFailed(new NullPointerException("submit returned null"));
            return;
        }
        if (stage.getClass() == CompletableFuture.class) {
            // (exactly CompletableFuture: its minimal-stage subclass refuses isDone and getNow)
            CompletableFuture<TxOutcome> done = (CompletableFuture<TxOutcome>) stage;
            if (done.isDone()) {
                // already complete (an in-memory system, a cache hit): record here, no callback to allocate
                TxOutcome outcome;
                try {
                    outcome = done.getNow(null);
                } catch (CancellationException | CompletionException e) {
                    p.accept(null, e);
                    return;
                }
                p.accept(outcome, null);
                return;
            }
        }
        try {
            stage.whenComplete(p);
        } catch (Throwable t) {
            // a stage that cannot take a callback must not end the sending thread
            p.submitFailed(t);
        }
    }

    /** The threads that send. */
    private interface Workers {
        /** Times out overdue transactions (all open ones when {@code all}); returns how many. */
        long reap(long now, boolean all);

        /** Waits briefly for the threads; returns the names of those stuck. */
        List<String> join();

        long intendedSends();

        /** @return transactions in flight now */
        long inFlight();
    }

    /** Open model: one thread that sends at intended times and never waits for completions. */
    final class Generator implements Runnable, Workers {
        private final long start;
        private final long end;
        private final RateSchedule schedule;
        private final SplittableRandom random = new SplittableRandom(plan.seed());
        private final Pending head = new Pending(LoadRun.this, 0, 0, 0);
        private Pending tail = head;
        private volatile long index;
        private double rateSeen = Double.NaN;
        Thread thread;

        Generator(long start, long end) {
            this.start = start;
            this.end = end;
            LoadModel load = plan.load();
            if (load instanceof LoadModel.LinearRamp r) {
                this.schedule = RateSchedule.ramp(r.fromOpsPerSecond(), r.toOpsPerSecond(), plan.warmupNanos(),
                        plan.iterations() * plan.iterationNanos());
            } else {
                this.schedule = RateSchedule.constant(initialRate());
            }
            head.markSentinel();
        }

        @Override
        public void run() {
            try {
                while (!stopRequested) {
                    long next = pump(clock.nanoTime());
                    if (next == Long.MAX_VALUE) {
                        break;
                    }
                    long wait = next - clock.nanoTime();
                    if (wait > SPIN_NANOS) {
                        LockSupport.parkNanos(this, wait);
                    } else {
                        Thread.onSpinWait();
                    }
                }
            } catch (Throwable t) {
                LOG.error("generator of {} failed", suite.name(), t);
            }
        }

        /** Sends every transaction whose intended time has come; returns the next intended time. */
        long pump(long now) {
            double requested = requestedRate;
            if (requested == requested && requested != rateSeen && schedule instanceof RateSchedule.Stepped s) {
                s.changeRate(requested, index);
                rateSeen = requested;
            }
            long i = index;
            while (!stopRequested) {
                long intended = start + schedule.offsetNanos(i);
                if (intended >= end) {
                    index = i;
                    return Long.MAX_VALUE;
                }
                if (intended > now) {
                    index = i;
                    scheduledRate = schedule.currentRate();
                    return intended;
                }
                int type = types.length == 1 ? 0 : plan.mix().pick(random.nextDouble());
                Shard shard = recorder.shard();
                if (openInFlight() >= plan.maxInFlight()) {
                    shard.recordRefused(type, now - intended);
                } else {
                    shard.recordLag(now - intended);
                    Pending p = new Pending(LoadRun.this, type, intended, now);
                    tail.next = p;
                    tail = p;
                    sent.setRelease(sent.getPlain() + 1);
                    submit(newTransaction(i, type, intended), p);
                }
                i++;
                now = clock.nanoTime();
            }
            index = i;
            return Long.MAX_VALUE;
        }

        @Override
        public long reap(long now, boolean all) {
            long count = 0;
            long deadline = now - plan.timeoutNanos();
            Pending prev = head;
            Pending cur = head.next;
            while (cur != null) {
                Pending next = cur.next;
                if (!cur.isDone() && (all || cur.intended <= deadline) && cur.timeOut()) {
                    count++;
                }
                if (cur.isDone() && next != null) {
                    prev.next = next;
                } else {
                    prev = cur;
                }
                cur = next;
            }
            return count;
        }

        @Override
        public List<String> join() {
            thread.interrupt();
            boolean interrupted = Thread.interrupted();
            try {
                thread.join(JOIN_GRACE_NANOS / 1_000_000);
            } catch (InterruptedException e) {
                interrupted = true;
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            if (thread.isAlive()) {
                LOG.warn("generator thread of {} is stuck in submit() and was left interrupted", suite.name());
                return List.of(thread.getName());
            }
            return List.of();
        }

        @Override
        public long intendedSends() {
            return index;
        }

        @Override
        public long inFlight() {
            return openInFlight();
        }
    }

    /** Closed model: one thread per client, each waiting for its transaction before the next. */
    private final class Clients implements Workers {
        private final LoadModel.Closed model;
        private final long end;
        private final Client[] clients;

        Clients(LoadModel.Closed model, long end) {
            this.model = model;
            this.end = end;
            this.clients = new Client[model.clients()];
            SplittableRandom root = new SplittableRandom(plan.seed());
            for (int i = 0; i < clients.length; i++) {
                clients[i] = new Client(i, root.split());
            }
        }

        void start() {
            for (Client c : clients) {
                c.thread = new Thread(c, "vernier-client-" + suite.name() + "-" + c.id);
                c.thread.setDaemon(true);
                c.thread.start();
            }
        }

        @Override
        public long reap(long now, boolean all) {
            long count = 0;
            if (all) {
                for (Client c : clients) {
                    Pending p = c.current;
                    if (p != null && p.timeOut()) {
                        count++;
                    }
                }
            }
            return count;
        }

        @Override
        public List<String> join() {
            List<String> stuck = new ArrayList<>();
            long deadline = System.nanoTime() + JOIN_GRACE_NANOS;
            for (Client c : clients) {
                c.thread.interrupt();
            }
            boolean interrupted = Thread.interrupted();
            for (Client c : clients) {
                try {
                    c.thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                } catch (InterruptedException e) {
                    interrupted = true;
                }
                if (c.thread.isAlive()) {
                    stuck.add(c.thread.getName());
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            if (!stuck.isEmpty()) {
                LOG.warn("{} client thread(s) of {} are stuck in submit() and were left interrupted", stuck.size(),
                        suite.name());
            }
            return stuck;
        }

        @Override
        public long intendedSends() {
            return 0;
        }

        @Override
        public long inFlight() {
            long n = 0;
            for (Client c : clients) {
                Pending p = c.current;
                if (p != null && !p.isDone()) {
                    n++;
                }
            }
            return n;
        }

        private final class Client implements Runnable {
            final int id;
            final SplittableRandom random;
            volatile Pending current;
            Thread thread;

            Client(int id, SplittableRandom random) {
                this.id = id;
                this.random = random;
            }

            @Override
            public void run() {
                long think = model.thinkTime().toNanos();
                long n = 0;
                long now = clock.nanoTime();
                try {
                    while (!stopRequested) {
                        if (now >= end) {
                            return;
                        }
                        int type = types.length == 1 ? 0 : plan.mix().pick(random.nextDouble());
                        Pending p = new Pending(LoadRun.this, type, now, now);
                        p.waiter = Thread.currentThread();
                        current = p;
                        submit(newTransaction(n++ * clients.length + id, type, now), p);
                        long deadline = now + plan.timeoutNanos();
                        while (!p.isDone()) {
                            long remaining = deadline - clock.nanoTime();
                            if (remaining <= 0) {
                                p.timeOut();
                                break;
                            }
                            LockSupport.parkNanos(this, remaining);
                            if (Thread.currentThread().isInterrupted()) {
                                return;
                            }
                        }
                        current = null;
                        if (think > 0) {
                            LockSupport.parkNanos(this, think);
                            if (Thread.currentThread().isInterrupted()) {
                                return;
                            }
                        }
                        // the completion time is the next start: one clock read per transaction
                        long completedAt = p.completedAt;
                        now = think == 0 && completedAt != Long.MIN_VALUE ? completedAt : clock.nanoTime();
                    }
                } catch (Throwable t) {
                    LOG.error("client {} of {} failed", id, suite.name(), t);
                }
            }
        }
    }
}
