package dev.vernier.benchmarks.tuning;

import dev.vernier.api.tuning.Configuration;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Optuna's TPE sampler (default settings, seeded; constraint-aware when the system has a constraint)
 * in one Python subprocess for the whole comparison, driven over stdin/stdout (see optuna_tpe.py).
 * The simulated system and its noise stay in Java, so Optuna sees exactly the noise the others see.
 * Needs a Python 3 with optuna (Debian: {@code apt-get install python3-optuna}). Not thread-safe.
 */
final class OptunaTpe implements AutoCloseable {

    private final Process process;
    private final BufferedReader in;
    private final Writer out;
    private final Path script;

    private OptunaTpe(Process process, Path script) {
        this.process = process;
        this.script = script;
        this.in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.out = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    }

    /**
     * @param python the interpreter
     * @return the sampler, or null when the interpreter cannot import optuna (the reason is in {@code why[0]})
     */
    static OptunaTpe start(String python, String[] why) throws IOException, InterruptedException {
        Process check;
        try {
            check = new ProcessBuilder(python, "-c", "import optuna, sys; sys.stdout.write(optuna.__version__)")
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            why[0] = python + " not found (" + e.getMessage() + ")";
            return null;
        }
        String version = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!check.waitFor(60, TimeUnit.SECONDS) || check.exitValue() != 0) {
            why[0] = python + " cannot import optuna (install python3-optuna): " + version.lines().reduce((a, b) -> b)
                    .orElse("");
            return null;
        }
        why[0] = "optuna " + version;
        Path script = Files.createTempFile("vernier-optuna", ".py");
        try (InputStream s = OptunaTpe.class.getResourceAsStream("optuna_tpe.py")) {
            Files.write(script, s.readAllBytes());
        }
        Process p = new ProcessBuilder(python, script.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        return new OptunaTpe(p, script);
    }

    private String call(String line) throws IOException {
        out.write(line);
        out.write('\n');
        out.flush();
        String reply = in.readLine();
        if (reply == null) {
            throw new IOException("the optuna process ended");
        }
        return reply;
    }

    Configuration run(Trial trial, long seed) throws IOException {
        var space = trial.system.space();
        int d = space.size();
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "study %d %d %d", seed, d,
                trial.system.objective().constraints().isEmpty() ? 0 : 1));
        for (double x : space.toUnit(trial.system.start())) {
            b.append(' ').append(x);
        }
        call(b.toString());
        Peers.Best best = new Peers.Best(trial);
        while (trial.fits(Noise.SLOTS)) {
            String[] xs = call("ask").trim().split(" ");
            double[] u = new double[d];
            for (int j = 0; j < d; j++) {
                u[j] = Double.parseDouble(xs[j]);
            }
            Configuration c = space.fromUnit(u);
            double penalised = best.evaluate(c);
            // with a constraint, Optuna's constrained TPE gets the raw value and the constraint apart
            double value = trial.system.objective().constraints().isEmpty() ? penalised : best.lastThroughput;
            call(String.format(Locale.ROOT, "tell %.6f %.6f", value, best.lastExcess));
        }
        return best.config;
    }

    @Override
    public void close() throws IOException {
        try {
            call("quit");
        } catch (IOException e) {
            // already gone
        }
        process.destroy();
        Files.deleteIfExists(script);
    }
}
