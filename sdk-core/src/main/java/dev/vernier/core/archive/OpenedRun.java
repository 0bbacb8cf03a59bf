package dev.vernier.core.archive;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vernier.core.hlog.IntervalLogReader;
import dev.vernier.core.hlog.LoggedInterval;
import dev.vernier.core.report.JsonReport;
import dev.vernier.core.result.ScenarioResult;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The contents of an archived run, read into memory: its files by name, the result parsed from
 * {@code result.json}, the environment and interval log when present. Immutable and thread-safe
 * (file contents are copied out).
 */
public final class OpenedRun {

    private final String name;
    private final Map<String, byte[]> files;
    private final ScenarioResult result;

    OpenedRun(String name, Map<String, byte[]> files) {
        this.name = name;
        this.files = Collections.unmodifiableMap(new TreeMap<>(files));
        byte[] json = files.get(RunArchives.RESULT);
        if (json == null) {
            throw new IllegalArgumentException("archive " + name + " must hold " + RunArchives.RESULT
                    + ", but holds " + files.keySet());
        }
        this.result = new JsonReport().read(new String(json, StandardCharsets.UTF_8));
    }

    /** @return the run's name, {@code <time>-<suite>-<scenario>} */
    public String name() {
        return name;
    }

    /** @return the names of the files in the run, sorted */
    public List<String> files() {
        return List.copyOf(files.keySet());
    }

    /** @return the result, from {@code result.json} */
    public ScenarioResult result() {
        return result;
    }

    /**
     * @param file a file's name, e.g. {@code "report.md"}
     * @return its text (UTF-8)
     * @throws IllegalArgumentException naming the file and listing the others when it is absent
     */
    public String text(String file) {
        return new String(bytes(file), StandardCharsets.UTF_8);
    }

    /**
     * @param file a file's name
     * @return a copy of its bytes
     * @throws IllegalArgumentException naming the file when it is absent
     */
    public byte[] bytes(String file) {
        byte[] b = files.get(file);
        if (b == null) {
            throw new IllegalArgumentException("file must be one of " + files.keySet() + ", but was " + file);
        }
        return b.clone();
    }

    /** @return the environment the run recorded, if the archive has one */
    public Optional<Map<String, String>> environment() {
        byte[] b = files.get(RunArchives.ENVIRONMENT);
        if (b == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Collections.unmodifiableMap(new ObjectMapper().readValue(b,
                    new TypeReference<TreeMap<String, String>>() { })));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(RunArchives.ENVIRONMENT + " of " + name + " is not a JSON object of"
                    + " strings: " + e.getMessage(), e);
        }
    }

    /** @return the run's interval log, every line, if the archive has one */
    public Optional<List<LoggedInterval>> intervalLog() {
        byte[] b = files.get(RunArchives.HLOG);
        return b == null ? Optional.empty()
                : Optional.of(IntervalLogReader.read(new ByteArrayInputStream(b), name + "/" + RunArchives.HLOG));
    }
}
