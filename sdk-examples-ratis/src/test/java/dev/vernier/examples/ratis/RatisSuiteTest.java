package dev.vernier.examples.ratis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vernier.api.NanoClock;
import dev.vernier.api.SuiteContext;
import dev.vernier.api.Transaction;
import dev.vernier.api.TxOutcome;
import dev.vernier.api.TxType;
import dev.vernier.api.tuning.Configuration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RatisSuiteTest {

    private final RatisSuite suite = RatisSuite.builder().build();

    @BeforeAll
    void start() throws Exception {
        suite.setup(new SuiteContext(42, NanoClock.system(), "test"));
    }

    @AfterAll
    void stop() throws Exception {
        suite.teardown();
    }

    @Test
    void commitsEveryTransaction() throws Exception {
        List<Long> before = suite.appliedCounts();
        TxType type = new TxType("put", 1.0, 32);
        byte[] payload = new byte[32];
        List<CompletableFuture<TxOutcome>> futures = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            futures.add(suite.submit(new Transaction(i, 0, type, payload, System.nanoTime())).toCompletableFuture());
        }
        for (CompletableFuture<TxOutcome> f : futures) {
            TxOutcome o = f.get(30, TimeUnit.SECONDS);
            assertTrue(o.isCommitted(), o::toString);
            assertTrue(o.agreedNanos() != TxOutcome.ABSENT && o.appliedNanos() >= o.agreedNanos(), o::toString);
        }
        System.err.println(suite.appliedCounts());
    }
}
