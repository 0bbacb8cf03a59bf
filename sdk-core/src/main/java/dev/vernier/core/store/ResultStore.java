package dev.vernier.core.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.vernier.core.report.JsonReport;
import dev.vernier.core.result.ScenarioResult;
import dev.vernier.core.stats.Comparison;
import dev.vernier.core.stats.ResultStatistics;
import dev.vernier.core.stats.StatisticsConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * History of results: every result is written to a directory as JSON ({@link JsonReport}) and the
 * recent ones are kept in a Caffeine cache that expires entries a while after they were written
 * or read (7 days by default).
 *
 * <p>Layout: {@code <dir>/<suite>__<scenario>__<startedAtEpochMillis>__<uuid>.json} (suite and
 * scenario URL-encoded), named baselines in {@code <dir>/baselines/<name>.json}, unreadable files
 * moved to {@code <dir>/corrupt/}. Every write goes to a {@code *.tmp} file in the target
 * directory and is then renamed with {@link StandardCopyOption#ATOMIC_MOVE}, so a reader (in this
 * or another JVM) sees either nothing or a whole file; {@code *.tmp} files are never read. The
 * random suffix keeps names unique across JVMs writing to the same directory.
 *
 * <p>A file that cannot be parsed is moved to {@code corrupt/} and reported to the listener as a
 * {@link StoreEvent} ({@link StoreEvent.Kind#CORRUPT_MOVED}), never silently dropped.
 *
 * <p>Thread-safe: any number of threads (and stores in other JVMs) may use one directory. The
 * listener is called on the thread that did the work and must not throw.
 */
public final class ResultStore implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ResultStore.class);
    private static final String SEP = "__";
    private static final String EXT = ".json";

    /** Default expiry of cached results. */
    public static final Duration DEFAULT_EXPIRY = Duration.ofDays(7);

    private final Path directory;
    private final Path baselines;
    private final Path corrupt;
    private final Cache<String, ScenarioResult> cache;
    private final Consumer<StoreEvent> listener;
    private final StatisticsConfig statistics;
    private final JsonReport json = new JsonReport();

    private ResultStore(Builder b) {
        this.directory = b.directory;
        this.baselines = b.directory.resolve("baselines");
        this.corrupt = b.directory.resolve("corrupt");
        this.listener = b.listener;
        this.statistics = b.statistics;
        this.cache = Caffeine.newBuilder().expireAfterWrite(b.expiry).ticker(b.ticker).build();
        try {
            Files.createDirectories(baselines);
            Files.createDirectories(corrupt);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create store directory " + directory, e);
        }
    }

    /** @param directory where results are kept (created when missing) */
    public static Builder builder(Path directory) {
        return new Builder(directory);
    }

    /** @return a store on {@code directory} with the defaults */
    public static ResultStore open(Path directory) {
        return builder(directory).build();
    }

    /** @return the store's directory */
    public Path directory() {
        return directory;
    }

    /** @return the statistics settings used by {@link #compareLatestWithBaseline} */
    public StatisticsConfig statistics() {
        return statistics;
    }

    /**
     * Writes a result to disk (atomically) and caches it.
     *
     * @param result the result
     * @return the file written
     * @throws UncheckedIOException when the file cannot be written
     */
    public Path save(ScenarioResult result) {
        Objects.requireNonNull(result, "result");
        String name = encode(result.suite()) + SEP + encode(result.scenario()) + SEP + result.startedAtEpochMillis()
                + SEP + UUID.randomUUID() + EXT;
        Path file = directory.resolve(name);
        writeAtomically(file, json.write(result));
        cache.put(name, result);
        return file;
    }

    /**
     * Results of one suite and scenario started in {@code [from, to)}, oldest first. Cached results
     * are served from memory, the others read from disk (and cached).
     *
     * @param suite the suite's name
     * @param scenario the scenario's name
     * @param from inclusive lower bound of the start time
     * @param to exclusive upper bound of the start time
     * @return the results, oldest first
     */
    public List<ScenarioResult> find(String suite, String scenario, Instant from, Instant to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        String prefix = encode(suite) + SEP + encode(scenario) + SEP;
        List<Stored> hits = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(directory, prefix + "*" + EXT)) {
            for (Path p : ds) {
                String fileName = p.getFileName().toString();
                long started = startedAt(fileName, prefix);
                if (started >= from.toEpochMilli() && started < to.toEpochMilli()) {
                    hits.add(new Stored(fileName, started));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
        hits.sort(Comparator.comparingLong(Stored::started).thenComparing(Stored::name));
        List<ScenarioResult> out = new ArrayList<>();
        for (Stored s : hits) {
            ScenarioResult r = cache.getIfPresent(s.name());
            if (r == null) {
                r = readOrMoveAside(directory.resolve(s.name()));
                if (r != null) {
                    cache.put(s.name(), r);
                }
            }
            if (r != null) {
                out.add(r);
            }
        }
        return out;
    }

    /** @return every result of one suite and scenario, oldest first */
    public List<ScenarioResult> find(String suite, String scenario) {
        return find(suite, scenario, Instant.EPOCH, Instant.ofEpochMilli(Long.MAX_VALUE));
    }

    /** @return the result of one suite and scenario that started last, if any */
    public Optional<ScenarioResult> latest(String suite, String scenario) {
        List<ScenarioResult> all = find(suite, scenario);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /**
     * Saves (or replaces, atomically) a named baseline.
     *
     * @param name baseline name such as {@code "main"} or {@code "release-1.2"}; not blank
     * @param result the result to keep as that baseline
     * @return the file written
     */
    public Path saveBaseline(String name, ScenarioResult result) {
        Path file = baselineFile(name);
        writeAtomically(file, json.write(Objects.requireNonNull(result, "result")));
        return file;
    }

    /**
     * @param name baseline name
     * @return the baseline, or empty when there is none (or it was corrupt and moved aside)
     */
    public Optional<ScenarioResult> baseline(String name) {
        Path file = baselineFile(name);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        return Optional.ofNullable(readOrMoveAside(file));
    }

    /**
     * Compares the latest stored run of a suite and scenario with a named baseline, using
     * {@link #statistics()}.
     *
     * @return the comparison (baseline label is the baseline name)
     * @throws IllegalArgumentException naming what is missing when there is no such run or baseline
     */
    public Comparison compareLatestWithBaseline(String suite, String scenario, String baselineName) {
        ScenarioResult latest = latest(suite, scenario).orElseThrow(() -> new IllegalArgumentException(
                "suite/scenario must have a stored run, but " + suite + "/" + scenario + " has none in " + directory));
        return compareWithBaseline(latest, baselineName);
    }

    /**
     * Compares a result with a named baseline, using {@link #statistics()}.
     *
     * @throws IllegalArgumentException naming the baseline when it does not exist
     */
    public Comparison compareWithBaseline(ScenarioResult candidate, String baselineName) {
        ScenarioResult base = baseline(baselineName).orElseThrow(() -> new IllegalArgumentException(
                "baseline must exist, but " + baselineName + " was not found in " + baselines));
        Comparison c = ResultStatistics.compare(base, candidate, statistics);
        return c.relabel("baseline " + baselineName, c.candidate());
    }

    /** @return number of results currently cached (after pending expiries are applied) */
    public long cachedCount() {
        cache.cleanUp();
        return cache.estimatedSize();
    }

    /** Drops the cache; files stay on disk. */
    @Override
    public void close() {
        cache.invalidateAll();
        cache.cleanUp();
    }

    private Path baselineFile(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("baseline name must not be blank, but was '" + name + "'");
        }
        return baselines.resolve(encode(name) + EXT);
    }

    private void writeAtomically(Path target, String text) {
        Path dir = target.getParent();
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new UncheckedIOException("the file system of " + dir + " cannot rename atomically", e);
            }
            tmp = null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    LOG.warn("cannot delete temporary file {}", tmp, e);
                }
            }
        }
        emit(new StoreEvent(StoreEvent.Kind.WRITTEN, target, "wrote " + target, null));
    }

    private ScenarioResult readOrMoveAside(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return null; // moved aside by another store meanwhile
        } catch (IOException e) {
            return moveAside(file, e);
        }
        try {
            return json.read(text);
        } catch (RuntimeException e) {
            return moveAside(file, e);
        }
    }

    private ScenarioResult moveAside(Path file, Exception cause) {
        Path target = corrupt.resolve(file.getFileName() + "." + UUID.randomUUID() + ".corrupt");
        try {
            Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
            String msg = "moved unreadable result " + file + " to " + target + ": " + cause.getMessage();
            LOG.warn(msg);
            emit(new StoreEvent(StoreEvent.Kind.CORRUPT_MOVED, target, msg, cause));
        } catch (NoSuchFileException e) {
            LOG.debug("{} was already moved aside by another store", file);
        } catch (IOException e) {
            String msg = "cannot read " + file + " (" + cause.getMessage() + ") nor move it aside: " + e.getMessage();
            LOG.warn(msg);
            emit(new StoreEvent(StoreEvent.Kind.UNREADABLE, file, msg, cause));
        }
        return null;
    }

    private void emit(StoreEvent event) {
        try {
            listener.accept(event);
        } catch (RuntimeException e) {
            LOG.warn("store listener threw on {}", event.kind(), e);
        }
    }

    private static long startedAt(String fileName, String prefix) {
        String rest = fileName.substring(prefix.length());
        int end = rest.indexOf(SEP);
        try {
            return end < 0 ? Long.MIN_VALUE : Long.parseLong(rest.substring(0, end));
        } catch (NumberFormatException e) {
            return Long.MIN_VALUE;
        }
    }

    /** File-name-safe form: URL encoding, with '_' and '.' also escaped so "__" only separates. */
    static String encode(String s) {
        Objects.requireNonNull(s, "name");
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("_", "%5F").replace(".", "%2E")
                .replace("*", "%2A");
    }

    static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private record Stored(String name, long started) {
    }

    /** Builds a {@link ResultStore}. Not thread-safe. */
    public static final class Builder {
        private final Path directory;
        private Duration expiry = DEFAULT_EXPIRY;
        private Ticker ticker = Ticker.systemTicker();
        private Consumer<StoreEvent> listener = e -> { };
        private StatisticsConfig statistics = StatisticsConfig.defaults();

        private Builder(Path directory) {
            this.directory = Objects.requireNonNull(directory, "directory");
        }

        /** @param expiry how long a cached result stays in memory after it was written or read; positive */
        public Builder expiry(Duration expiry) {
            if (expiry == null || expiry.isNegative() || expiry.isZero()) {
                throw new IllegalArgumentException("expiry must be positive, but was " + expiry);
            }
            this.expiry = expiry;
            return this;
        }

        /** @param ticker time source of the cache's expiry (a fake one in tests) */
        public Builder ticker(Ticker ticker) {
            this.ticker = Objects.requireNonNull(ticker, "ticker");
            return this;
        }

        /** @param listener receives {@link StoreEvent}s; must be thread-safe and must not throw */
        public Builder listener(Consumer<StoreEvent> listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** @param statistics settings for comparisons with baselines */
        public Builder statistics(StatisticsConfig statistics) {
            this.statistics = Objects.requireNonNull(statistics, "statistics");
            return this;
        }

        /** @return the store; creates the directory and its subdirectories */
        public ResultStore build() {
            return new ResultStore(this);
        }
    }
}
