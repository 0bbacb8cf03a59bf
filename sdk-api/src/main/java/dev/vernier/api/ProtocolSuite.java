package dev.vernier.api;

import java.util.concurrent.CompletionStage;

/**
 * The system under test: a consensus protocol (or a client of one) that Vernier drives with
 * transactions.
 *
 * <p>Vernier calls {@link #setup} once before any load, {@link #submit} from its load generator
 * threads (possibly from several threads at once, so implementations must be thread-safe), and
 * {@link #teardown} once after the last phase. A suite may also implement the optional
 * capabilities {@link dev.vernier.api.tuning.Tunable}, {@link ClusterControl}, {@link FaultInjector} and
 * {@link StateVerifier}.
 *
 * <p>{@code submit} should return quickly: the harness measures latency from the transaction's
 * intended start, so time spent blocking in {@code submit} is counted, and a {@code submit} that
 * never returns stalls one generator thread (the run still ends on time).
 */
public interface ProtocolSuite {

    /** @return a short, stable name used in reports, e.g. {@code "raft"} */
    String name();

    /**
     * Prepares the system (start nodes, wait for a leader). Called once before the first phase.
     *
     * @param context the run's seed, clock and scenario name
     * @throws Exception if the system cannot be started; the run then fails with that cause
     */
    default void setup(SuiteContext context) throws Exception {
    }

    /**
     * Submits one transaction asynchronously.
     *
     * <p>The returned stage completes with an outcome ({@link TxOutcome#isCommitted()} false for a
     * rejected transaction) or exceptionally; both are counted as errors by kind. A stage that never
     * completes is counted as a timeout after the scenario's per-transaction timeout. Throwing from
     * this method is counted as a submit error.
     *
     * @param transaction the transaction; its payload must not be modified
     * @return a stage completing when the transaction is committed (or failed)
     */
    CompletionStage<TxOutcome> submit(Transaction transaction);

    /**
     * Stops the system and releases its resources. Called once, also after a failed run.
     *
     * @throws Exception reported and logged, never hides the run's result
     */
    default void teardown() throws Exception {
    }
}
