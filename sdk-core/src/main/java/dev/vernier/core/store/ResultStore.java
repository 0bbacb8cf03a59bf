package dev.vernier.core.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.vernier.core.report.JsonReport;
import dev.vernier.core.report.NewerSchemaException;
import dev.vernier.core.report.OlderSchemaException;
import dev.vernier.core.result.ScenarioResult;
import dev.vernier.core.stats.Comparison;
import dev.vernier.core.stats.ResultStatistics;
import dev.vernier.core.stats.StatisticsConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * History of results: every result is written to a directory as JSON ({@link JsonReport}), kept
 * for a retention period (7 days by default) and then deleted; recent ones are also held in a
 * Caffeine cache bounded by weight. Named baselines are kept until deleted.
 *
 * <p>Layout: {@code <dir>/<suite>__<scenario>__<startedAtEpochMillis>__<uuid>.json} (suite and
 * scenario URL-encoded), named baselines in {@code <dir>/baselines/<name>.json}, unreadable files
 * moved to {@code <dir>/corrupt/}. The random suffix keeps names unique across JVMs writing to the
 * same directory.
 *
 * <p><b>Durability.</b> Every write goes to a {@code *.tmp} file in the target directory, which is
 * fsynced, renamed into place with {@link StandardCopyOption#ATOMIC_MOVE}, and then the directory
 * is fsynced; {@link #save} returns only after all of it, so a result whose save returned survives a
 * crash of the process or the machine, and a reader (in this or another JVM) sees either nothing
 * or a whole file. {@code *.tmp} files are never read; ones older than
 * {@link Builder#staleTempAge(Duration)} (left by a writer that died mid-save) are deleted on open.
 *
 * <p><b>Retention.</b> A result is kept for {@link Builder#retention(Duration)} after it started
 * (its {@code startedAtEpochMillis}); older ones are not returned, are deleted when the store
 * opens and at most every {@link Builder#sweepInterval(Duration)} after that (on the next save or
 * query; the store starts no thread), and leave the cache at the same moment. Baselines and
 * {@code corrupt/} are never deleted by retention. Stores sharing a directory each apply their
 * own retention: the shortest wins.
 *
 * <p><b>Problems are reported, never silent.</b> A file that cannot be parsed is moved to
 * {@code corrupt/} ({@link StoreEvent.Kind#CORRUPT_MOVED}); a file written by a newer Vernier
 * (newer schema version) is left in place and skipped ({@link StoreEvent.Kind#NEWER_SCHEMA}, once
 * per file and store); deletions are reported too.
 *
 * <p>Thread-safe: any number of threads (and stores in other JVMs) may use one directory. The
 * listener is called on the thread that did the work and must not throw. Time comes from the
 * injected {@link Clock} (wall time, for retention and the cache).
 */
public final class ResultStore implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ResultStore.class);
    private static final String SEP = "__";
    private static final String EXT = ".json";
    private static final String TMP = ".tmp";

    /** Default retention of results on disk and in memory. */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(7);
    /** Default bound of the cache: the summed JSON size of cached results, bytes. */
    public static final long DEFAULT_MAXIMUM_CACHE_BYTES = 32L << 20;
    /** Default interval between retention sweeps after the one on open. */
    public static final Duration DEFAULT_SWEEP_INTERVAL = Duration.ofHours(1);
    /** Default age after which a {@code *.tmp} file is taken for one a dead writer left. */
    public static final Duration DEFAULT_STALE_TEMP_AGE = Duration.ofMinutes(10);

    private final Path directory;
    private final Path baselines;
    private final Path corrupt;
    private final Cache<String, Cached> cache;
    private final Consumer<StoreEvent> listener;
    private final StatisticsConfig statistics;
    private final Clock clock;
    private final Duration retention;
    private final Duration sweepInterval;
    private final Duration staleTempAge;
    private final Syncer syncer;
    private final AtomicLong lastSweepMillis = new AtomicLong();
    private final Set<Path> reportedNewer = ConcurrentHashMap.newKeySet();
    private final JsonReport json = new JsonReport();

    /** A cached result and its weight (the size of its JSON, a proxy for its heap). */
    private record Cached(ScenarioResult result, int weight) {
    }

    private ResultStore(Builder b) {
        this.directory = b.directory;
        this.baselines = b.directory.resolve("baselines");
        this.corrupt = b.directory.resolve("corrupt");
        this.listener = b.listener;
        this.statistics = b.statistics;
        this.clock = b.clock;
        this.retention = b.retention;
        this.sweepInterval = b.sweepInterval;
        this.staleTempAge = b.staleTempAge;
        this.syncer = b.syncer;
        Clock c = b.clock;
        long origin = c.millis();
        this.cache = Caffeine.newBuilder()
                .maximumWeight(b.maximumCacheBytes)
                .weigher((String k, Cached v) -> v.weight())
                .expireAfter(new Expiry<String, Cached>() {
                    @Override
                    public long expireAfterCreate(String key, Cached value, long currentTime) {
                        return nanosLeft(value.result());
                    }

                    @Override
                    public long expireAfterUpdate(String key, Cached value, long currentTime, long currentDuration) {
                        return nanosLeft(value.result());
                    }

                    @Override
                    public long expireAfterRead(String key, Cached value, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                })
                .ticker(() -> (c.millis() - origin) * 1_000_000L)
                .executor(Runnable::run)
                .build();
        try {
            Files.createDirectories(baselines);
            Files.createDirectories(corrupt);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create store directory " + directory, e);
        }
        deleteStaleTemporaryFiles(directory);
        deleteStaleTemporaryFiles(baselines);
        sweep();
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

    /** @return how long a result is kept after it started; null when results are kept forever */
    public Duration retention() {
        return retention;
    }

    /**
     * Writes a result to disk durably (see the class comment) and caches it. A result already
     * older than the retention period is written all the same and goes at the next sweep.
     *
     * @param result the result
     * @return the file written
     * @throws UncheckedIOException when the file cannot be written and synced
     */
    public Path save(ScenarioResult result) {
        Objects.requireNonNull(result, "result");
        sweepIfDue();
        String name = encode(result.suite()) + SEP + encode(result.scenarioName()) + SEP + result.startedAtEpochMillis()
                + SEP + UUID.randomUUID() + EXT;
        Path file = directory.resolve(name);
        String text = json.write(result);
        writeAtomically(file, text);
        if (!expired(result.startedAtEpochMillis())) {
            cache.put(name, new Cached(result, text.length()));
        }
        return file;
    }

    /**
     * Results of one suite and scenario started in {@code [from, to)} and still within retention,
     * oldest first. Cached results are served from memory, the others read from disk (and cached).
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
        sweepIfDue();
        String prefix = encode(suite) + SEP + encode(scenario) + SEP;
        long lowest = Math.max(from.toEpochMilli(), cutoffMillis());
        List<Stored> hits = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(directory, prefix + "*" + EXT)) {
            for (Path p : ds) {
                String fileName = p.getFileName().toString();
                long started = startedAt(fileName.substring(prefix.length()));
                if (started != Long.MIN_VALUE && started >= lowest && started < to.toEpochMilli()) {
                    hits.add(new Stored(fileName, started));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
        hits.sort(Comparator.comparingLong(Stored::started).thenComparing(Stored::name));
        List<ScenarioResult> out = new ArrayList<>();
        for (Stored s : hits) {
            Cached c = cache.getIfPresent(s.name());
            if (c == null) {
                Read r = read(directory.resolve(s.name()));
                if (r.result() != null) {
                    c = new Cached(r.result(), r.weight());
                    cache.put(s.name(), c);
                }
            }
            if (c != null) {
                out.add(c.result());
            }
        }
        return out;
    }

    /** @return every result of one suite and scenario within retention, oldest first */
    public List<ScenarioResult> find(String suite, String scenario) {
        return find(suite, scenario, Instant.EPOCH, Instant.ofEpochMilli(Long.MAX_VALUE));
    }

    /** @return the result of one suite and scenario that started last, if any */
    public Optional<ScenarioResult> latest(String suite, String scenario) {
        List<ScenarioResult> all = find(suite, scenario);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /**
     * A suite and scenario with stored results, as {@link #series()} lists them.
     *
     * @param suite the suite's name
     * @param scenario the scenario's name
     */
    public record Series(String suite, String scenario) {
    }

    /**
     * Every suite and scenario with at least one result within retention, from the files' names (no
     * result is read), for listings such as {@code vernier history}; read each with {@link #find}.
     *
     * @return the series, sorted by suite, then scenario
     * @throws UncheckedIOException when the directory cannot be listed
     */
    public List<Series> series() {
        sweepIfDue();
        long lowest = cutoffMillis();
        java.util.TreeSet<Series> out = new java.util.TreeSet<>(
                Comparator.comparing(Series::suite).thenComparing(Series::scenario));
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(directory, "*" + EXT)) {
            for (Path p : ds) {
                String[] parts = p.getFileName().toString().split(SEP, -1);
                long started = startedAtOfResultFile(p.getFileName().toString());
                if (started != Long.MIN_VALUE && started >= lowest) {
                    out.add(new Series(decode(parts[0]), decode(parts[1])));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
        return List.copyOf(out);
    }

    /**
     * @return the names of the stored baselines, sorted (read each with {@link #baseline})
     * @throws UncheckedIOException when the baselines directory cannot be listed
     */
    public List<String> baselineNames() {
        List<String> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(baselines, "*" + EXT)) {
            for (Path p : ds) {
                String file = p.getFileName().toString();
                out.add(decode(file.substring(0, file.length() - EXT.length())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + baselines, e);
        }
        out.sort(null);
        return out;
    }

    /**
     * Saves (or replaces, atomically and durably) a named baseline. Baselines are not subject to
     * retention: they stay until {@link #deleteBaseline}.
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
     * @return the baseline, or empty when there is none, it was corrupt (and moved aside) or it was
     *     written by a newer Vernier (reported to the listener)
     */
    public Optional<ScenarioResult> baseline(String name) {
        Path file = baselineFile(name);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        return Optional.ofNullable(read(file).result());
    }

    /**
     * Deletes a named baseline.
     *
     * @param name baseline name
     * @return true when it existed
     * @throws UncheckedIOException when it exists and cannot be deleted
     */
    public boolean deleteBaseline(String name) {
        Path file = baselineFile(name);
        try {
            boolean deleted = Files.deleteIfExists(file);
            if (deleted) {
                syncDirectory(baselines);
                emit(new StoreEvent(StoreEvent.Kind.BASELINE_DELETED, file, "deleted baseline " + name, null));
            }
            return deleted;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete baseline " + file, e);
        }
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
     * @throws IllegalArgumentException naming the baseline and why when it does not exist or cannot
     *     be read (corrupt, or written by a newer Vernier)
     */
    public Comparison compareWithBaseline(ScenarioResult candidate, String baselineName) {
        Path file = baselineFile(baselineName);
        if (!Files.exists(file)) {
            throw new IllegalArgumentException("baseline must exist, but " + baselineName + " was not found in "
                    + baselines);
        }
        Read r = read(file);
        if (r.result() == null) {
            throw new IllegalArgumentException("baseline " + baselineName + " must be readable, but " + r.problem());
        }
        Comparison c = ResultStatistics.compare(r.result(), candidate, statistics);
        return c.relabel("baseline " + baselineName, c.candidate());
    }

    /**
     * @return the run directories and compressed archives kept under {@code <dir>/archives} (written,
     *     listed and opened there; see {@link dev.vernier.core.archive.RunArchives})
     */
    public dev.vernier.core.archive.RunArchives archives() {
        return dev.vernier.core.archive.RunArchives.in(directory.resolve("archives"));
    }

    /** @return number of results currently cached (after pending expiries are applied) */
    public long cachedCount() {
        cache.cleanUp();
        return cache.estimatedSize();
    }

    /** @return summed weight of the cached results (their JSON size), bytes */
    public long cachedBytes() {
        cache.cleanUp();
        return cache.policy().eviction().map(e -> e.weightedSize().orElse(0)).orElse(0L);
    }

    /**
     * Deletes every result older than the retention period now, whatever the sweep interval.
     *
     * @return number of files deleted
     */
    public int sweep() {
        lastSweepMillis.set(clock.millis());
        if (retention == null) {
            return 0;
        }
        long cutoff = cutoffMillis();
        int deleted = 0;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(directory, "*" + EXT)) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                long started = startedAtOfResultFile(name);
                if (started != Long.MIN_VALUE && started < cutoff) {
                    cache.invalidate(name);
                    try {
                        if (Files.deleteIfExists(p)) {
                            deleted++;
                            emit(new StoreEvent(StoreEvent.Kind.EXPIRED_DELETED, p, "deleted " + p + ": started "
                                    + Instant.ofEpochMilli(started) + ", more than " + retention + " ago", null));
                        }
                    } catch (IOException e) {
                        LOG.warn("cannot delete expired result {}", p, e);
                    }
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot list {} to apply retention", directory, e);
        }
        if (deleted > 0) {
            syncDirectory(directory);
        }
        return deleted;
    }

    /** Drops the cache; files stay on disk. The store starts no thread, so none is left. */
    @Override
    public void close() {
        cache.invalidateAll();
        cache.cleanUp();
    }

    private void sweepIfDue() {
        long last = lastSweepMillis.get();
        long now = clock.millis();
        if (now - last >= sweepInterval.toMillis() && lastSweepMillis.compareAndSet(last, now)) {
            sweep();
        }
    }

    private long cutoffMillis() {
        if (retention == null) {
            return Long.MIN_VALUE;
        }
        long now = clock.millis();
        long keep = retention.toMillis();
        return now - keep > now ? Long.MIN_VALUE : now - keep; // saturate instead of wrapping
    }

    private boolean expired(long startedAtMillis) {
        return startedAtMillis < cutoffMillis();
    }

    /** Nanoseconds until a result leaves retention (the cache's expiry), at least 0. */
    private long nanosLeft(ScenarioResult r) {
        if (retention == null) {
            return Long.MAX_VALUE;
        }
        long leftMillis = r.startedAtEpochMillis() + Math.min(retention.toMillis(), Long.MAX_VALUE / 4)
                - clock.millis();
        return leftMillis <= 0 ? 0 : leftMillis >= Long.MAX_VALUE / 1_000_000L ? Long.MAX_VALUE : leftMillis * 1_000_000L;
    }

    private void deleteStaleTemporaryFiles(Path dir) {
        long now = clock.millis();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*" + TMP)) {
            for (Path p : ds) {
                try {
                    long age = now - Files.getLastModifiedTime(p).toMillis();
                    if (age >= staleTempAge.toMillis() && Files.deleteIfExists(p)) {
                        emit(new StoreEvent(StoreEvent.Kind.STALE_TEMP_DELETED, p, "deleted " + p
                                + ", a temporary file left by a writer that stopped mid-save " + age / 1000 + " s ago",
                                null));
                    }
                } catch (NoSuchFileException e) {
                    LOG.debug("{} was published or deleted meanwhile", p);
                } catch (IOException e) {
                    LOG.warn("cannot delete stale temporary file {}", p, e);
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot list {} for stale temporary files", dir, e);
        }
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
            tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", TMP);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = StandardCharsets.UTF_8.encode(text);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                syncer.syncFile(ch, tmp);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new UncheckedIOException("the file system of " + dir + " cannot rename atomically", e);
            }
            tmp = null;
            syncer.syncDirectory(dir);
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

    private void syncDirectory(Path dir) {
        try {
            syncer.syncDirectory(dir);
        } catch (IOException e) {
            LOG.warn("cannot sync directory {}", dir, e);
        }
    }

    /** A file read: the result, or why there is none. */
    private record Read(ScenarioResult result, int weight, String problem) {
    }

    private Read read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return new Read(null, 0, file + " was deleted or moved aside meanwhile");
        } catch (IOException e) {
            return new Read(null, 0, moveAside(file, e));
        }
        try {
            return new Read(json.read(text), text.length(), null);
        } catch (NewerSchemaException | OlderSchemaException e) {
            String msg = file + " was " + e.getMessage() + "; left in place and skipped";
            if (reportedNewer.add(file)) {
                LOG.warn(msg);
                emit(new StoreEvent(e instanceof NewerSchemaException ? StoreEvent.Kind.NEWER_SCHEMA
                        : StoreEvent.Kind.OLDER_SCHEMA, file, msg, e));
            }
            return new Read(null, 0, msg);
        } catch (RuntimeException e) {
            return new Read(null, 0, moveAside(file, e));
        }
    }

    /** @return the sentence reported */
    private String moveAside(Path file, Exception cause) {
        Path target = corrupt.resolve(file.getFileName() + "." + UUID.randomUUID() + ".corrupt");
        try {
            Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
            String msg = "moved unreadable result " + file + " to " + target + ": " + cause.getMessage();
            LOG.warn(msg);
            emit(new StoreEvent(StoreEvent.Kind.CORRUPT_MOVED, target, msg, cause));
            return msg;
        } catch (NoSuchFileException e) {
            LOG.debug("{} was already moved aside by another store", file);
            return file + " was unreadable and moved aside by another store";
        } catch (IOException e) {
            String msg = "cannot read " + file + " (" + cause.getMessage() + ") nor move it aside: " + e.getMessage();
            LOG.warn(msg);
            emit(new StoreEvent(StoreEvent.Kind.UNREADABLE, file, msg, cause));
            return msg;
        }
    }

    private void emit(StoreEvent event) {
        try {
            listener.accept(event);
        } catch (RuntimeException e) {
            LOG.warn("store listener threw on {}", event.kind(), e);
        }
    }

    /** @return the start time in a result's file name (after the suite and scenario), or MIN_VALUE */
    private static long startedAtOfResultFile(String fileName) {
        String[] parts = fileName.split(SEP, -1);
        return parts.length == 4 && parts[3].endsWith(EXT) ? parse(parts[2]) : Long.MIN_VALUE;
    }

    /** @param rest the part of a file name after "suite__scenario__" */
    private static long startedAt(String rest) {
        int end = rest.indexOf(SEP);
        return end < 0 ? Long.MIN_VALUE : parse(rest.substring(0, end));
    }

    private static long parse(String s) {
        try {
            return Long.parseLong(s);
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
        private Duration retention = DEFAULT_RETENTION;
        private long maximumCacheBytes = DEFAULT_MAXIMUM_CACHE_BYTES;
        private Duration sweepInterval = DEFAULT_SWEEP_INTERVAL;
        private Duration staleTempAge = DEFAULT_STALE_TEMP_AGE;
        private Clock clock = Clock.systemUTC();
        private Consumer<StoreEvent> listener = e -> { };
        private StatisticsConfig statistics = StatisticsConfig.defaults();
        private Syncer syncer = Syncer.DEVICE;

        private Builder(Path directory) {
            this.directory = Objects.requireNonNull(directory, "directory");
        }

        /**
         * @param retention how long a result is kept after it started, on disk and in memory;
         *     positive; default {@link #DEFAULT_RETENTION}
         */
        public Builder retention(Duration retention) {
            this.retention = positive("retention", retention);
            return this;
        }

        /** Keeps results until deleted by hand (no retention). Baselines are always kept. */
        public Builder keepForever() {
            this.retention = null;
            return this;
        }

        /**
         * @param bytes largest summed size of cached results, measured as their JSON size (a proxy for
         *     their heap: a parsed result retained 0.9 to 1.0 times its JSON length in bytes, measured
         *     on 1- and 4-iteration results of 17 and 27 KB); at least 0 (0 caches nothing); default
         *     {@link #DEFAULT_MAXIMUM_CACHE_BYTES}
         */
        public Builder maximumCacheBytes(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("maximumCacheBytes must be at least 0, but was " + bytes);
            }
            this.maximumCacheBytes = bytes;
            return this;
        }

        /** @param interval least time between retention sweeps after the one on open; positive; default 1 hour */
        public Builder sweepInterval(Duration interval) {
            this.sweepInterval = positive("sweepInterval", interval);
            return this;
        }

        /**
         * @param age age after which a {@code *.tmp} file is taken for one left by a dead writer and
         *     deleted on open; positive (a live save takes milliseconds); default 10 minutes
         */
        public Builder staleTempAge(Duration age) {
            this.staleTempAge = positive("staleTempAge", age);
            return this;
        }

        /** @param clock wall-clock time of retention and of the cache (a fixed or offset one in tests) */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
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

        /** Test seam: how writes are made durable. */
        Builder syncer(Syncer syncer) {
            this.syncer = Objects.requireNonNull(syncer, "syncer");
            return this;
        }

        /**
         * @return the store; creates the directory and its subdirectories, deletes stale temporary
         *     files and expired results
         */
        public ResultStore build() {
            return new ResultStore(this);
        }

        private static Duration positive(String name, Duration d) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, but was " + d);
            }
            return d;
        }
    }
}
