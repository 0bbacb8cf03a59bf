package dev.vernier.benchmarks;

import dev.vernier.api.ProtocolSuite;
import dev.vernier.api.Transaction;
import dev.vernier.api.TxOutcome;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** A suite whose submit returns one already completed future: the harness is all that is measured. */
final class InstantSuite implements ProtocolSuite {

    private final CompletableFuture<TxOutcome> done = CompletableFuture.completedFuture(TxOutcome.committed());

    @Override
    public String name() {
        return "instant";
    }

    @Override
    public CompletionStage<TxOutcome> submit(Transaction transaction) {
        return done;
    }
}
