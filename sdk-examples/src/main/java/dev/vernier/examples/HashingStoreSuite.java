package dev.vernier.examples;

import dev.vernier.api.ProtocolSuite;
import dev.vernier.api.SuiteContext;
import dev.vernier.api.Transaction;
import dev.vernier.api.TxOutcome;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A small in-process store that really works per transaction: a worker thread hashes each payload
 * (SHA-256), appends the digest to a running chain (an ordered log) and stores it under the
 * transaction's key. The simplest system Vernier can measure; the consensus examples come next.
 *
 * <p>Thread-safe: {@link #submit} may be called from any thread.
 */
public final class HashingStoreSuite implements ProtocolSuite {

    private final ConcurrentHashMap<String, byte[]> store = new ConcurrentHashMap<>();
    private ExecutorService worker;
    private MessageDigest digest;
    private byte[] chain = new byte[32];
    private SuiteContext context;
    private long applied;

    @Override
    public String name() {
        return "hashing-store";
    }

    @Override
    public void setup(SuiteContext context) throws NoSuchAlgorithmException {
        this.context = context;
        this.digest = MessageDigest.getInstance("SHA-256");
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "hashing-store-worker");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public CompletionStage<TxOutcome> submit(Transaction tx) {
        CompletableFuture<TxOutcome> f = new CompletableFuture<>();
        worker.execute(() -> {
            digest.update(chain);
            digest.update(tx.payload());
            chain = digest.digest();
            long agreed = context.clock().nanoTime();
            store.put(tx.key(), chain);
            applied++;
            f.complete(TxOutcome.committed(agreed, context.clock().nanoTime()));
        });
        return f;
    }

    @Override
    public void teardown() throws InterruptedException {
        if (worker != null) {
            worker.shutdown();
            worker.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /** @return transactions applied so far (read after teardown for an exact figure) */
    public long applied() {
        return applied;
    }
}
