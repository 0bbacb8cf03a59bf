package dev.vernier.core.internal.phase;

import dev.vernier.api.NanoClock;
import dev.vernier.api.internal.Check;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadFactory;

/**
 * Calls user code (a suite's setup and teardown, a capability such as resize or verify) on a thread
 * of its own under a time limit measured on the run's clock. When the limit passes, the thread is
 * interrupted and given a short grace to end; the caller goes on either way. The harness owns the
 * thread: it ends with the call, and the only way it can outlive the run is by ignoring the
 * interrupt inside user code, which the {@link TimeLimitExceeded} message says.
 *
 * <p>Stateless and thread-safe.
 */
public final class UserCode {

    /** How long an interrupted call is given to end before it is reported as left behind. */
    static final long GRACE_NANOS = 1_000_000_000L;

    private UserCode() {
    }

    /**
     * Time limits of user code. Immutable.
     *
     * @param setup a suite's {@code setup}
     * @param teardown a suite's {@code teardown}
     * @param listener one listener call
     * @param hook one capability call (resize, a fault, verify)
     */
    public record Limits(Duration setup, Duration teardown, Duration listener, Duration hook) {
        /** Defaults: setup 2 min, teardown 30 s, a listener call 1 s, a capability call 60 s. */
        public static final Limits DEFAULTS = new Limits(Duration.ofMinutes(2), Duration.ofSeconds(30),
                Duration.ofSeconds(1), Duration.ofSeconds(60));

        /** @throws IllegalArgumentException naming the limit that is not positive or too long */
        public Limits {
            Check.positive("setupTimeLimit", setup);
            Check.positive("teardownTimeLimit", teardown);
            Check.positive("listenerTimeLimit", listener);
            Check.positive("hookTimeLimit", hook);
        }
    }

    /** The call did not end within its limit. */
    public static final class TimeLimitExceeded extends Exception {
        private static final long serialVersionUID = 1L;

        TimeLimitExceeded(String message) {
            super(message);
        }
    }

    /**
     * Runs {@code code} on a new thread and waits up to {@code limit} for it.
     *
     * @param what what is called, for the thread's name and messages, e.g. {@code "teardown of raft"}
     * @return what the code returned
     * @throws TimeLimitExceeded when it did not end in time (it was interrupted)
     * @throws Exception whatever the code threw
     */
    static <T> T call(String what, Duration limit, Callable<T> code, NanoClock clock, ThreadFactory threads)
            throws Exception {
        Thread caller = Thread.currentThread();
        Object[] result = new Object[1];
        Throwable[] error = new Throwable[1];
        boolean[] done = new boolean[1];
        Thread t = threads.newThread(() -> {
            try {
                result[0] = code.call();
            } catch (Throwable e) {
                error[0] = e;
            } finally {
                synchronized (done) {
                    done[0] = true;
                }
                clock.unpark(caller);
            }
        });
        t.setName("vernier-user-code: " + what);
        t.setDaemon(true);
        t.start();
        long deadline = clock.nanoTime() + limit.toNanos();
        boolean interrupted = false;
        while (!isDone(done) && clock.nanoTime() - deadline < 0 && !interrupted) {
            clock.parkUntil(deadline);
            interrupted = Thread.interrupted();
        }
        if (!isDone(done)) {
            t.interrupt();
            long grace = clock.nanoTime() + GRACE_NANOS;
            while (t.isAlive() && clock.nanoTime() - grace < 0) {
                clock.parkUntil(Math.min(grace, clock.nanoTime() + 10_000_000L));
                interrupted |= Thread.interrupted();
            }
            if (interrupted) {
                caller.interrupt();
            }
            throw new TimeLimitExceeded(what + " did not return within " + limit + (t.isAlive()
                    ? "; its thread '" + t.getName() + "' ignores interrupts and was left interrupted"
                    : "; it was interrupted and has ended"));
        }
        if (interrupted) {
            caller.interrupt();
        }
        if (error[0] instanceof Exception e) {
            throw e;
        } else if (error[0] instanceof Error e) {
            throw e;
        } else if (error[0] != null) {
            throw new IllegalStateException(error[0]);
        }
        @SuppressWarnings("unchecked")
        T value = (T) result[0];
        return value;
    }

    /**
     * Calls a suite's setup under the setup limit.
     *
     * @throws Exception what setup threw, or {@link TimeLimitExceeded}
     */
    public static void callSetup(dev.vernier.api.ProtocolSuite suite, dev.vernier.api.SuiteContext context,
                                 Limits limits, NanoClock clock, ThreadFactory threads) throws Exception {
        call("setup of " + suite.name(), limits.setup(), () -> {
            suite.setup(context);
            return null;
        }, clock, threads);
    }

    /**
     * Calls a suite's teardown under the teardown limit.
     *
     * @throws Exception what teardown threw, or {@link TimeLimitExceeded}
     */
    public static void callTeardown(dev.vernier.api.ProtocolSuite suite, Limits limits, NanoClock clock,
                                    ThreadFactory threads) throws Exception {
        call("teardown of " + suite.name(), limits.teardown(), () -> {
            suite.teardown();
            return null;
        }, clock, threads);
    }

    private static boolean isDone(boolean[] done) {
        synchronized (done) {
            return done[0];
        }
    }
}
