package dev.vernier.core.internal.phase;

import dev.vernier.core.internal.engine.LoadOutput;
import dev.vernier.core.internal.engine.LoadPlan;
import dev.vernier.core.internal.engine.OutcomeKind;
import dev.vernier.core.internal.engine.Tally;
import dev.vernier.core.result.GeneratorHealth;
import dev.vernier.core.result.GeneratorHealth.Limit;
import java.util.Locale;
import org.HdrHistogram.AbstractHistogram;

/**
 * Who limited a phase's load. Open loads: <b>system-limited</b> when the system held the sender up
 * (sends late behind a blocked {@code submit}, sends refused by the in-flight cap, due sends never
 * made) beyond the allowed share; else <b>harness-limited</b> when the generator itself could not
 * keep the schedule (lag p99 over the threshold, or too many sends late for its own reasons: its GC,
 * its CPU, a busy machine); else the schedule held. Closed loads always carry the coordinated-omission
 * note; <b>system-limited</b> when more than the allowed share of transactions timed out,
 * <b>harness-limited</b> when the clients outnumber the cores four to one and their threads used more
 * than half of the machine's CPU. Stateless.
 */
public final class LoadVerdicts {

    /** Client threads per core beyond which a closed load may starve the system of CPU. */
    static final int CLIENTS_PER_CORE = 4;
    /** Share of the machine's CPU the clients' threads may use before the load counts as harness-limited. */
    static final double CLIENT_CPU_SHARE = 0.5;

    private LoadVerdicts() {
    }

    /** @return the verdict on a recorded load */
    public static GeneratorHealth of(LoadOutput out) {
        return out.plan().load().isOpen() ? open(out) : closed(out, Runtime.getRuntime().availableProcessors());
    }

    static GeneratorHealth open(LoadOutput out) {
        LoadPlan plan = out.plan();
        Tally total = out.total();
        AbstractHistogram lag = total.lag();
        long intended = out.scheduled();
        long late = total.lateSends();
        long behind = total.lateBehindSubmit();
        long refused = total.count(OutcomeKind.REFUSED);
        long notSent = total.count(OutcomeKind.NOT_SENT);
        double p50 = lag.getTotalCount() == 0 ? 0 : lag.getValueAtPercentile(50) / 1e3;
        double p99 = lag.getTotalCount() == 0 ? 0 : lag.getValueAtPercentile(99) / 1e3;
        double max = lag.getTotalCount() == 0 ? 0 : lag.getMaxValue() / 1e3;
        double submitMs = out.senders().maxSubmitNanos() / 1e6;
        return open(intended, late, behind, refused, notSent, p50, p99, max, submitMs,
                plan.lagThresholdNanos() / 1e3, plan.maxLateShare(), out.senders().stuckInSubmit());
    }

    /**
     * The open-model rule on its figures (lags in µs).
     *
     * @return the verdict
     */
    static GeneratorHealth open(long intended, long late, long lateBehindSubmit, long refused, long notSent,
                                double p50Micros, double p99Micros, double maxMicros, double maxSubmitMs,
                                double thresholdMicros, double maxShare, boolean stuckInSubmit) {
        long systemHeld = lateBehindSubmit + refused + notSent;
        long harnessLate = late - lateBehindSubmit;
        double systemShare = share(systemHeld, intended);
        double harnessShare = share(harnessLate, intended);
        Limit limit;
        String text;
        if (systemShare > maxShare || stuckInSubmit) {
            limit = Limit.SYSTEM;
            text = f("system-limited: the system held the sender up: %d of %d due sends (%.3f%%, limit %.3f%%) waited"
                    + " behind a blocked submit() (longest call %.1f ms%s), were refused by the in-flight cap (%d) or"
                    + " were never sent (%d). The rate shown is the system's; latency counts every due transaction"
                    + " from its intended start (lower bounds for the %d never answered)", systemHeld, intended,
                    100 * systemShare, 100 * maxShare, maxSubmitMs, stuckInSubmit ? ", one never returned" : "",
                    refused, notSent, refused + notSent);
        } else if (p99Micros > thresholdMicros) {
            limit = Limit.HARNESS;
            text = f("harness-limited: the generator could not keep the schedule: lag p99 %.0f µs (threshold %.0f µs),"
                    + " %d of %d sends late for the harness's own reasons (%.3f%%); the rate shown is the harness's,"
                    + " not the system's (its GC, its CPU or a busy machine)", p99Micros, thresholdMicros, harnessLate,
                    intended, 100 * harnessShare);
        } else if (harnessShare > maxShare) {
            limit = Limit.HARNESS;
            text = f("harness-limited: %d of %d sends (%.3f%%, limit %.3f%%) started more than %.0f µs late for the"
                    + " harness's own reasons (lag p99 %.0f µs, max %.0f µs): latency still counts from the intended"
                    + " start, but the load offered was burstier than asked (a busy or paused machine)", harnessLate,
                    intended, 100 * harnessShare, 100 * maxShare, thresholdMicros, p99Micros, maxMicros);
        } else {
            limit = Limit.NONE;
            text = f("schedule held: lag p99 %.0f µs, %d of %d sends late, %d refused, %d not sent", p99Micros, late,
                    intended, refused, notSent);
        }
        return new GeneratorHealth(limit, text, intended, late, lateBehindSubmit, refused, notSent, p50Micros,
                p99Micros, maxMicros, maxSubmitMs, "");
    }

    static GeneratorHealth closed(LoadOutput out, int cores) {
        long scheduled = out.scheduled();
        long timedOut = out.total().count(OutcomeKind.TIMED_OUT);
        int clients = out.senders().clients();
        double cpuShare = out.elapsedNanos() <= 0 ? 0
                : out.senders().clientCpuNanos() / ((double) out.elapsedNanos() * cores);
        return closed(scheduled, timedOut, clients, cores, cpuShare, out.plan().maxLateShare());
    }

    /** The closed-model rule on its figures. */
    static GeneratorHealth closed(long scheduled, long timedOut, int clients, int cores, double clientCpuShare,
                                  double maxShare) {
        String note = GeneratorHealth.CLOSED_MODEL_NOTE;
        double timeoutShare = share(timedOut, scheduled);
        Limit limit = Limit.NONE;
        String text = note;
        if (clients > CLIENTS_PER_CORE * cores && clientCpuShare > CLIENT_CPU_SHARE) {
            limit = Limit.HARNESS;
            text = f("harness-limited: %d client threads on %d cores used %.0f%% of the machine's CPU, so the system"
                    + " competed with its own load for CPU (%d of %d transactions timed out); use fewer clients or an"
                    + " open load. %s", clients, cores, 100 * clientCpuShare, timedOut, scheduled, note);
        } else if (timeoutShare > maxShare) {
            limit = Limit.SYSTEM;
            text = f("system-limited: %d of %d transactions (%.3f%%) timed out: %d clients saturate the system;"
                    + " the throughput shown is its capacity at this concurrency. %s", timedOut, scheduled,
                    100 * timeoutShare, clients, note);
        }
        return new GeneratorHealth(limit, text, 0, 0, 0, 0, 0, 0, 0, 0, 0, note);
    }

    private static double share(long part, long whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
