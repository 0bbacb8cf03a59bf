package dev.vernier.core.internal.engine;

import dev.vernier.api.LoadModel;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open model: one thread that sends every transaction at its intended time from the
 * {@link RateSchedule} and never waits for completions. When it falls behind it sends the overdue
 * transactions at once with their own intended times, never more than the schedule says by now.
 *
 * <p>What it counts for the accounting: every index of the schedule it dispatched (sent or refused
 * by the in-flight cap), published as {@link #dispatched()}; the run derives what was due but never
 * sent from the schedule. A refused transaction's latency is a lower bound taken when the cap has
 * room again (or when the run gives up), the time a user would have waited for a slot at least.
 */
final class OpenGenerator extends LoadGenerator implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(OpenGenerator.class);

    private final RateSchedule schedule;
    private final InFlight inFlight;
    private final SplittableRandom random;
    private final long endOffsetCap;
    /** Next index to dispatch; published for the ticker. */
    private final AtomicLong dispatched = new AtomicLong();
    /** Transactions sent or refused (in-flight = issued - ended). */
    private long issued;
    /** First index of the measured window (fixed: the rate changes only after warm-up). */
    private final long measuredStartIndex;
    private final RefusedRun refused;
    final SubmitStats submits;
    private volatile double requestedRate = Double.NaN;
    private volatile double scheduledRate;
    private double rateSeen = Double.NaN;
    private Pending spare;
    /** The transaction being submitted now (a stuck submit keeps it here), for the final give-up. */
    private volatile Pending current;
    private Thread thread;
    private static final java.lang.invoke.VarHandle CURRENT;

    static {
        try {
            CURRENT = java.lang.invoke.MethodHandles.lookup().findVarHandle(OpenGenerator.class, "current",
                    Pending.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    OpenGenerator(LoadPlan plan, LoadContext context, TxRecorder recorder, long start) {
        super(plan, context, recorder, start);
        LoadModel load = plan.load();
        if (load instanceof LoadModel.LinearRamp r) {
            this.schedule = RateSchedule.ramp(r.fromOpsPerSecond(), r.toOpsPerSecond(), plan.warmupNanos(),
                    plan.iterations() * plan.iterationNanos());
        } else {
            this.schedule = RateSchedule.constant(initialRate(load));
        }
        this.scheduledRate = schedule.currentRate();
        this.inFlight = new InFlight(recorder);
        this.random = new SplittableRandom(plan.seed());
        this.endOffsetCap = plan.plannedEndOffsetNanos();
        this.measuredStartIndex = schedule.countBefore(plan.warmupNanos());
        this.refused = new RefusedRun(schedule, recorder, start, measuredStartIndex);
        this.submits = new SubmitStats(plan.lagThresholdNanos());
    }

    static double initialRate(LoadModel load) {
        if (load instanceof LoadModel.ConstantRate c) {
            return c.opsPerSecond();
        } else if (load instanceof LoadModel.LinearRamp r) {
            return r.fromOpsPerSecond();
        } else if (load instanceof LoadModel.StepSearch s) {
            return s.initialOpsPerSecond();
        }
        return Double.NaN;
    }

    @Override
    void start() {
        thread = context.newThread(this, "vernier-generator-" + suite.name());
        thread.start();
    }

    @Override
    public void run() {
        try {
            while (!stopping) {
                long next = pump(context.clock().nanoTime());
                if (next == Long.MAX_VALUE) {
                    break;
                }
                context.clock().parkUntil(next);
            }
        } catch (Throwable t) {
            LOG.error("generator of {} failed", suite.name(), t);
        } finally {
            refused.flush(context.clock().nanoTime());
        }
    }

    /** @param rate the rate the step search asks for from the next unsent transaction on */
    void requestRate(double rate) {
        requestedRate = rate;
    }

    /** @return the rate the schedule is at (ramps move it), ops/s */
    double scheduledRate() {
        return scheduledRate;
    }

    /**
     * Sends every transaction whose intended time has come. Generator thread only (tests call it
     * directly to drive the schedule by hand).
     *
     * @return the next intended time, or {@link Long#MAX_VALUE} when the window has ended
     */
    long pump(long now) {
        double requested = requestedRate;
        long i = dispatched.getPlain();
        if (requested == requested && requested != rateSeen && schedule instanceof RateSchedule.Stepped s) {
            refused.flush(now);
            s.changeRate(requested, i);
            rateSeen = requested;
        }
        while (!stopping) {
            long offset = schedule.offsetNanos(i);
            long endOffset = Math.min(end - start, endOffsetCap);
            if (offset >= endOffset) {
                return Long.MAX_VALUE;
            }
            long intended = start + offset;
            if (intended - now > 0) {
                scheduledRate = schedule.currentRate();
                return intended;
            }
            int type = pickType(random);
            boolean measured = i >= measuredStartIndex;
            if (issued - recorder.ended() >= plan.maxInFlight()) {
                refused.add(i, type, measured, now);
                issued++;
                dispatched.setRelease(++i);
                continue;
            }
            refused.flush(now);
            long lag = now - intended;
            if (measured) {
                recorder.sent(lag, lag > plan.lagThresholdNanos(), submits.heldUp(intended));
            }
            Pending p = spare != null ? spare : new Pending(recorder);
            p.reuse(type, measured, intended, now);
            CURRENT.setRelease(this, p);
            issued++;
            dispatched.setRelease(++i);
            boolean escaped = submit(newTransaction(i - 1, type, intended), p);
            long after = context.clock().nanoTime();
            submits.record(now, after);
            if (escaped) {
                inFlight.append(p);
                spare = null;
            } else {
                spare = p;
            }
            CURRENT.setRelease(this, null);
            now = after;
        }
        return Long.MAX_VALUE;
    }

    @Override
    long reap(long now, boolean all) {
        long n = inFlight.reap(now, plan.timeoutNanos(), all);
        if (all) {
            Pending stuck = current;
            if (stuck != null && stuck.timeOut(now)) {
                n++;
            }
        }
        return n;
    }

    @Override
    List<String> join() {
        return joinAll(List.of(thread));
    }

    @Override
    boolean doneSending() {
        return !thread.isAlive();
    }

    @Override
    long inFlight() {
        return Math.max(0, issued - recorder.ended());
    }

    /** @return indices dispatched so far (sent or refused), warm-up included */
    long dispatched() {
        return dispatched.getAcquire();
    }

    @Override
    long scheduled() {
        return Math.max(0, dueBefore(end) - measuredStartIndex);
    }

    /** @return indices due before {@code t}: at least every one dispatched (the last rate change is exact) */
    private long dueBefore(long t) {
        long due = schedule.countBefore(Math.min(t - start, endOffsetCap));
        return Math.max(due, dispatched());
    }

    /**
     * Counts the transactions due in the window that were never sent, each with a latency lower
     * bound from its intended start to {@code giveUpNanos}. Ticker only, after {@link #join}.
     *
     * @return how many of them fell in the measured window
     */
    long accountNotSent(long giveUpNanos) {
        long from = dispatched();
        long to = dueBefore(end);
        SplittableRandom types = new SplittableRandom(plan.seed() + 1);
        long split = Math.max(from, Math.min(to, measuredStartIndex));
        notSent(from, split, false, giveUpNanos, types);
        long measured = notSent(split, to, true, giveUpNanos, types);
        if (measured > 0) {
            recorder.cause(TxRecorder.NOT_SENT, measured);
        }
        return measured;
    }

    /** Records indices [from, to) as not sent; beyond a million, every k-th stands for k of them. */
    private long notSent(long from, long to, boolean measured, long giveUpNanos, SplittableRandom types) {
        long step = Math.max(1, (to - from) / 1_000_000);
        Shard s = recorder.shard();
        for (long i = from; i < to; i += step) {
            long n = Math.min(step, to - i);
            int type = pickType(types);
            long token = s.enter();
            try {
                s.active().count(type, measured, OutcomeKind.NOT_SENT, n);
                s.active().lowerBound(type, measured, giveUpNanos - (start + schedule.offsetAt(i)), n);
            } finally {
                s.exit(token);
            }
        }
        return Math.max(0, to - from);
    }

    /** @return the in-flight list (tests of the memory bound) */
    InFlight inFlightList() {
        return inFlight;
    }
}
