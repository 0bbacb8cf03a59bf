package dev.vernier.core.result;

/**
 * How many transactions ended which way. Immutable and thread-safe.
 *
 * @param committed committed by the system
 * @param rejected completed with a rejection
 * @param failed completed exceptionally
 * @param timedOut not completed within the per-transaction timeout
 * @param submitErrors {@code submit} threw
 * @param refused not sent because the in-flight cap was reached
 */
public record Outcomes(long committed, long rejected, long failed, long timedOut, long submitErrors, long refused) {

    /** No outcomes. */
    public static final Outcomes NONE = new Outcomes(0, 0, 0, 0, 0, 0);

    /** @return every outcome, including refused sends */
    public long total() {
        return committed + rejected + failed + timedOut + submitErrors + refused;
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

    /** @return error share of all outcomes in [0, 1]; 1 when there were none (nothing succeeded) */
    public double errorRate() {
        long total = total();
        return total == 0 ? 1 : (double) errors() / total;
    }

    /** @return the sum of this and {@code o} */
    public Outcomes plus(Outcomes o) {
        return new Outcomes(committed + o.committed, rejected + o.rejected, failed + o.failed,
                timedOut + o.timedOut, submitErrors + o.submitErrors, refused + o.refused);
    }
}
