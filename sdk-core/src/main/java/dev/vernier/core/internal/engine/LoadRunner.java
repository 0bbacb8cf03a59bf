package dev.vernier.core.internal.engine;

import dev.vernier.api.LoadModel;
import dev.vernier.api.NanoClock;
import dev.vernier.core.event.IntervalHistograms;
import dev.vernier.core.event.IntervalSnapshot;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.HdrHistogram.AbstractHistogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One continuous run of a load model against a suite: warm-up, the measured iterations, a drain of
 * at most one timeout, then the accounting. The calling thread is the ticker: it reaps timeouts,
 * harvests the recorder, cuts snapshots, throughput intervals and iterations ({@link Windows}) and
 * steers the step search ({@link StepSearchController}). Sends are made by the
 * {@link OpenGenerator} or the {@link ClosedClients}; completions are recorded by whatever thread
 * completes the suite's stage, through {@link TxRecorder}.
 *
 * <p>Use once, from one thread. All threads it starts have ended (or, stuck in the suite's
 * {@code submit}, have been interrupted and reported) when {@link #execute} returns.
 */
public final class LoadRunner {

    private static final Logger LOG = LoggerFactory.getLogger(LoadRunner.class);
    private static final long TICK_NANOS = 10_000_000L;
    /** Consecutive ticks on which the clock did not move before the run gives up on it. */
    private static final int FROZEN_TICKS = 100;

    private final LoadPlan plan;
    private final LoadContext context;
    private final NanoClock clock;
    private final TxRecorder recorder;
    private LoadGenerator generator;

    /**
     * @param plan what to run
     * @param context the suite, clock, threads and listeners
     */
    public LoadRunner(LoadPlan plan, LoadContext context) {
        this.plan = plan;
        this.context = context;
        this.clock = context.clock();
        this.recorder = new TxRecorder(plan.mix().types().size(), plan.highestTrackableNanos(), clock,
                plan.load().isOpen());
    }

    /**
     * Runs the plan to the end (or to an abort).
     *
     * @return what was recorded
     * @throws CancellationException when the calling thread is interrupted (threads are stopped first)
     */
    public LoadOutput execute() {
        long start = clock.nanoTime();
        boolean open = plan.load().isOpen();
        generator = open ? new OpenGenerator(plan, context, recorder, start)
                : new ClosedClients(plan, context, recorder, start);
        context.control().ticker(Thread.currentThread());
        Windows w = new Windows(plan, start, recorder);
        StepSearchController steer = plan.load() instanceof LoadModel.StepSearch s ? new StepSearchController(s) : null;
        Tally delta = recorder.newAggregate();
        generator.start();
        if (!w.warmingUp()) {
            context.onMeasuredStart().run();
        }
        double rate = OpenGenerator.initialRate(plan.load());
        long inFlightAtInterval = 0;
        boolean cancelled = false;
        String endedEarly = null;
        FrozenClock frozen = new FrozenClock(clock);
        while (true) {
            long now = clock.nanoTime();
            if (frozen.stuck(now)) {
                endedEarly = "the injected clock did not move for " + FROZEN_TICKS + " ticks (it read " + now + " ns)";
                LOG.error("{}: {}", plan.scenario(), endedEarly);
                context.control().abort(endedEarly);
            } else if (context.control().aborted()) {
                endedEarly = "aborted: " + context.control().abortReason();
            }
            if (endedEarly != null) {
                harvest(delta, w);
                w.endNow(now);
                break;
            }
            generator.reap(now, false);
            // every tick the shards are harvested (their commit buffers emptied) into the pending
            // tally; it is folded into the periods only when one of them ends
            recorder.harvestInto(delta);
            boolean iterationDue = w.iterationDue(now, delta);
            if (iterationDue || w.snapshotDue(now) || w.intervalDue(now)) {
                fold(delta, w);
            }
            if (w.snapshotDue(now) || iterationDue) {
                snapshot(w, now, rate);
            }
            if (generator instanceof OpenGenerator g && plan.load() instanceof LoadModel.LinearRamp) {
                rate = g.scheduledRate();
            }
            if (w.intervalDue(now) || (iterationDue && !w.warmingUp())) {
                long inFlight = generator.inFlight();
                double next = steer != null ? steer.next(rate, w.interval, inFlight - inFlightAtInterval) : rate;
                w.cutInterval(now, open ? rate : Double.NaN);
                if (next != rate && generator instanceof OpenGenerator g) {
                    g.requestRate(next);
                    rate = next;
                }
                inFlightAtInterval = inFlight;
            }
            if (iterationDue) {
                boolean measuringStarts = w.warmingUp();
                if (w.cutIteration(now)) {
                    break;
                }
                if (measuringStarts) {
                    context.onMeasuredStart().run();
                }
            }
            clock.parkUntil(Math.min(now + TICK_NANOS, w.nextBoundary()));
            if (Thread.interrupted()) {
                cancelled = true;
                w.endNow(clock.nanoTime());
                break;
            }
        }
        return finish(w, delta, start, cancelled, endedEarly);
    }

    private void harvest(Tally delta, Windows w) {
        recorder.harvestInto(delta);
        fold(delta, w);
    }

    private static void fold(Tally delta, Windows w) {
        w.add(delta);
        delta.reset();
    }

    /** Drains, stops the senders, gives up what is left and does the accounting. */
    private LoadOutput finish(Windows w, Tally delta, long start, boolean cancelled, String endedEarly) {
        long windowEnd = w.windowEnd();
        generator.endWindow(windowEnd);
        boolean now = cancelled || endedEarly != null;
        if (now) {
            generator.halt();
        }
        // the drain: senders that fell behind still make the sends due before the end (late), and
        // what is in flight gets up to one timeout to complete
        long drainUntil = clock.nanoTime() + (now ? 0 : plan.timeoutNanos());
        FrozenClock frozen = new FrozenClock(clock);
        while ((generator.inFlight() > 0 || !generator.doneSending()) && clock.nanoTime() - drainUntil < 0
                && !frozen.stuck(clock.nanoTime())) {
            generator.reap(clock.nanoTime(), false);
            recorder.harvestInto(delta);
            clock.parkUntil(Math.min(drainUntil, clock.nanoTime() + 1_000_000L));
            if (Thread.interrupted()) {
                cancelled = true;
                break;
            }
        }
        // halt and join first: a sender that passed its stop check still registers what it sends,
        // then the final give-up gives every transaction left open its outcome
        generator.halt();
        List<String> stuck = generator.join();
        long giveUp = clock.nanoTime();
        long timedOutAtEnd = generator.reap(giveUp, true);
        OpenGenerator open = generator instanceof OpenGenerator g ? g : null;
        if (open != null) {
            open.accountNotSent(giveUp);
        }
        recorder.harvestInto(delta);
        w.drained(delta);
        if (delta.totalOutcomes() + delta.warmupOutcomes() > 0 && !cancelled) {
            // what ended in the drain gets a last snapshot, so interval logs add up to the result
            w.snap.reset();
            w.snap.add(delta);
            snapshot(w, clock.nanoTime(), OpenGenerator.initialRate(plan.load()));
        }
        if (cancelled) {
            Thread.currentThread().interrupt();
            throw new CancellationException("load run cancelled by interrupt after " + w.iterations.size()
                    + " iteration(s)");
        }
        LoadOutput.Senders senders = open != null
                ? new LoadOutput.Senders(true, open.submits.maxNanos, open.submits.slowCalls, open.submits.slowNanos,
                        !stuck.isEmpty(), 0, 0)
                : new LoadOutput.Senders(false, 0, 0, 0, !stuck.isEmpty(), ((ClosedClients) generator).clients(),
                        ((ClosedClients) generator).cpuNanos());
        LoadOutput out = new LoadOutput(plan, w.iterations, w.intervals, w.total, generator.scheduled(),
                recorder.lateCompletions(), timedOutAtEnd, recorder.causes(), stuck, senders,
                windowEnd - start, endedEarly);
        if (!out.accountingHolds()) {
            LOG.error("{} {}: accounting does not add up: scheduled {} but outcomes {}", plan.scenario(), plan.phase(),
                    out.scheduled(), out.total().outcomes());
        }
        return out;
    }

    private void snapshot(Windows w, long now, double rate) {
        Tally b = w.snap;
        boolean warmup = w.warmingUp();
        long committed = warmup ? b.warmupCount(OutcomeKind.COMMITTED) : b.count(OutcomeKind.COMMITTED);
        long ended = warmup ? b.warmupOutcomes() : b.totalOutcomes();
        double seconds = (now - w.lastSnap) / 1e9;
        AbstractHistogram latency = warmup ? b.warmupLatency() : b.latency();
        boolean none = latency.getTotalCount() == 0;
        double[] figures = context.resourceFigures().get();
        IntervalSnapshot s = new IntervalSnapshot(context.suite().name(), plan.scenario(), plan.phase(), warmup,
                w.index, w.elapsedNanos(now) / 1e9, seconds, rate,
                seconds > 0 ? committed / seconds : 0, ended == 0 ? Double.NaN : (double) committed / ended,
                ended - committed, generator.inFlight(), none ? Double.NaN : latency.getValueAtPercentile(50) / 1e6,
                none ? Double.NaN : latency.getValueAtPercentile(95) / 1e6,
                none ? Double.NaN : latency.getValueAtPercentile(99) / 1e6,
                none ? Double.NaN : latency.getMaxValue() / 1e6, b.lag().getValueAtPercentile(99) / 1e3,
                figure(figures, 0), figure(figures, 1), histograms(b, warmup));
        w.snapshotTaken(now, warmup);
        try {
            context.snapshots().accept(s);
        } catch (RuntimeException e) {
            LOG.warn("snapshot sink failed: {}", e.toString());
        }
    }

    /**
     * Copies of the snapshot's histograms for interval logs and exact merges (once per snapshot, on
     * the ticker): the same histograms the phase's result merges, so the logged intervals add up to it.
     */
    private IntervalHistograms histograms(Tally b, boolean warmup) {
        if (warmup) {
            return IntervalHistograms.copyOf(b.warmupLatency(), Map.of(), Map.of());
        }
        Map<String, AbstractHistogram> byType = new LinkedHashMap<>();
        List<dev.vernier.api.TxType> types = plan.mix().types();
        for (int i = 0; i < types.size(); i++) {
            byType.put(types.get(i).name(), b.latencyOfType(i));
        }
        Map<String, AbstractHistogram> byStage = new LinkedHashMap<>();
        for (int i = 0; i < Tally.STAGES.length; i++) {
            byStage.put(Tally.STAGES[i], b.stage(i));
        }
        return IntervalHistograms.copyOf(b.latency(), byType, byStage);
    }

    private static Double figure(double[] f, int i) {
        return f == null || Double.isNaN(f[i]) ? null : f[i];
    }

    /** @return the recorder (tests of the memory bound) */
    public TxRecorder recorder() {
        return recorder;
    }

    /** Says when the clock has read the same value for too many ticks in a row. */
    private static final class FrozenClock {
        private final NanoClock clock;
        private long last;
        private int same;

        FrozenClock(NanoClock clock) {
            this.clock = clock;
            this.last = clock.nanoTime();
        }

        boolean stuck(long now) {
            if (now != last) {
                last = now;
                same = 0;
                return false;
            }
            return ++same > FROZEN_TICKS;
        }
    }
}
