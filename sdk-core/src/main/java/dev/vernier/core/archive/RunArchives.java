package dev.vernier.core.archive;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vernier.core.report.HtmlReport;
import dev.vernier.core.report.JsonReport;
import dev.vernier.core.report.MarkdownReport;
import dev.vernier.core.report.ReportSet;
import dev.vernier.core.report.Targets;
import dev.vernier.core.report.TuningTrajectory;
import dev.vernier.core.result.ScenarioResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Run directories and their compressed archives under one results directory:
 * {@code <results>/<time>-<suite>-<scenario>/} holds {@value #RESULT} (the result, {@link JsonReport}),
 * {@value #MARKDOWN} (summary with findings), {@value #HTML} (the {@link HtmlReport}),
 * {@value #HLOG} (the run's interval log, when given), {@value #ENVIRONMENT} (when given) and
 * {@value #MANIFEST} (format version, suite, scenario, start, file list); {@code <name>.zip} is the
 * same directory compressed ({@link java.util.zip}).
 *
 * <pre>{@code
 * RunArchives archives = RunArchives.in(Path.of("vernier-results"));
 * Path dir = archives.writer().hlog(Path.of("run.hlog")).environment(env).write(result);
 * Path zip = archives.compress(dir);
 * for (ArchiveEntry e : archives.list()) { ... }
 * ScenarioResult again = archives.open(zip).result();
 * }</pre>
 *
 * <p>{@code <time>} is the run's start in UTC ({@code 20231114T221320Z}); suite and scenario keep
 * letters, digits, {@code .}, {@code _} and {@code -} (anything else becomes {@code _}); a second run
 * with the same name gets {@code -2}, {@code -3}... A run directory appears whole (written under a
 * temporary name, then renamed); an archive is written the same way, with its entries sorted and
 * stamped with the run's start, so the same run gives the same bytes. Opening refuses entries
 * outside the run (no {@code ..}, no absolute paths) and files over {@value #MAX_FILE_BYTES} bytes.
 *
 * <p>Thread-safe: instances are immutable; concurrent writers of the same run get distinct names.
 */
public final class RunArchives {

    /** Version of the run directory layout, written in {@value #MANIFEST}. */
    public static final int FORMAT_VERSION = 1;
    /** The result as JSON. */
    public static final String RESULT = "result.json";
    /** The Markdown summary with findings. */
    public static final String MARKDOWN = "report.md";
    /** The self-contained HTML report. */
    public static final String HTML = "report.html";
    /** The run's HdrHistogram interval log. */
    public static final String HLOG = "latency.hlog";
    /** The environment the run recorded (JSON object of strings). */
    public static final String ENVIRONMENT = "environment.json";
    /** Layout version and contents. */
    public static final String MANIFEST = "manifest.json";
    /** Largest file read from an archive, bytes. */
    public static final long MAX_FILE_BYTES = 256L * 1024 * 1024;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final Pattern RUN_NAME = Pattern.compile("[0-9]{8}T[0-9]{6}Z-.+");
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private final Path root;

    private RunArchives(Path root) {
        this.root = root;
    }

    /**
     * @param results the results directory (created on first write)
     * @return the archives there
     */
    public static RunArchives in(Path results) {
        return new RunArchives(Objects.requireNonNull(results, "results"));
    }

    /** @return the results directory */
    public Path root() {
        return root;
    }

    /** @return a writer of run directories with the default targets and no extra files */
    public Writer writer() {
        return new Writer();
    }

    /**
     * @param result a finished result
     * @return the run's name for it, before any {@code -2} suffix: {@code <time>-<suite>-<scenario>}
     */
    public static String runName(ScenarioResult result) {
        return TIME.format(Instant.ofEpochMilli(result.startedAtEpochMillis())) + "-" + safe(result.suite()) + "-"
                + safe(result.scenarioName());
    }

    private static String safe(String s) {
        String out = s.replaceAll("[^A-Za-z0-9._-]", "_");
        out = out.length() > 60 ? out.substring(0, 60) : out;
        return out.isEmpty() || out.startsWith(".") ? "_" + out : out;
    }

    /**
     * Compresses a run directory into {@code <root>/<name>.zip} (replacing an older one).
     *
     * @param runDirectory a directory written by {@link Writer#write}
     * @return the archive
     * @throws IllegalArgumentException when the directory has no {@value #RESULT}
     * @throws UncheckedIOException when the archive cannot be written
     */
    public Path compress(Path runDirectory) {
        Path resultFile = runDirectory.resolve(RESULT);
        if (!Files.isRegularFile(resultFile)) {
            throw new IllegalArgumentException("runDirectory must hold " + RESULT + ", but " + runDirectory
                    + " does not");
        }
        String name = runDirectory.getFileName().toString();
        try {
            ScenarioResult r = new JsonReport().read(Files.readString(resultFile, StandardCharsets.UTF_8));
            LocalDateTime stamp = LocalDateTime.ofInstant(Instant.ofEpochMilli(r.startedAtEpochMillis()), ZoneOffset.UTC);
            List<Path> files;
            try (Stream<Path> s = Files.list(runDirectory)) {
                files = s.filter(Files::isRegularFile).sorted(Comparator.comparing(p -> p.getFileName().toString()))
                        .toList();
            }
            Path zip = runDirectory.resolveSibling(name + ".zip");
            Path tmp = Files.createTempFile(zip.getParent(), "." + name + ".", ".zip.tmp");
            try {
                try (OutputStream out = Files.newOutputStream(tmp); ZipOutputStream z = new ZipOutputStream(out)) {
                    ZipEntry dir = new ZipEntry(name + "/");
                    dir.setTimeLocal(stamp);
                    z.putNextEntry(dir);
                    z.closeEntry();
                    for (Path f : files) {
                        ZipEntry e = new ZipEntry(name + "/" + f.getFileName());
                        e.setTimeLocal(stamp);
                        z.putNextEntry(e);
                        Files.copy(f, z);
                        z.closeEntry();
                    }
                }
                move(tmp, zip);
                tmp = null;
            } finally {
                if (tmp != null) {
                    Files.deleteIfExists(tmp);
                }
            }
            return zip;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot compress " + runDirectory, e);
        }
    }

    /**
     * Every run directory and archive under the root, newest first (then by name).
     *
     * @return the entries; empty when the root does not exist
     * @throws UncheckedIOException when the root cannot be listed
     */
    public List<ArchiveEntry> list() {
        List<ArchiveEntry> out = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(root)) {
            for (Path p : ds) {
                String file = p.getFileName().toString();
                boolean zip = file.endsWith(".zip") && Files.isRegularFile(p);
                String name = zip ? file.substring(0, file.length() - 4) : file;
                if (!RUN_NAME.matcher(name).matches() || !(zip || Files.isRegularFile(p.resolve(RESULT)))) {
                    continue;
                }
                Instant started;
                try {
                    started = Instant.from(TIME.parse(name.substring(0, 16)));
                } catch (DateTimeParseException e) {
                    continue;
                }
                out.add(new ArchiveEntry(name, p, zip, started, zip ? Files.size(p) : size(p)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
        out.sort(Comparator.comparing(ArchiveEntry::started).reversed().thenComparing(ArchiveEntry::name)
                .thenComparing(ArchiveEntry::compressed));
        return out;
    }

    /**
     * Reads a run directory or a {@code .zip} archive.
     *
     * @param path a run directory, an archive, or a run's name under the root (the archive is preferred)
     * @return its contents
     * @throws IllegalArgumentException when it is not a run (no {@value #RESULT}, an entry outside the
     *     run, a file too large) or its result cannot be read
     * @throws UncheckedIOException when it cannot be read
     */
    public OpenedRun open(Path path) {
        Path p = path;
        if (!Files.exists(p) && !p.isAbsolute() && p.getNameCount() == 1) {
            Path zip = root.resolve(p + ".zip");
            p = Files.exists(zip) ? zip : root.resolve(p);
        }
        try {
            if (Files.isDirectory(p)) {
                Map<String, byte[]> files = new TreeMap<>();
                try (Stream<Path> s = Files.list(p)) {
                    for (Path f : s.filter(Files::isRegularFile).toList()) {
                        if (Files.size(f) > MAX_FILE_BYTES) {
                            throw new IllegalArgumentException(f + " must be at most " + MAX_FILE_BYTES
                                    + " bytes, but has " + Files.size(f));
                        }
                        files.put(f.getFileName().toString(), Files.readAllBytes(f));
                    }
                }
                return new OpenedRun(p.getFileName().toString(), files);
            }
            if (!Files.isRegularFile(p)) {
                throw new IllegalArgumentException("path must be a run directory or a .zip archive, but " + path
                        + " is neither");
            }
            return openZip(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p, e);
        }
    }

    private static OpenedRun openZip(Path zip) throws IOException {
        String file = zip.getFileName().toString();
        String name = file.endsWith(".zip") ? file.substring(0, file.length() - 4) : file;
        Map<String, byte[]> files = new TreeMap<>();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> entries = z.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                String entry = e.getName();
                if (entry.equals(name + "/")) {
                    continue;
                }
                String inner = entry.startsWith(name + "/") ? entry.substring(name.length() + 1) : null;
                if (inner == null || e.isDirectory() || !FILE_NAME.matcher(inner).matches()) {
                    throw new IllegalArgumentException("archive " + zip + " must hold only the files of run " + name
                            + ", but holds entry '" + entry + "'");
                }
                try (InputStream in = z.getInputStream(e)) {
                    files.put(inner, readBounded(in, zip + "!" + entry));
                }
            }
        }
        return new OpenedRun(name, files);
    }

    private static byte[] readBounded(InputStream in, String what) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[64 * 1024];
        long total = 0;
        for (int n; (n = in.read(buf)) > 0; ) {
            total += n;
            if (total > MAX_FILE_BYTES) {
                throw new IllegalArgumentException(what + " must be at most " + MAX_FILE_BYTES
                        + " bytes uncompressed, but is larger");
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            long sum = 0;
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                sum += Files.size(f);
            }
            return sum;
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system of " + to.getParent() + " cannot rename atomically", e);
        }
    }

    /** What goes into a run directory besides the result. Not thread-safe; one per write. */
    public final class Writer {
        private Targets targets = Targets.defaults();
        private TuningTrajectory tuning;
        private Path hlog;
        private Map<String, String> environment;
        private boolean html = true;

        private Writer() {
        }

        /** @param targets what the findings compare against (default {@link Targets#defaults()}) */
        public Writer targets(Targets targets) {
            this.targets = Objects.requireNonNull(targets, "targets");
            return this;
        }

        /** @param trajectory a tuning session drawn in the HTML report, or null */
        public Writer tuning(TuningTrajectory trajectory) {
            this.tuning = trajectory;
            return this;
        }

        /** @param file the run's interval log (e.g. from {@code IntervalLogListener}), copied as {@value #HLOG} */
        public Writer hlog(Path file) {
            this.hlog = Objects.requireNonNull(file, "hlog");
            return this;
        }

        /** @param environment what the run ran on (JDK, OS, CPU...), written as {@value #ENVIRONMENT} */
        public Writer environment(Map<String, String> environment) {
            this.environment = new TreeMap<>(Objects.requireNonNull(environment, "environment"));
            return this;
        }

        /** @param include false to leave out the HTML report (default true) */
        public Writer html(boolean include) {
            this.html = include;
            return this;
        }

        /**
         * Writes the run directory, whole or not at all.
         *
         * @param result a finished result
         * @return the run directory
         * @throws IllegalArgumentException when the interval log given does not exist
         * @throws UncheckedIOException when the directory cannot be written
         */
        public Path write(ScenarioResult result) {
            Objects.requireNonNull(result, "result");
            if (hlog != null && !Files.isRegularFile(hlog)) {
                throw new IllegalArgumentException("hlog must be an existing file, but " + hlog + " is not");
            }
            Map<String, byte[]> files = new LinkedHashMap<>();
            files.put(RESULT, new JsonReport().write(result).getBytes(StandardCharsets.UTF_8));
            files.put(MARKDOWN, new MarkdownReport().render(result, targets).getBytes(StandardCharsets.UTF_8));
            if (html) {
                ReportSet set = ReportSet.builder(result.suite() + " / " + result.scenarioName()).result(result)
                        .tuning(tuning).build();
                files.put(HTML, HtmlReport.builder().targets(targets).build().render(set)
                        .getBytes(StandardCharsets.UTF_8));
            }
            try {
                if (hlog != null) {
                    files.put(HLOG, Files.readAllBytes(hlog));
                }
                if (environment != null) {
                    files.put(ENVIRONMENT, JSON.writeValueAsBytes(environment));
                }
                ObjectNode manifest = JSON.createObjectNode();
                manifest.put("format", FORMAT_VERSION).put("suite", result.suite())
                        .put("scenario", result.scenarioName())
                        .put("startedAt", Instant.ofEpochMilli(result.startedAtEpochMillis()).toString());
                com.fasterxml.jackson.databind.node.ArrayNode list = manifest.putArray("files");
                files.keySet().forEach(list::add);
                list.add(MANIFEST);
                files.put(MANIFEST, JSON.writeValueAsBytes(manifest));

                Files.createDirectories(root);
                Path tmp = root.resolve("." + runName(result) + "." + UUID.randomUUID() + ".tmp");
                Files.createDirectory(tmp);
                try {
                    for (Map.Entry<String, byte[]> e : files.entrySet()) {
                        Files.write(tmp.resolve(e.getKey()), e.getValue());
                    }
                    String base = runName(result);
                    for (int i = 1; ; i++) {
                        Path target = root.resolve(i == 1 ? base : base + "-" + i);
                        if (Files.exists(target) || Files.exists(root.resolve(target.getFileName() + ".zip"))) {
                            continue;
                        }
                        try {
                            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                            tmp = null;
                            return target;
                        } catch (java.nio.file.FileAlreadyExistsException
                                 | java.nio.file.DirectoryNotEmptyException raced) {
                            // another writer took this name: try the next
                        }
                    }
                } finally {
                    if (tmp != null) {
                        try (Stream<Path> s = Files.list(tmp)) {
                            for (Path f : s.toList()) {
                                Files.deleteIfExists(f);
                            }
                        }
                        Files.deleteIfExists(tmp);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the run directory of " + runName(result) + " in " + root, e);
            }
        }
    }
}
