package dev.vernier.cli.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vernier.api.ClusterControl;
import dev.vernier.api.FaultInjector;
import dev.vernier.api.FaultPlan;
import dev.vernier.api.Phase;
import dev.vernier.api.ProtocolSuite;
import dev.vernier.api.Scenario;
import dev.vernier.api.tuning.Metric;
import dev.vernier.api.tuning.Objective;
import dev.vernier.api.tuning.Parameter;
import dev.vernier.api.tuning.Tunable;
import dev.vernier.cli.adapters.AlertRules;
import dev.vernier.cli.adapters.TuningDriver;
import dev.vernier.cli.suites.SuiteFactory;
import dev.vernier.core.report.ScenarioJson;
import dev.vernier.core.report.Targets;
import dev.vernier.core.stats.StatisticsConfig;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads a configuration file ({@code docs/cli.md} is its reference, {@code docs/vernier-config.schema.json}
 * its schema): safely ({@link SafeYaml}), with the selected profile applied ({@link Profiles}), every
 * value checked, and every problem reported at once with its path and line ({@link ConfigException}).
 * Scenarios are read by {@link ScenarioJson}, so a configuration can say everything a
 * {@link Scenario} can; suites are created by {@link SuiteFactory}; tuning settings are checked by the
 * optimizer's own builder ({@link TuningDriver}).
 *
 * <p>Stateless and thread-safe.
 */
public final class ConfigLoader {

    /** Largest configuration file read, bytes. */
    public static final long MAX_FILE_BYTES = 4L * SafeYaml.MAX_CODE_POINTS;

    /** Keys of the document's root. */
    public static final Set<String> ROOT_KEYS = Set.of("version", "description", "classPath", "suites", "scenarios",
            "targets", "alerts", "environment", "output", "gate", "tuning", "profiles");
    /** Keys of one suite. */
    public static final Set<String> SUITE_KEYS = Set.of("name", "builtin", "class", "factory", "properties");
    /** Keys of a scenario besides the {@link Scenario} settings. */
    public static final Set<String> SCENARIO_EXTRA_KEYS = Set.of("suites", "targets");
    /** Keys of a targets section. */
    public static final Set<String> TARGET_KEYS = Set.of("p50Ms", "p95Ms", "p99Ms", "errorRate", "cpuPercent",
            "memoryPerNodeMb", "throughputFloorOpsPerSecond", "throughputGain", "latencyReductionPercent",
            "scalabilityFloors");
    /** Keys of the alerts section. */
    public static final Set<String> ALERT_KEYS = Set.of("defaults", "rules");
    /** Keys of one alert rule. */
    public static final Set<String> RULE_KEYS = Set.of("name", "metric", "above", "below", "atOrAbove", "atOrBelow",
            "for", "severity", "abortOnFail");
    /** Keys of the environment section. */
    public static final Set<String> ENVIRONMENT_KEYS = Set.of("check", "maxLoadPerCore", "minFreeMemoryMb",
            "busyProcessPercent", "sampleTime", "requireQuiet");
    /** Keys of the output section. */
    public static final Set<String> OUTPUT_KEYS = Set.of("directory", "html", "archive", "hlog", "store", "retention",
            "label");
    /** Keys of the gate section. */
    public static final Set<String> GATE_KEYS = Set.of("baselines", "alpha", "threshold", "errorThreshold",
            "failOnInconclusive");
    /** Keys of the tuning section besides the session settings ({@link TuningDriver#settingKeys()}). */
    public static final Set<String> TUNING_KEYS = Set.of("suite", "parameters", "objective", "window",
            "operatingPoint", "benchmark", "targets");
    /** Keys of a tuning operating point. */
    public static final Set<String> OPERATING_POINT_KEYS = Set.of("opsPerSecond", "warmup");
    /** Keys of a tuning objective. */
    public static final Set<String> OBJECTIVE_KEYS = Set.of("maximize", "minimize", "constraints");
    /** Keys of one objective constraint. */
    public static final Set<String> CONSTRAINT_KEYS = Set.of("metric", "atMost", "atLeast");

    /** Root keys with this prefix are ignored: a place for YAML anchors ({@code x-defaults: &defaults}). */
    public static final String EXTENSION_PREFIX = "x-";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Duration MIN_INTERVAL = Duration.ofMillis(10);

    private ConfigLoader() {
    }

    /**
     * How to read: the profile to apply, an extra time scale, extra class path entries.
     *
     * @param profile a profile of the file's {@code profiles}, or null
     * @param timeScale multiplies every scenario's durations (after the profile's own), positive
     * @param classPath jars and directories searched for suite classes, besides the file's {@code classPath}
     */
    public record Options(String profile, double timeScale, List<Path> classPath) {
        /** Copies the list. */
        public Options {
            if (!(timeScale > 0 && timeScale < 1e6)) {
                throw new IllegalArgumentException("timeScale must be positive, but was " + timeScale);
            }
            classPath = List.copyOf(classPath);
        }

        /** @return no profile, scale 1, no extra class path */
        public static Options defaults() {
            return new Options(null, 1, List.of());
        }
    }

