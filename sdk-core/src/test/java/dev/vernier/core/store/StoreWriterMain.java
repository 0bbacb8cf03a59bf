package dev.vernier.core.store;

import dev.vernier.testkit.SyntheticResults;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The child process of {@link StoreCrashTest}: saves results to a store until it is killed, and
 * acknowledges each save on standard output only after {@link ResultStore#save} returned.
 */
public final class StoreWriterMain {

    private StoreWriterMain() {
    }

    /** @param args the store's directory */
    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        try (ResultStore store = ResultStore.builder(Path.of(args[0])).keepForever().build()) {
            for (long i = 0; ; i++) {
                Path file = store.save(SyntheticResults.result("raft", "crash", i, 3, 1.0, 0.03));
                out.println("ACK " + file.getFileName());
                out.flush();
            }
        }
    }
}
