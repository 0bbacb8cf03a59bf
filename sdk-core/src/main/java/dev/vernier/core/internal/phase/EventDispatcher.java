package dev.vernier.core.internal.phase;

import dev.vernier.api.NanoClock;
import dev.vernier.core.event.IntervalSnapshot;
import dev.vernier.core.event.RunListener;
import dev.vernier.core.event.VernierEvent;
import dev.vernier.core.result.Warning;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers a run's events to its listeners on a thread of its own, one event at a time and in
 * order, so that a listener can never stall the engine: publishing never blocks (a full queue drops
 * the event and counts it), and a listener call that exceeds its time limit is abandoned (its thread
 * interrupted), the listener gets no more events of the run, a warning says so, and delivery goes on
 * for the others on a fresh thread. {@link #close} waits for the queue to empty, at most one limit.
 *
 * <p>Thread-safe: {@link #publish} from any thread.
 */
public final class EventDispatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventDispatcher.class);
    private static final int CAPACITY = 10_000;

    private final List<RunListener> listeners;
    private final boolean[] disabled;
    private final NanoClock clock;
    private final ThreadFactory threads;
    private final long limitNanos;
    private final Duration limit;
    private final LinkedBlockingQueue<VernierEvent> queue = new LinkedBlockingQueue<>(CAPACITY);
    private final List<Warning> warnings = new ArrayList<>();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong queued = new AtomicLong();
    /** Events taken off the queue and delivered (or abandoned with their listener). */
    private final AtomicLong handled = new AtomicLong();
    private final List<Thread> abandoned = new ArrayList<>();
    private Worker worker;

    /**
     * @param listeners the listeners, called in this order
     * @param clock the run's clock (time limits)
     * @param threads the factory of the delivery threads
     * @param limit the time limit of one listener call
     */
    public EventDispatcher(List<RunListener> listeners, NanoClock clock, ThreadFactory threads, Duration limit) {
        this.listeners = List.copyOf(listeners);
        this.disabled = new boolean[listeners.size()];
        this.clock = clock;
        this.threads = threads;
        this.limit = limit;
        this.limitNanos = limit.toNanos();
        if (!this.listeners.isEmpty()) {
            startWorker(null, 0);
        }
    }

    /** Queues an event; never blocks. */
    public void publish(VernierEvent event) {
        if (listeners.isEmpty()) {
            return;
        }
        if (queue.offer(event)) {
            queued.incrementAndGet();
        } else {
            dropped.incrementAndGet();
        }
        watch();
    }

    private synchronized void startWorker(VernierEvent resume, int fromListener) {
        worker = new Worker(resume, fromListener);
        worker.thread = threads.newThread(worker);
        worker.thread.setName("vernier-listeners");
        worker.thread.setDaemon(true);
        worker.thread.start();
    }

    /** Abandons a listener call that has run longer than the limit. */
    private synchronized void watch() {
        Worker w = worker;
        if (w == null) {
            return;
        }
        long started = w.callStarted;
        int index = w.listenerIndex;
        VernierEvent event = w.event;
        if (index >= 0 && event != null && clock.nanoTime() - started > limitNanos && w.active) {
            w.active = false;
            disabled[index] = true;
            w.thread.interrupt();
            abandoned.add(w.thread);
            String message = "listener " + listeners.get(index) + " did not return within " + limit + " on "
                    + event.getClass().getSimpleName() + "; it gets no more events of this run";
            LOG.warn(message);
            warnings.add(new Warning(Warning.Kind.USER_CODE, null, message));
            handled.incrementAndGet();
            startWorker(event, index + 1);
        }
    }

    /**
     * Waits for the queue to empty (at most one listener limit), then stops delivery.
     *
     * @return warnings about listeners (over their limit, failing) and dropped events
     */
    public synchronized List<Warning> finish() {
        if (worker != null) {
            long deadline = clock.nanoTime() + limitNanos;
            while (handled.get() < queued.get() && clock.nanoTime() - deadline < 0) {
                watch();
                clock.parkUntil(Math.min(deadline, clock.nanoTime() + 1_000_000L));
                if (Thread.interrupted()) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            watch();
            worker.active = false;
            worker.thread.interrupt();
            int left = queue.size();
            if (left > 0) {
                warnings.add(new Warning(Warning.Kind.USER_CODE, null, left + " event(s) were not delivered:"
                        + " the listeners did not keep up by the end of the run"));
            }
            queue.clear();
            worker = null;
        }
        if (dropped.get() > 0) {
            warnings.add(new Warning(Warning.Kind.USER_CODE, null, dropped.get() + " event(s) were dropped: the"
                    + " listeners fell " + CAPACITY + " events behind"));
        }
        for (Thread t : abandoned) {
            if (t.isAlive()) {
                warnings.add(new Warning(Warning.Kind.USER_CODE, null, "listener thread '" + t.getName()
                        + "' ignores interrupts and was left interrupted"));
            }
        }
        return List.copyOf(warnings);
    }

    @Override
    public void close() {
        finish();
    }

    private final class Worker implements Runnable {
        volatile boolean active = true;
        volatile VernierEvent event;
        volatile int listenerIndex = -1;
        volatile long callStarted;
        private final VernierEvent resume;
        private final int resumeFrom;
        Thread thread;

        Worker(VernierEvent resume, int resumeFrom) {
            this.resume = resume;
            this.resumeFrom = resumeFrom;
        }

        @Override
        public void run() {
            if (resume != null) {
                deliver(resume, resumeFrom);
            }

            while (active) {
                VernierEvent e;
                try {
                    e = queue.take();
                } catch (InterruptedException ex) {
                    return;
                }
                deliver(e, 0);
                if (active) {
                    handled.incrementAndGet();
                }
            }
        }

        private void deliver(VernierEvent e, int from) {
            for (int i = from; i < listeners.size() && active; i++) {
                if (disabled[i]) {
                    continue;
                }
                event = e;
                callStarted = clock.nanoTime();
                listenerIndex = i;
                try {
                    listeners.get(i).onEvent(e);
                } catch (RuntimeException ex) {
                    if (!(e instanceof IntervalSnapshot) || LOG.isDebugEnabled()) {
                        LOG.warn("listener {} failed on {}", listeners.get(i), e.getClass().getSimpleName(), ex);
                    }
                } finally {
                    listenerIndex = -1;
                }
            }
        }
    }
}
