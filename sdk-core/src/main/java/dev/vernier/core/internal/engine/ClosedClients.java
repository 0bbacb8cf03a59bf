package dev.vernier.core.internal.engine;

import dev.vernier.api.LoadModel;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The closed model: one thread per client, each submitting a transaction, waiting for it (at most
 * the timeout), thinking, and submitting the next. A transaction's intended start is when its
 * client sent it, so latency excludes any queueing behind a stall (coordinated omission by design,
 * said in every closed-model verdict). The clients measure their own CPU time for the saturation
 * check.
 */
final class ClosedClients extends LoadGenerator {

    private static final Logger LOG = LoggerFactory.getLogger(ClosedClients.class);

    private final LoadModel.Closed model;
    private final Client[] clients;
    private final LongAdder cpuNanos = new LongAdder();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    ClosedClients(LoadPlan plan, LoadContext context, TxRecorder recorder, long start) {
        super(plan, context, recorder, start);
        this.model = (LoadModel.Closed) plan.load();
        this.clients = new Client[model.clients()];
        SplittableRandom root = new SplittableRandom(plan.seed());
        for (int i = 0; i < clients.length; i++) {
            clients[i] = new Client(i, root.split());
        }
    }

    @Override
    void start() {
        for (Client c : clients) {
            c.thread = context.newThread(c, "vernier-client-" + suite.name() + "-" + c.id);
        }
        for (Client c : clients) {
            c.thread.start();
        }
    }

    @Override
    long reap(long now, boolean all) {
        long count = 0;
        if (all) {
            for (Client c : clients) {
                Pending p = c.current;
                if (p != null && p.timeOut(now)) {
                    count++;
                }
            }
        }
        return count;
    }

    @Override
    List<String> join() {
        List<Thread> list = new ArrayList<>(clients.length);
        for (Client c : clients) {
            list.add(c.thread);
        }
        return joinAll(list);
    }

    @Override
    boolean doneSending() {
        for (Client c : clients) {
            if (c.thread.isAlive()) {
                return false;
            }
        }
        return true;
    }

    @Override
    long inFlight() {
        long n = 0;
        for (Client c : clients) {
            Pending p = c.current;
            if (p != null && !p.isDone()) {
                n++;
            }
        }
        return n;
    }

    @Override
    long scheduled() {
        long n = 0;
        for (Client c : clients) {
            n += c.measuredSent.getAcquire();
        }
        return n;
    }

    /** @return CPU time the client threads used (their own code and the suite's code they ran), ns */
    long cpuNanos() {
        return cpuNanos.sum();
    }

    /** @return the number of clients */
    int clients() {
        return clients.length;
    }

    private static final java.lang.invoke.VarHandle CURRENT;

    static {
        try {
            CURRENT = java.lang.invoke.MethodHandles.lookup().findVarHandle(Client.class, "current", Pending.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final class Client implements Runnable {
        final int id;
        final SplittableRandom random;
        final AtomicLong measuredSent = new AtomicLong();
        /** The transaction in flight (release stores; read by the ticker for the in-flight figure and the give-up). */
        volatile Pending current;
        Thread thread;

        Client(int id, SplittableRandom random) {
            this.id = id;
            this.random = random;
        }

        @Override
        public void run() {
            try {
                loop();
            } catch (Throwable t) {
                LOG.error("client {} of {} failed", id, suite.name(), t);
            } finally {
                if (threads.isCurrentThreadCpuTimeSupported()) {
                    cpuNanos.add(Math.max(0, threads.getCurrentThreadCpuTime()));
                }
            }
        }

        private void loop() {
            Thread me = Thread.currentThread();
            long think = model.thinkTime().toNanos();
            long n = 0;
            Pending spare = null;
            long now = context.clock().nanoTime();
            while (!stopping && now - end < 0) {
                int type = pickType(random);
                boolean measured = now - measuredStart >= 0;
                Pending p = spare != null ? spare : new Pending(recorder);
                p.reuse(type, measured, now, now);
                CURRENT.setRelease(this, p);
                if (measured) {
                    measuredSent.setRelease(measuredSent.getPlain() + 1);
                }
                boolean escaped = submit(newTransaction(n++ * clients.length + id, type, now), p);
                long timedOutAt = Long.MIN_VALUE;
                if (!p.isDone()) {
                    long deadline = now + plan.timeoutNanos();
                    p.waiter = me;
                    while (!p.isDone()) {
                        long t = context.clock().nanoTime();
                        if (t - deadline >= 0) {
                            p.timeOut(t);
                            timedOutAt = t;
                            break;
                        }
                        context.clock().parkUntil(deadline);
                        if (me.isInterrupted()) {
                            return;
                        }
                    }
                }
                spare = escaped ? null : p;
                CURRENT.setRelease(this, null);
                if (think > 0) {
                    long until = context.clock().nanoTime() + think;
                    while (context.clock().nanoTime() - until < 0 && !stopping) {
                        context.clock().parkUntil(until);
                        if (me.isInterrupted()) {
                            return;
                        }
                    }
                    now = context.clock().nanoTime();
                } else {
                    // the completion time is the next start: one clock read per transaction
                    long completedAt = p.completedAt;
                    now = timedOutAt != Long.MIN_VALUE ? timedOutAt
                            : completedAt != Long.MIN_VALUE ? completedAt : context.clock().nanoTime();
                }
            }
        }
    }
}
