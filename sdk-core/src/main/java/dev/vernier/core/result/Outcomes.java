package dev.vernier.core.result;

/**
 * How many transactions ended which way. In a phase's totals these are the accounting identity:
 * every transaction whose intended start fell in the measured window is exactly one of them, so
 * {@link #total()} equals the phase's {@code scheduled} count. Transactions still in flight are in
 * none of them (they are never counted as not ok); warm-up transactions are excluded. Immutable and
 * thread-safe.
 *
 * @param committed committed by the system
 * @param rejected completed with a rejection
 * @param failed completed exceptionally
 * @param timedOut not completed within the per-transaction timeout (or given up at the end)
 * @param submitErrors {@code submit} threw
 * @param refused not sent because the in-flight cap was reached
 * @param notSent due in the window but never submitted (the sender was held up or stopped)
 */
public record Outcomes(long committed, long rejected, long failed, long timedOut, long submitErrors, long refused,
                       long notSent) {

    /** No outcomes. */
    public static final Outcomes NONE = new Outcomes(0, 0, 0, 0, 0, 0, 0);

    /**
     * Outcomes without not-sent transactions (as before the accounting counted them).
     *
     * @param committed committed
     * @param rejected rejected
     * @param failed failed
     * @param timedOut timed out
     * @param submitErrors submit errors
     * @param refused refused
     */
    public Outcomes(long committed, long rejected, long failed, long timedOut, long submitErrors, long refused) {
        this(committed, rejected, failed, timedOut, submitErrors, refused, 0);
    }

    /** @return every outcome: committed, rejected, failed, timed out, submit errors, refused, not sent */
    public long total() {
        return committed + rejected + failed + timedOut + submitErrors + refused + notSent;
    }

    /** @return every outcome that is not a commit */
    public long errors() {
        return total() - committed;
    }

    /** @return committed share of all outcomes in [0, 1]; 0 when there were none */
    public double successRate() {
        long total = total();
        return total == 0 ? 0 : (double) committed / total;
    }

    /** @return error share of all outcomes in [0, 1] (a share, shown as a percentage); 1 when there were none */
    public double errorRate() {
        long total = total();
        return total == 0 ? 1 : (double) errors() / total;
    }

    /** @return the sum of this and {@code o} */
    public Outcomes plus(Outcomes o) {
        return new Outcomes(committed + o.committed, rejected + o.rejected, failed + o.failed,
                timedOut + o.timedOut, submitErrors + o.submitErrors, refused + o.refused, notSent + o.notSent);
    }
}