    /** @return every setting of a {@link Scenario}, as {@link ScenarioJson} names them */
    public static Set<String> scenarioKeys() {
        Set<String> keys = new TreeSet<>();
        ScenarioJson.toTree(Scenario.builder("keys").clusterSizes(1).build()).fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    /** @return every key of the tuning section */
    public static Set<String> tuningKeys() {
        Set<String> keys = new TreeSet<>(TUNING_KEYS);
        keys.addAll(TuningDriver.settingKeys());
        return keys;
    }

    /**
     * @param file a YAML file
     * @param options profile, time scale, class path
     * @return the configuration
     * @throws ConfigException listing every problem
     */
    public static BenchmarkConfig load(Path file, Options options) {
        String text;
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new ConfigException(List.of(file + ": must be at most " + MAX_FILE_BYTES + " bytes, but has "
                        + size));
            }
            byte[] bytes = Files.readAllBytes(file);
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ConfigException(List.of(file + ": no such file"));
        } catch (CharacterCodingException e) {
            throw new ConfigException(List.of(file + ": must be UTF-8 text, but is not (" + e + ")"));
        } catch (IOException e) {
            throw new ConfigException(List.of(file + ": cannot be read: " + e));
        }
        return parse(text, file, options);
    }

    /**
     * @param text the document
     * @param source where it came from (relative {@code classPath} entries are resolved against its
     *     directory)
     * @param options profile, time scale, class path
     * @return the configuration
     * @throws ConfigException listing every problem
     */
    public static BenchmarkConfig parse(String text, Path source, Options options) {
        SafeYaml.Document doc = SafeYaml.read(text);
        Map<String, Integer> lines = new HashMap<>(doc.lines());
        Problems p = new Problems();
        JsonNode version = doc.root().get("version");
        if (version != null) {
            Integer v = Values.integer(version, "version", 1, Integer.MAX_VALUE, p);
            if (v != null && v > BenchmarkConfig.FORMAT_VERSION) {
                p.add("version", "must be at most " + BenchmarkConfig.FORMAT_VERSION + ", but was " + v
                        + ": the file was written for a newer Vernier");
            }
        }
        Profiles.Applied applied = Profiles.apply(doc.root(), options.profile(), lines, p);
        ObjectNode root = applied.root();
        root.remove(extensions(root));
        p.unknownKeys(root, "", ROOT_KEYS);
        double scale = applied.timeScale() * options.timeScale();
        String description = root.has("description") ? Values.text(root.get("description"), "description", p) : null;
        ClassLoader loader = classLoader(root.get("classPath"), source, options.classPath(), p);
        BenchmarkConfig.Output output = output(section(root, "output", p), p);
        BenchmarkConfig.EnvironmentCheck environment = environment(section(root, "environment", p), p);
        BenchmarkConfig.Gate gate = gate(section(root, "gate", p), p);
        BenchmarkConfig.Alerts alerts = alerts(section(root, "alerts", p), p);
        BenchmarkConfig.TargetSet targets = targets(section(root, "targets", p), "targets",
                BenchmarkConfig.TargetSet.defaults(), p);
        List<BenchmarkConfig.Suite> suites = suites(root.get("suites"), loader, p);
        List<BenchmarkConfig.ScenarioEntry> scenarios = scenarios(root, targets, scale, p);
        BenchmarkConfig.Tuning tuning = root.has("tuning")
                ? tuning(section(root, "tuning", p), root, targets, scale, p) : null;
        if (!root.has("scenarios") && tuning == null) {
            p.add("scenarios", "must list at least one scenario (or the file must have a tuning section), but is"
                    + " missing");
        }
        crossCheck(root, suites, scenarios, tuning, p);
        p.throwIfAny(lines);
        return new BenchmarkConfig(source, options.profile(), description, suites, scenarios, targets, alerts,
                environment,
                output, gate, tuning, scale);
    }

    /** Keys starting with {@value #EXTENSION_PREFIX} at the root hold anchors for the rest of the file; not read. */
    private static List<String> extensions(ObjectNode root) {
        List<String> out = new ArrayList<>();
        root.fieldNames().forEachRemaining(k -> {
            if (k.startsWith(EXTENSION_PREFIX)) {
                out.add(k);
            }
        });
        return out;
    }

    private static ObjectNode section(ObjectNode root, String key, Problems p) {
        JsonNode n = root.get(key);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isObject()) {
            p.add(key, "must be a map of settings, but was " + Problems.describe(n));
            return null;
        }
        return (ObjectNode) n;
    }

    private static ClassLoader classLoader(JsonNode n, Path source, List<Path> extra, Problems p) {
        ClassLoader parent = ConfigLoader.class.getClassLoader();
        List<URL> urls = new ArrayList<>();
        List<Path> entries = new ArrayList<>();
        if (n != null) {
            List<String> texts = Values.texts(n, "classPath", p);
            Path dir = source == null || source.toAbsolutePath().getParent() == null ? Path.of("")
                    : source.toAbsolutePath().getParent();
            if (texts != null) {
                for (int i = 0; i < texts.size(); i++) {
                    Path e = dir.resolve(texts.get(i));
                    if (!Files.exists(e)) {
                        p.add("classPath[" + i + "]", "must be an existing jar or directory, but " + e + " does not exist");
                    }
                    entries.add(e);
                }
            }
        }
        for (Path e : extra) {
            if (!Files.exists(e)) {
                p.add("classPath", "--class-path entry " + e + " does not exist");
            }
            entries.add(e);
        }
        if (entries.isEmpty()) {
            return parent;
        }
        for (Path e : entries) {
            try {
                urls.add(e.toUri().toURL());
            } catch (MalformedURLException ex) {
                p.add("classPath", e + " cannot be used: " + ex.getMessage());
            }
        }
        // Lives as long as the CLI's JVM: the suites it loads are used until the process ends.
        return new URLClassLoader(urls.toArray(new URL[0]), parent);
    }

    private static BenchmarkConfig.Output output(ObjectNode n, Problems p) {
        BenchmarkConfig.Output d = BenchmarkConfig.Output.defaults();
        if (n == null) {
            return d;
        }
        p.unknownKeys(n, "output", OUTPUT_KEYS);
        Path dir = d.directory();
        if (n.has("directory")) {
            String t = Values.text(n.get("directory"), "output.directory", p);
            dir = t == null ? dir : Path.of(t);
        }
        Duration retention = d.retention();
        if (n.has("retention")) {
            Duration r = Values.positiveDuration(n.get("retention"), "output.retention", p);
            retention = r == null ? retention : r;
        }
        String label = n.has("label") ? Values.text(n.get("label"), "output.label", p) : null;
        return new BenchmarkConfig.Output(dir, flag(n, "html", "output", d.html(), p),
                flag(n, "archive", "output", d.archive(), p), flag(n, "hlog", "output", d.hlog(), p),
                flag(n, "store", "output", d.store(), p), retention, label);
    }

    private static boolean flag(JsonNode n, String key, String path, boolean otherwise, Problems p) {
        if (!n.has(key)) {
            return otherwise;
        }
        Boolean b = Values.bool(n.get(key), path + "." + key, p);
        return b == null ? otherwise : b;
    }

    private static double num(JsonNode n, String key, String path, double min, double max, double otherwise,
                              Problems p) {
        if (!n.has(key)) {
            return otherwise;
        }
        Double v = Values.number(n.get(key), path + "." + key, min, max, p);
        return v == null ? otherwise : v;
    }

    private static BenchmarkConfig.EnvironmentCheck environment(ObjectNode n, Problems p) {
        BenchmarkConfig.EnvironmentCheck d = BenchmarkConfig.EnvironmentCheck.defaults();
        if (n == null) {
            return d;
        }
        p.unknownKeys(n, "environment", ENVIRONMENT_KEYS);
        Duration sample = d.sampleTime();
        if (n.has("sampleTime")) {
            Duration s = Values.duration(n.get("sampleTime"), "environment.sampleTime", p);
            if (s != null && (s.isNegative() || s.compareTo(Duration.ofSeconds(60)) > 0)) {
                p.add("environment.sampleTime", "must be between 0 and 60 s, but was " + s);
            } else if (s != null) {
                sample = s;
            }
        }
        long minFree = d.minFreeMemoryMb();
        if (n.has("minFreeMemoryMb")) {
            Integer m = Values.integer(n.get("minFreeMemoryMb"), "environment.minFreeMemoryMb", 0, Integer.MAX_VALUE, p);
            minFree = m == null ? minFree : m;
        }
        return new BenchmarkConfig.EnvironmentCheck(flag(n, "check", "environment", d.check(), p),
                num(n, "maxLoadPerCore", "environment", 0.001, 1000, d.maxLoadPerCore(), p), minFree,
                num(n, "busyProcessPercent", "environment", 0.1, 100_000, d.busyProcessPercent(), p), sample,
                flag(n, "requireQuiet", "environment", d.requireQuiet(), p));
    }

    private static BenchmarkConfig.Gate gate(ObjectNode n, Problems p) {
        BenchmarkConfig.Gate d = BenchmarkConfig.Gate.defaults();
        if (n == null) {
            return d;
        }
        p.unknownKeys(n, "gate", GATE_KEYS);
        List<String> baselines = List.of();
        if (n.has("baselines")) {
            List<String> b = Values.texts(n.get("baselines"), "gate.baselines", p);
            baselines = b == null ? baselines : b;
        }
        double alpha = num(n, "alpha", "gate", -Double.MAX_VALUE, Double.MAX_VALUE, d.alpha(), p);
        double threshold = num(n, "threshold", "gate", -Double.MAX_VALUE, Double.MAX_VALUE, d.threshold(), p);
        double errorThreshold = num(n, "errorThreshold", "gate", -Double.MAX_VALUE, Double.MAX_VALUE,
                d.errorThreshold(), p);
        // The statistics' own checks, so the gate accepts exactly what `vernier compare` does.
        check(() -> StatisticsConfig.defaults().withAlpha(alpha), "gate.alpha", p);
        check(() -> StatisticsConfig.defaults().withPracticalThreshold(threshold), "gate.threshold", p);
        check(() -> StatisticsConfig.defaults().withErrorRateThreshold(errorThreshold), "gate.errorThreshold", p);
        return new BenchmarkConfig.Gate(baselines, alpha, threshold, errorThreshold,
                flag(n, "failOnInconclusive", "gate", d.failOnInconclusive(), p));
    }

    private static void check(Runnable r, String path, Problems p) {
        try {
            r.run();
        } catch (IllegalArgumentException e) {
            String key = path.substring(path.lastIndexOf('.') + 1);
            String m = e.getMessage();
            p.add(path, m != null && m.startsWith(key + " must") ? m.substring(key.length() + 1) : m);
        }
    }

    private static BenchmarkConfig.Alerts alerts(ObjectNode n, Problems p) {
        if (n == null) {
            return new BenchmarkConfig.Alerts(false, List.of());
        }
        p.unknownKeys(n, "alerts", ALERT_KEYS);
        boolean defaults = flag(n, "defaults", "alerts", false, p);
        List<BenchmarkConfig.AlertRuleSpec> rules = new ArrayList<>();
        JsonNode list = n.get("rules");
        if (list != null && !list.isArray()) {
            p.add("alerts.rules", "must be a list of rules, but was " + Problems.describe(list));
        } else if (list != null) {
            Set<String> names = new HashSet<>();
            for (int i = 0; i < list.size(); i++) {
                String at = "alerts.rules[" + i + "]";
                JsonNode r = list.get(i);
                if (!r.isObject()) {
                    p.add(at, "must be a map with name, metric and a threshold, but was " + Problems.describe(r));
                    continue;
                }
                p.unknownKeys(r, at, RULE_KEYS);
                String name = Values.text(r.get("name"), at + ".name", p);
                if (name != null && !names.add(name)) {
                    p.add(at + ".name", "must be unique, but '" + name + "' is used twice");
                } else if (name != null && defaults && AlertRules.DEFAULT_NAMES.contains(name)) {
                    p.add(at + ".name", "must differ from the default rules' names (alerts.defaults is true), but '"
                            + name + "' is one of them");
                }
                String metric = Values.text(r.get("metric"), at + ".metric", p);
                if (metric != null && !AlertRules.METRICS.contains(metric)) {
                    p.add(at + ".metric", "must be one of " + new TreeSet<>(AlertRules.METRICS) + ", but was '"
                            + metric + "'" + Problems.suggestion(metric, AlertRules.METRICS));
                    metric = null;
                }
                List<String> given = new ArrayList<>();
                AlertRules.COMPARATORS.stream().sorted().filter(r::has).forEach(given::add);
                Double threshold = null;
                if (given.size() != 1) {
                    p.add(at, "must have exactly one of above, below, atOrAbove, atOrBelow (with the threshold),"
                            + " but has " + (given.isEmpty() ? "none" : given));
                } else {
                    threshold = Values.number(r.get(given.get(0)), at + "." + given.get(0), -Double.MAX_VALUE,
                            Double.MAX_VALUE, p);
                }
                Duration held = Duration.ZERO;
                if (r.has("for")) {
                    held = Values.duration(r.get("for"), at + ".for", p);
                    if (held != null && held.isNegative()) {
                        p.add(at + ".for", "must not be negative, but was " + held);
                        held = null;
                    }
                }
                String severity = "warning";
                if (r.has("severity")) {
                    String s = Values.text(r.get("severity"), at + ".severity", p);
                    if (s != null && !AlertRules.SEVERITIES.contains(s.toLowerCase(Locale.ROOT))) {
                        p.add(at + ".severity", "must be one of " + AlertRules.SEVERITIES + ", but was '" + s + "'"
                                + Problems.suggestion(s, AlertRules.SEVERITIES));
                    }
                    severity = s == null ? severity : s.toLowerCase(Locale.ROOT);
                }
                boolean abort = flag(r, "abortOnFail", at, false, p);
                if (name != null && metric != null && threshold != null && held != null) {
                    rules.add(new BenchmarkConfig.AlertRuleSpec(name, metric, given.get(0), threshold, held, severity,
                            abort));
                }
            }
        }
        return new BenchmarkConfig.Alerts(defaults, rules);
    }

    /**
     * Applies the keys of a targets section onto {@code base}.
     *
     * @param n the section, or null
     * @param path its path
     * @param base the targets it refines
     * @param p receives problems
     * @return the targets
     */
    static BenchmarkConfig.TargetSet targets(JsonNode n, String path, BenchmarkConfig.TargetSet base, Problems p) {
        if (n == null) {
            return base;
        }
        if (!n.isObject()) {
            p.add(path, "must be a map of targets, but was " + Problems.describe(n));
            return base;
        }
        p.unknownKeys(n, path, TARGET_KEYS);
        Targets.Builder b = base.targets().toBuilder();
        Map<Integer, Double> floors = new TreeMap<>(base.scalabilityFloors());
        Set<String> explicit = new LinkedHashSet<>(base.explicit());
        int before = p.size();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String at = path + "." + e.getKey();
            JsonNode v = e.getValue();
            explicit.add(e.getKey());
            switch (e.getKey()) {
                case "p50Ms" -> set(Values.positive(v, at, p), b::p50Ms);
                case "p95Ms" -> set(Values.positive(v, at, p), b::p95Ms);
                case "p99Ms" -> set(Values.positive(v, at, p), b::p99Ms);
                case "errorRate" -> set(Values.number(v, at, 0, 1, p), b::errorRate);
                case "cpuPercent" -> {
                    Double c = Values.positive(v, at, p);
                    if (c != null && c > 100) {
                        p.add(at, "must be at most 100 (percent of all cores), but was " + Values.fmt(c));
                    } else {
                        set(c, b::cpuPercent);
                    }
                }
                case "memoryPerNodeMb" -> set(Values.positive(v, at, p), b::memoryPerNodeMb);
                case "throughputFloorOpsPerSecond" -> {
                    if (v.isNull()) {
                        b.throughputFloorOpsPerSecond(null);
                    } else {
                        set(Values.positive(v, at, p), b::throughputFloorOpsPerSecond);
                    }
                }
                case "throughputGain" -> set(Values.positive(v, at, p), b::throughputGain);
                case "latencyReductionPercent" -> {
                    Double r = Values.number(v, at, 0, 100, p);
                    if (r != null && r >= 100) {
                        p.add(at, "must be below 100, but was " + Values.fmt(r));
                    } else {
                        set(r, b::latencyReductionPercent);
                    }
                }
                case "scalabilityFloors" -> floors(v, at, floors, p);
                default -> {
                    // reported by unknownKeys
                }
            }
        }
        if (p.size() > before) {
            return base;
        }
        try {
            return new BenchmarkConfig.TargetSet(b.build(), floors, explicit);
        } catch (IllegalArgumentException e) {
            p.add(path, e.getMessage());
            return base;
        }
    }

    private static void set(Double v, java.util.function.DoubleConsumer setter) {
        if (v != null) {
            setter.accept(v);
        }
    }

    private static void floors(JsonNode v, String at, Map<Integer, Double> floors, Problems p) {
        if (!v.isObject()) {
            p.add(at, "must map cluster sizes to throughput floors in ops/s ({1: 100, 3: 250}), but was "
                    + Problems.describe(v));
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String k = at + "." + e.getKey();
            int nodes;
            try {
                nodes = Integer.parseInt(e.getKey().trim());
            } catch (NumberFormatException ex) {
                p.add(k, "must be a cluster size (a whole number of nodes), but was '" + e.getKey() + "'");
                continue;
            }
            if (nodes < 1 || nodes > 1000) {
                p.add(k, "must be a cluster size between 1 and 1000, but was " + nodes);
                continue;
            }
            Double floor = Values.positive(e.getValue(), k, p);
            if (floor != null) {
                floors.put(nodes, floor);
            }
        }
    }

    private static List<BenchmarkConfig.Suite> suites(JsonNode n, ClassLoader loader, Problems p) {
        List<BenchmarkConfig.Suite> out = new ArrayList<>();
        if (n == null) {
            p.add("suites", "must list at least one suite (" + String.join(", ", SuiteFactory.builtInNames())
                    + " or a class name), but is missing");
            return out;
        }
        if (!n.isArray() || n.isEmpty()) {
            p.add("suites", "must be a non-empty list of suites, but was " + Problems.describe(n));
            return out;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < n.size(); i++) {
            String at = "suites[" + i + "]";
            JsonNode e = n.get(i);
            if (!e.isObject()) {
                p.add(at, "must be a built-in name or a map with name and builtin or class, but was "
                        + Problems.describe(e));
                continue;
            }
            int before = p.size();
            p.unknownKeys(e, at, SUITE_KEYS);
            String builtin = e.has("builtin") ? Values.text(e.get("builtin"), at + ".builtin", p) : null;
            String className = e.has("class") ? Values.text(e.get("class"), at + ".class", p) : null;
            String factory = e.has("factory") ? Values.text(e.get("factory"), at + ".factory", p) : null;
            String name = e.has("name") ? Values.text(e.get("name"), at + ".name", p) : builtin;
            if (builtin != null && className != null) {
                p.add(at, "must have builtin or class, but has both");
            }
            if (factory != null && className == null) {
                p.add(at + ".factory", "goes with class, but the suite has no class");
            }
            if (name == null && builtin == null && className != null) {
                p.add(at + ".name", "must name the suite (results carry it), but is missing");
            }
            if (builtin == null && className == null && name != null) {
                if (SuiteFactory.builtInNames().contains(name)) {
                    builtin = name;
                } else {
                    p.add(at + ".name", "must be a built-in suite (" + String.join(", ", SuiteFactory.builtInNames())
                            + ") or come with a class, but was '" + name + "'"
                            + Problems.suggestion(name, SuiteFactory.builtInNames()));
                }
            }
            JsonNode props = e.has("properties") ? e.get("properties") : NODES.objectNode();
            if (!props.isObject()) {
                p.add(at + ".properties", "must be a map, but was " + Problems.describe(props));
            }
            if (name != null && !names.add(name)) {
                p.add(at + ".name", "must be unique, but '" + name + "' is used twice");
            }
            if (p.size() > before) {
                continue;
            }
            ProtocolSuite suite = SuiteFactory.create(new SuiteFactory.Spec(name, builtin, className, factory, props),
                    loader, at, p);
            if (suite != null) {
                out.add(new BenchmarkConfig.Suite(name, builtin != null ? "builtin:" + builtin : "class:" + className,
                        suite));
            }
        }
        return out;
    }

    private static List<BenchmarkConfig.ScenarioEntry> scenarios(ObjectNode root, BenchmarkConfig.TargetSet targets,
                                                                 double scale, Problems p) {
        List<BenchmarkConfig.ScenarioEntry> out = new ArrayList<>();
        JsonNode n = root.get("scenarios");
        if (n == null) {
            return out;
        }
        if (!n.isArray() || n.isEmpty()) {
            p.add("scenarios", "must be a non-empty list of scenarios, but was " + Problems.describe(n));
            return out;
        }
        Set<String> known = new TreeSet<>(scenarioKeys());
        known.addAll(SCENARIO_EXTRA_KEYS);
        Set<String> names = new HashSet<>();
        for (int i = 0; i < n.size(); i++) {
            String at = "scenarios[" + i + "]";
            JsonNode e = n.get(i);
            if (!e.isObject()) {
                p.add(at, "must be a map of scenario settings, but was " + Problems.describe(e));
                continue;
            }
            p.unknownKeys(e, at, known);
            ObjectNode tree = ((ObjectNode) e).deepCopy();
            tree.retain(scenarioKeys());
            Scenario s = scenario(tree, root, at, scale, p);
            List<String> only = List.of();
            if (e.has("suites")) {
                List<String> l = Values.texts(e.get("suites"), at + ".suites", p);
                only = l == null ? only : l;
            }
            BenchmarkConfig.TargetSet t = targets(e.get("targets"), at + ".targets", targets, p);
            if (s != null) {
                if (!names.add(s.name())) {
                    p.add(at + ".name", "must be unique, but '" + s.name() + "' is used twice");
                }
                out.add(new BenchmarkConfig.ScenarioEntry(s, only, t));
            }
        }
        return out;
    }

    /** A scenario through {@link ScenarioJson}, then scaled in time. */
    private static Scenario scenario(ObjectNode tree, ObjectNode root, String at, double scale, Problems p) {
        List<String> lines = new ArrayList<>();
        Scenario s = ScenarioJson.fromTree(tree, at, lines);
        p.addAll(lines, root);
        if (s == null || scale == 1) {
            return s;
        }
        try {
            Scenario.Builder b = s.toBuilder().warmup(scaled(s.warmup(), scale, Duration.ZERO))
                    .duration(scaled(s.duration(), scale, MIN_INTERVAL))
                    .snapshotInterval(clamp(scaled(s.snapshotInterval(), scale, MIN_INTERVAL), Duration.ofSeconds(60)))
                    .resourceSampleInterval(scaled(s.resourceSampleInterval(), scale, MIN_INTERVAL));
            if (tree.has("throughputInterval")) {
                b.throughputInterval(scaled(s.throughputInterval(), scale, MIN_INTERVAL));
            }
            if (tree.has("faultPlan")) {
                List<FaultPlan.Step> steps = new ArrayList<>();
                for (FaultPlan.Step step : s.faultPlan().steps()) {
                    steps.add(new FaultPlan.Step(scaled(step.at(), scale, Duration.ZERO), step.action(), step.node()));
                }
                b.faultPlan(FaultPlan.of(steps));
            }
            return b.build();
        } catch (IllegalArgumentException | IllegalStateException e) {
            p.add(at, e.getMessage() + " (after the time scale " + Values.fmt(scale) + ")");
            return null;
        }
    }

    private static Duration scaled(Duration d, double scale, Duration min) {
        Duration s = Duration.ofNanos(Math.round(d.toNanos() * scale));
        return s.compareTo(min) < 0 ? min : s;
    }

    private static Duration clamp(Duration d, Duration max) {
        return d.compareTo(max) > 0 ? max : d;
    }

    private static BenchmarkConfig.Tuning tuning(ObjectNode n, ObjectNode root, BenchmarkConfig.TargetSet targets,
                                                 double scale, Problems p) {
        if (n == null) {
            return null;
        }
        p.unknownKeys(n, "tuning", tuningKeys());
        int before = p.size();
        String suite = n.has("suite") ? Values.text(n.get("suite"), "tuning.suite", p) : null;
        if (suite == null && !n.has("suite")) {
            JsonNode suites = root.get("suites");
            if (suites != null && suites.isArray() && suites.size() == 1 && suites.get(0).path("name").isTextual()) {
                suite = suites.get(0).get("name").asText();
            } else {
                p.add("tuning.suite", "must name the suite to tune (the file has several or none), but is missing");
            }
        }
        List<String> parameters = List.of();
        if (n.has("parameters")) {
            List<String> l = Values.texts(n.get("parameters"), "tuning.parameters", p);
            parameters = l == null ? parameters : l;
        }
        Objective objective = objective(n.get("objective"), p);
        Scenario window = window(n.get("window"), root, scale, p);
        BenchmarkConfig.OperatingPoint operatingPoint = operatingPoint(n.get("operatingPoint"), window, scale, p);
        Map<String, Object> settings = new LinkedHashMap<>();
        for (String key : TuningDriver.settingKeys()) {
            if (n.has(key)) {
                Object v = TuningDriver.checkSetting(key, n.get(key), "tuning." + key, p, scale);
                if (v != null) {
                    settings.put(key, v);
                }
            }
        }
        List<String> benchmark = List.of();
        if (n.has("benchmark")) {
            List<String> l = Values.texts(n.get("benchmark"), "tuning.benchmark", p);
            benchmark = l == null ? benchmark : l;
        }
        BenchmarkConfig.TargetSet after = targets(n.get("targets"), "tuning.targets", targets, p);
        if (p.size() > before || objective == null || window == null) {
            return null;
        }
        return new BenchmarkConfig.Tuning(suite, parameters, objective, window, operatingPoint, settings, benchmark,
                after);
    }

    private static BenchmarkConfig.OperatingPoint operatingPoint(JsonNode n, Scenario window, double scale,
                                                                 Problems p) {
        if (n == null) {
            return null;
        }
        String at = "tuning.operatingPoint";
        if (!n.isObject()) {
            p.add(at, "must be a map {opsPerSecond, warmup}, but was " + Problems.describe(n));
            return null;
        }
        p.unknownKeys(n, at, OPERATING_POINT_KEYS);
        Double rate = Values.positive(n.get("opsPerSecond"), at + ".opsPerSecond", p);
        Duration warmup = window == null ? Duration.ZERO : window.duration().dividedBy(2);
        if (n.has("warmup")) {
            Duration w = Values.duration(n.get("warmup"), at + ".warmup", p);
            if (w != null && w.isNegative()) {
                p.add(at + ".warmup", "must not be negative, but was " + w);
            } else if (w != null) {
                warmup = scaled(w, scale, Duration.ZERO);
            }
        }
        return rate == null ? null : new BenchmarkConfig.OperatingPoint(rate, warmup);
    }

    private static Objective objective(JsonNode n, Problems p) {
        if (n == null) {
            return Objective.maximize(Metric.THROUGHPUT);
        }
        String at = "tuning.objective";
        if (!n.isObject()) {
            p.add(at, "must be a map with maximize or minimize, but was " + Problems.describe(n));
            return null;
        }
        p.unknownKeys(n, at, OBJECTIVE_KEYS);
        if (n.has("maximize") == n.has("minimize")) {
            p.add(at, "must have exactly one of maximize and minimize, but has " + (n.has("maximize") ? "both" : "neither"));
            return null;
        }
        boolean max = n.has("maximize");
        Metric target = metric(n.get(max ? "maximize" : "minimize"), at + (max ? ".maximize" : ".minimize"), p);
        if (target == null) {
            return null;
        }
        Objective o = max ? Objective.maximize(target) : Objective.minimize(target);
        JsonNode cs = n.get("constraints");
        if (cs != null && !cs.isArray()) {
            p.add(at + ".constraints", "must be a list of {metric, atMost | atLeast}, but was " + Problems.describe(cs));
            return null;
        }
        for (int i = 0; cs != null && i < cs.size(); i++) {
            String c = at + ".constraints[" + i + "]";
            JsonNode e = cs.get(i);
            if (!e.isObject()) {
                p.add(c, "must be a map {metric, atMost | atLeast}, but was " + Problems.describe(e));
                continue;
            }
            p.unknownKeys(e, c, CONSTRAINT_KEYS);
            Metric m = metric(e.get("metric"), c + ".metric", p);
            if (e.has("atMost") == e.has("atLeast")) {
                p.add(c, "must have exactly one of atMost and atLeast, but has " + (e.has("atMost") ? "both" : "neither"));
                continue;
            }
            boolean atMost = e.has("atMost");
            Double limit = Values.number(e.get(atMost ? "atMost" : "atLeast"), c + (atMost ? ".atMost" : ".atLeast"),
                    -Double.MAX_VALUE, Double.MAX_VALUE, p);
            if (m != null && limit != null) {
                o = atMost ? o.atMost(m, limit) : o.atLeast(m, limit);
            }
        }
        return o;
    }

    /** Metric names as written: {@code throughput}, {@code p99LatencyMs}, {@code P99_LATENCY_MS}, {@code p99}. */
    private static final Map<String, Metric> METRIC_NAMES = metricNames();

    private static Map<String, Metric> metricNames() {
        Map<String, Metric> m = new LinkedHashMap<>();
        for (Metric x : Metric.values()) {
            if (x != Metric.CPU_US_PER_OPERATION) {
                m.put(normal(x.name()), x);
            }
        }
        m.put("p50", Metric.P50_LATENCY_MS);
        m.put("p95", Metric.P95_LATENCY_MS);
        m.put("p99", Metric.P99_LATENCY_MS);
        m.put("mean", Metric.MEAN_LATENCY_MS);
        m.put("meanlatency", Metric.MEAN_LATENCY_MS);
        return m;
    }

    private static String normal(String s) {
        return s.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "").replace(" ", "");
    }

    /** @return the names a tuning objective accepts, for the schema and messages */
    public static List<String> metricNamesWritten() {
        List<String> out = new ArrayList<>();
        for (Metric x : Metric.values()) {
            if (x == Metric.CPU_US_PER_OPERATION) {
                continue; // measured from a node's own recording (RecordingMeasurer), not by `vernier tune`'s load
            }
            String[] parts = x.name().toLowerCase(Locale.ROOT).split("_");
            StringBuilder b = new StringBuilder(parts[0]);
            for (int i = 1; i < parts.length; i++) {
                b.append(Character.toUpperCase(parts[i].charAt(0))).append(parts[i].substring(1));
            }
            out.add(b.toString());
        }
        return out;
    }

    private static Metric metric(JsonNode n, String at, Problems p) {
        String t = Values.text(n, at, p);
        if (t == null) {
            return null;
        }
        Metric m = METRIC_NAMES.get(normal(t));
        if (m == null) {
            p.add(at, "must be one of " + metricNamesWritten() + ", but was '" + t + "'"
                    + Problems.suggestion(t, metricNamesWritten()));
        }
        return m;
    }

    private static Scenario window(JsonNode n, ObjectNode root, double scale, Problems p) {
        String at = "tuning.window";
        ObjectNode tree;
        if (n == null) {
            tree = NODES.objectNode().put("duration", "2s");
        } else if (!n.isObject()) {
            p.add(at, "must be a map of scenario settings (load, mix, duration...), but was " + Problems.describe(n));
            return null;
        } else {
            tree = ((ObjectNode) n).deepCopy();
            p.unknownKeys(tree, at, scenarioKeys());
            tree.retain(scenarioKeys());
        }
        if (!tree.has("name")) {
            tree.put("name", "tuning-window");
        }
        if (!tree.has("duration")) {
            tree.put("duration", "2s");
        }
        if (!tree.has("warmup")) {
            tree.put("warmup", "0s"); // the warm-up runs before every window: none unless asked for
        }
        tree.put("phases", NODES.arrayNode().add("THROUGHPUT"));
        ObjectNode withWindow = root.deepCopy();
        ((ObjectNode) withWindow.get("tuning")).set("window", tree);
        Scenario s = scenario(tree, withWindow, at, scale, p);
        if (s == null) {
            return null;
        }
        if (s.duration().toMillis() < 200) {
            p.add(at + ".duration", "must be at least 200 ms (a tuning window), but was " + s.duration()
                    + (scale == 1 ? "" : " after the time scale " + Values.fmt(scale)));
            return null;
        }
        Duration interval = s.throughputInterval();
        if (interval.multipliedBy(2).compareTo(s.duration()) > 0) {
            p.add(at + ".throughputInterval", "must be at most half the window (" + s.duration() + "), but was "
                    + interval);
            return null;
        }
        return s;
    }

    private static void crossCheck(ObjectNode root, List<BenchmarkConfig.Suite> suites,
                                   List<BenchmarkConfig.ScenarioEntry> scenarios, BenchmarkConfig.Tuning tuning,
                                   Problems p) {
        List<String> suiteNames = suites.stream().map(BenchmarkConfig.Suite::name).toList();
        JsonNode rawSuites = root.get("suites");
        boolean allSuitesRead = rawSuites != null && rawSuites.isArray() && rawSuites.size() == suites.size();
        JsonNode raw = root.get("scenarios");
        for (int i = 0; i < scenarios.size(); i++) {
            BenchmarkConfig.ScenarioEntry e = scenarios.get(i);
            String at = "scenarios[" + index(raw, e.scenario().name(), i) + "]";
            for (int j = 0; j < e.suites().size(); j++) {
                String s = e.suites().get(j);
                if (allSuitesRead && !suiteNames.contains(s)) {
                    p.add(at + ".suites[" + j + "]", "must name a suite of the file " + suiteNames + ", but was '" + s
                            + "'" + Problems.suggestion(s, suiteNames));
                }
            }
            for (BenchmarkConfig.Suite s : suites) {
                if (e.runsOn(s.name())) {
                    capabilities(e.scenario(), s, at, p);
                }
            }
        }
        if (tuning == null) {
            return;
        }
        BenchmarkConfig.Suite s = suites.stream().filter(x -> x.name().equals(tuning.suite())).findFirst().orElse(null);
        if (s == null) {
            if (allSuitesRead) {
                p.add("tuning.suite", "must name a suite of the file " + suiteNames + ", but was '" + tuning.suite()
                        + "'" + Problems.suggestion(tuning.suite(), suiteNames));
            }
        } else if (!(s.suite() instanceof Tunable t)) {
            p.add("tuning.suite", "must name a suite that implements Tunable, but '" + s.name() + "' does not");
        } else {
            List<String> known = t.parameterSpace().parameters().stream().map(Parameter::name).toList();
            for (int j = 0; j < tuning.parameters().size(); j++) {
                String name = tuning.parameters().get(j);
                if (!known.contains(name)) {
                    p.add("tuning.parameters[" + j + "]", "must be a parameter of suite '" + s.name() + "' " + known
                            + ", but was '" + name + "'" + Problems.suggestion(name, known));
                }
            }
        }
        List<String> scenarioNames = scenarios.stream().map(x -> x.scenario().name()).toList();
        for (int j = 0; j < tuning.benchmark().size(); j++) {
            String name = tuning.benchmark().get(j);
            if (!scenarioNames.contains(name)) {
                p.add("tuning.benchmark[" + j + "]", "must name a scenario of the file " + scenarioNames + ", but was '"
                        + name + "'" + Problems.suggestion(name, scenarioNames));
            }
        }
    }

    private static int index(JsonNode raw, String name, int otherwise) {
        for (int i = 0; raw != null && i < raw.size(); i++) {
            if (name.equals(raw.get(i).path("name").asText(null))) {
                return i;
            }
        }
        return otherwise;
    }

    private static void capabilities(Scenario s, BenchmarkConfig.Suite suite, String at, Problems p) {
        Object x = suite.suite();
        String hint = "; give the scenario suites: [...] without '" + suite.name() + "'";
        if (s.phases().contains(Phase.SCALABILITY)) {
            if (!(x instanceof ClusterControl cc)) {
                p.add(at + ".phases", "SCALABILITY needs a suite that implements ClusterControl, but '" + suite.name()
                        + "' does not" + hint);
            } else {
                try {
                    List<Integer> supported = cc.supportedSizes();
                    List<Integer> wrong = s.clusterSizes().stream().filter(n -> !supported.contains(n)).toList();
                    if (!wrong.isEmpty()) {
                        p.add(at + ".clusterSizes", "must be sizes suite '" + suite.name() + "' supports " + supported
                                + ", but " + wrong + (wrong.size() == 1 ? " is" : " are") + " not" + hint);
                    }
                } catch (RuntimeException e) {
                    // a suite that knows its sizes only once set up: the phase checks them then
                }
            }
        }
        if (s.phases().contains(Phase.FAULT_TOLERANCE) && !(x instanceof FaultInjector)) {
            p.add(at + ".phases", "FAULT_TOLERANCE needs a suite that implements FaultInjector, but '" + suite.name()
                    + "' does not" + hint);
        }
    }
}
