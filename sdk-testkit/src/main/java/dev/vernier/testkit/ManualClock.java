package dev.vernier.testkit;

import dev.vernier.api.NanoClock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A clock that moves only when told, and that threads can wait on: the test double of
 * {@link NanoClock} (as Micrometer's {@code MockClock}, with the waiting side).
 *
 * <p>Three ways to use it:
 * <ul>
 *   <li>by hand: {@link #set}/{@link #advance} and call the code under test in between;</li>
 *   <li>with scheduled actions: {@link #schedule(long, Runnable)} runs an action (for example the
 *       completion of a suite's future) on the thread that moves the clock past its time;</li>
 *   <li>on its own: {@link #autoAdvance()} starts a driver thread that, whenever every thread that
 *       waits on this clock is parked on it (or blocked elsewhere), jumps to the earliest deadline or
 *       scheduled action. A whole {@code Vernier} run then takes milliseconds of wall time, and what
 *       happens at each virtual instant does not depend on how fast the machine is, with one
 *       exception: a participant that neither parks nor lets anything happen on the clock for 10 s of
 *       wall time is a stall (a test bug, or a thread stuck outside the clock), and rather than spin
 *       until the test's timeout the driver then logs a warning naming the threads that held it and
 *       moves to the earliest deadline.</li>
 * </ul>
 * Threads created by {@link #threadFactory()} count as waiting on the clock from their creation, so
 * the driver never jumps ahead of a thread that has not started yet; give it to
 * {@code Vernier.builder().threadFactory(...)}. While the driver runs, model the cost of work as a
 * completion {@linkplain #schedule scheduled} later, never by moving the clock from a busy thread:
 * virtual time would then run ahead of every thread that is not scheduled at that moment.
 *
 * <p>Thread-safe.
 */
public final class ManualClock implements NanoClock {

    private static final Logger LOG = LoggerFactory.getLogger(ManualClock.class);
    /**
     * Wall time after which the driver stops waiting for a participant that neither parks nor lets
     * anything happen on the clock: it then moves to the earliest deadline and says who held it.
     */
    private static final long STALL_NANOS = 10_000_000_000L;

    private final AtomicLong now = new AtomicLong();
    /** Threads parked in {@link #parkUntil}, with their deadlines. */
    private final Map<Thread, Long> parked = new ConcurrentHashMap<>();
    /** Threads woken by the clock that have not returned from their park yet. */
    private final Set<Thread> waking = ConcurrentHashMap.newKeySet();
    /** Every thread that waits on this clock or was made by its factory. */
    private final Set<Thread> participants = ConcurrentHashMap.newKeySet();
    /**
     * Scheduled actions in time order. Lock-free, so that a thread scheduling a completion is never
     * BLOCKED on the clock's own lock, which the driver would count as "blocked elsewhere" and move
     * the clock under it. Whoever removes a task runs it (the clock's mover, or the scheduler when
     * the clock passed its time while it was adding it).
     */
    private final ConcurrentSkipListSet<Task> tasks = new ConcurrentSkipListSet<>();
    private final AtomicLong activity = new AtomicLong();
    private final AtomicLong taskSequence = new AtomicLong();

    private record Task(long at, long sequence, Runnable action) implements Comparable<Task> {
        @Override
        public int compareTo(Task o) {
            return at != o.at ? Long.compare(at, o.at) : Long.compare(sequence, o.sequence);
        }
    }

    /** A clock at 0. */
    public ManualClock() {
    }

    /** @param startNanos the initial reading */
    public ManualClock(long startNanos) {
        now.set(startNanos);
    }

    @Override
    public long nanoTime() {
        return now.get();
    }

    /**
     * Parks until the clock reaches the deadline or the thread is unparked or interrupted.
     *
     * @param deadlineNanos the time to wait for
     */
    @Override
    public void parkUntil(long deadlineNanos) {
        Thread me = Thread.currentThread();
        participants.add(me);
        if (deadlineNanos - now.get() <= 0 || me.isInterrupted()) {
            return;
        }
        parked.put(me, deadlineNanos);
        activity.incrementAndGet();
        try {
            if (deadlineNanos - now.get() > 0 && parked.containsKey(me)) {
                LockSupport.park(this);
            }
        } finally {
            parked.remove(me);
            waking.remove(me);
            activity.incrementAndGet();
        }
    }

    @Override
    public void unpark(Thread thread) {
        if (thread == null) {
            return;
        }
        // Atomic per key: the waker is marked 'waking' before it leaves 'parked'. Removing it first
        // and adding it after let a thread that returned from parkUntil in between (it saw itself gone
        // from 'parked' and skipped its park) stay 'waking' forever, and the driver, which waits for
        // no thread to be waking, never moved the clock again: a rare hang of the engine tests.
        parked.computeIfPresent(thread, (t, deadline) -> {
            waking.add(t);
            return null;
        });
        activity.incrementAndGet();
        LockSupport.unpark(thread);
    }

    /** @param nanos the new reading; may not go backwards */
    public void set(long nanos) {
        advanceTo(nanos);
    }

    /** @param nanos how far to move, 0 or more */
    public void advance(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("nanos must not be negative, but was " + nanos);
        }
        advanceTo(now.get() + nanos);
    }

    /**
     * Runs {@code action} on the thread that moves the clock to {@code atNanos} or past it (at once,
     * on this thread, when that time has come already). Actions due at the same time run in the order
     * they were scheduled; the clock reads their time while they run.
     *
     * @param atNanos when
     * @param action what
     */
    public void schedule(long atNanos, Runnable action) {
        if (atNanos - now.get() <= 0) {
            action.run();
            return;
        }
        Task task = new Task(atNanos, taskSequence.getAndIncrement(), action);
        tasks.add(task);
        activity.incrementAndGet();
        // the clock may have passed atNanos between the check above and the add, after its mover looked for
        // due tasks: such a task waited for ever (EngineTruthTest hung with a task due at the clock's own
        // reading and every thread parked). The mover publishes the time and then looks again; this reads
        // the time after the add: one of the two sees the other. Whoever removes the task runs it, once.
        if (atNanos - now.get() <= 0 && tasks.remove(task)) {
            action.run();
        }
    }

    /**
     * @return a factory of daemon threads that count as waiting on this clock from their creation
     *     (so {@link #autoAdvance()} waits for them to park before it moves the clock)
     */
    public ThreadFactory threadFactory() {
        return r -> {
            Thread t = new Thread(r);
            t.setDaemon(true);
            participants.add(t);
            activity.incrementAndGet();
            return t;
        };
    }

    /** Moves to {@code target}, running due actions in order and waking due waiters. */
    private synchronized void advanceTo(long target) {
        if (target - now.get() < 0) {
            throw new IllegalArgumentException("the clock may not go backwards: at " + now.get() + ", asked for " + target);
        }
        while (true) {
            Task next = firstTask();
            if (next == null || next.at - target > 0) {
                if (now.get() != target) {
                    // publish the new time, then look once more: a task added after the look that found none
                    // due is either seen by that second look, or its scheduler reads the new time after its add
                    // and runs the task itself (schedule); either way none is left behind, due and queued
                    now.set(target);
                    wakeDue();
                    continue;
                }
                break;
            }
            if (!tasks.remove(next)) {
                // its scheduler took it back to run it itself (the clock had passed its time)
                continue;
            }
            if (next.at - now.get() > 0) {
                now.set(next.at);
                wakeDue();
            }
            next.action.run();
        }
        wakeDue();
        activity.incrementAndGet();
    }

    private void wakeDue() {
        long t = now.get();
        for (Map.Entry<Thread, Long> e : parked.entrySet()) {
            if (e.getValue() - t <= 0) {
                unpark(e.getKey());
            }
        }
    }

    /**
     * Starts a driver thread that moves the clock by itself: whenever every participating thread is
     * parked on the clock or blocked elsewhere (and stays so for a moment), it jumps to the earliest
     * deadline of a parked thread or scheduled action. Close the returned handle to stop it.
     *
     * @return the handle that stops the driver
     */
    public AutoCloseable autoAdvance() {
        Thread driver = new Thread(this::drive, "manual-clock-driver");
        driver.setDaemon(true);
        driver.start();
        return () -> {
            driver.interrupt();
            driver.join(10_000);
        };
    }

    /**
     * Runs {@code body} on this thread while the clock moves by itself ({@link #autoAdvance()}).
     *
     * @param body what to run, e.g. {@code () -> vernier.run("suite", scenario)}
     * @return what it returned
     */
    public <T> T runAdvancing(java.util.function.Supplier<T> body) {
        AutoCloseable driver = autoAdvance();
        try {
            return body.get();
        } finally {
            try {
                driver.close();
            } catch (Exception e) {
                throw new IllegalStateException("the clock's driver did not stop", e);
            }
        }
    }

    private void drive() {
        int idle = 0;
        long stalledAt = -1;
        long stalledSince = 0;
        while (!Thread.currentThread().isInterrupted()) {
            long seen = activity.get();
            long next = quiescentNext();
            if (next == Long.MIN_VALUE) {
                // A liveness valve, not a timing rule: a participant that stays runnable (or a wake that
                // is never consumed) while nothing at all happens on the clock for seconds of wall time
                // would otherwise hang the test until its timeout, with no word on why.
                if (seen != stalledAt) {
                    stalledAt = seen;
                    stalledSince = System.nanoTime();
                } else if (System.nanoTime() - stalledSince > STALL_NANOS) {
                    long due = earliestDue();
                    if (due != Long.MAX_VALUE) {
                        LOG.warn("{}: nothing happened on the clock for {} s of wall time while {}; moving to the"
                                + " next deadline", this, STALL_NANOS / 1_000_000_000L, blockers());
                        long at = now.get();
                        advanceTo(due - at > 0 ? due : at);
                    }
                    stalledAt = -1;
                }
                // somebody runs: let it, and back off to a short sleep when that lasts
                if (++idle < 100) {
                    Thread.yield();
                } else {
                    LockSupport.parkNanos(20_000);
                }
                continue;
            }
            idle = 0;
            // stable for a moment: nothing parked, woke or scheduled in between
            for (int i = 0; i < 4; i++) {
                Thread.yield();
            }
            if (activity.get() != seen || quiescentNext() != next) {
                continue;
            }
            // a deadline or an action already due (a waiter not woken, a task added as the clock passed its
            // time) is served at the current reading: skipping it left every thread parked for ever
            long at = now.get();
            advanceTo(next - at > 0 ? next : at);
        }
    }

    /**
     * @return the next time to move to when every participant is parked on the clock or blocked
     *     elsewhere, else {@link Long#MIN_VALUE}
     */
    private long quiescentNext() {
        if (!waking.isEmpty()) {
            return Long.MIN_VALUE;
        }
        List<Thread> dead = new ArrayList<>();
        for (Thread t : participants) {
            if (t == Thread.currentThread()) {
                // the driver itself: a completion it runs may call parkUntil (which registers the caller)
                // with a deadline that has passed; it must never wait for itself
                continue;
            }
            Thread.State state = t.getState();
            if (state == Thread.State.TERMINATED) {
                dead.add(t);
            } else if (!parked.containsKey(t) && (state == Thread.State.RUNNABLE || state == Thread.State.NEW)) {
                return Long.MIN_VALUE;
            }
        }
        dead.forEach(participants::remove);
        long next = earliestDue();
        return next == Long.MAX_VALUE ? Long.MIN_VALUE : next;
    }

    /** @return the earliest finite deadline of a parked thread or a scheduled action, else {@link Long#MAX_VALUE} */
    private long earliestDue() {
        long next = Long.MAX_VALUE;
        for (long deadline : parked.values()) {
            if (deadline != Long.MAX_VALUE && deadline - next < 0) {
                next = deadline;
            }
        }
        Task t = firstTask();
        if (t != null && t.at - next < 0) {
            next = t.at;
        }
        return next;
    }

    /** @return the earliest scheduled action, or null */
    private Task firstTask() {
        Iterator<Task> it = tasks.iterator();
        return it.hasNext() ? it.next() : null;
    }

    /** @return in words, what keeps the driver from moving the clock */
    private String blockers() {
        List<String> why = new ArrayList<>();
        waking.forEach(t -> why.add(t.getName() + " was woken and has not returned from its park"));
        for (Thread t : participants) {
            Thread.State state = t.getState();
            if (t != Thread.currentThread() && !parked.containsKey(t)
                    && (state == Thread.State.RUNNABLE || state == Thread.State.NEW)) {
                why.add(t.getName() + " is " + state + " and not parked on the clock");
            }
        }
        return why.isEmpty() ? "no thread waits on a deadline" : String.join("; ", why);
    }

    @Override
    public String toString() {
        return "ManualClock{" + now.get() + " ns}";
    }
}
