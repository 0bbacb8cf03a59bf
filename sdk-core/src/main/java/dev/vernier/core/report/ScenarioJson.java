package dev.vernier.core.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vernier.api.FaultPlan;
import dev.vernier.api.LoadModel;
import dev.vernier.api.Phase;
import dev.vernier.api.Scenario;
import dev.vernier.api.TransactionMix;
import dev.vernier.api.TxType;
import java.io.IOException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Scenarios and load models as JSON trees, and back: every {@link Scenario} setting, so that a
 * result carries the scenario that produced it and a configuration file can describe one.
 *
 * <p>Durations are ISO-8601 strings ({@code "PT1.5S"}); a bare number is read as seconds and a
 * string such as {@code "250ms"}, {@code "2s"} or {@code "1m"} is accepted too. Load models are
 * objects with a {@code model} of {@code constantRate}, {@code linearRamp}, {@code stepSearch} or
 * {@code closed} and that model's fields. Reading reports every problem at once, each with its path
 * ({@code scenario.load.opsPerSecond: load.opsPerSecond must be positive, but was -5}), and rejects
 * unknown keys naming the nearest valid one.
 *
 * <p>Stateless and thread-safe.
 */
public final class ScenarioJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> SCENARIO_KEYS = Set.of("name", "warmup", "duration", "iterations", "load", "mix",
            "timeout", "phases", "seed", "maxInFlight", "snapshotInterval", "throughputInterval", "latencySamples",
            "percentiles", "lagThreshold", "maxLateShare", "resourceSampleInterval", "clusterSizes", "faultPlan");
    private static final Map<String, Set<String>> LOAD_KEYS = Map.of(
            "constantRate", Set.of("model", "opsPerSecond"),
            "linearRamp", Set.of("model", "fromOpsPerSecond", "toOpsPerSecond"),
            "stepSearch", Set.of("model", "initialOpsPerSecond", "incrementOpsPerSecond", "raiseAbove", "lowerBelow",
                    "maxOpsPerSecond"),
            "closed", Set.of("model", "clients", "thinkTime"));

    private ScenarioJson() {
    }

    /** @return a Jackson module that writes and reads {@link Scenario} and {@link LoadModel} values */
    public static SimpleModule module() {
        SimpleModule m = new SimpleModule("vernier-scenario");
        m.addSerializer(Scenario.class, new JsonSerializer<>() {
            @Override
            public void serialize(Scenario value, JsonGenerator gen, SerializerProvider p) throws IOException {
                gen.writeTree(toTree(value));
            }
        });
        m.addSerializer(LoadModel.class, new JsonSerializer<>() {
            @Override
            public void serialize(LoadModel value, JsonGenerator gen, SerializerProvider p) throws IOException {
                gen.writeTree(toTree(value));
            }
        });
        m.addDeserializer(Scenario.class, new JsonDeserializer<>() {
            @Override
            public Scenario deserialize(JsonParser parser, DeserializationContext ctx) throws IOException {
                return fromTree(parser.readValueAsTree(), "scenario");
            }
        });
        m.addDeserializer(LoadModel.class, new JsonDeserializer<>() {
            @Override
            public LoadModel deserialize(JsonParser parser, DeserializationContext ctx) throws IOException {
                Errors errors = new Errors();
                LoadModel load = load(parser.readValueAsTree(), "load", errors);
                errors.throwIfAny();
                return load;
            }
        });
        return m;
    }

    /**
     * @param scenario a scenario
     * @return every setting of it as a JSON object
     */
    public static ObjectNode toTree(Scenario scenario) {
        ObjectNode o = NODES.objectNode();
        o.put("name", scenario.name());
        o.put("warmup", scenario.warmup().toString());
        o.put("duration", scenario.duration().toString());
        o.put("iterations", scenario.iterations());
        o.set("load", toTree(scenario.load()));
        ArrayNode mix = o.putArray("mix");
        for (TxType t : scenario.mix().types()) {
            mix.addObject().put("name", t.name()).put("weight", t.weight()).put("payloadBytes", t.payloadBytes());
        }
        o.put("timeout", scenario.timeout().toString());
        ArrayNode phases = o.putArray("phases");
        scenario.phases().forEach(p -> phases.add(p.name()));
        o.put("seed", scenario.seed());
        o.put("maxInFlight", scenario.maxInFlight());
        o.put("snapshotInterval", scenario.snapshotInterval().toString());
        o.put("throughputInterval", scenario.throughputInterval().toString());
        o.put("latencySamples", scenario.latencySamples());
        ArrayNode percentiles = o.putArray("percentiles");
        for (double p : scenario.percentiles()) {
            percentiles.add(p);
        }
        o.put("lagThreshold", scenario.lagThreshold().toString());
        o.put("maxLateShare", scenario.maxLateShare());
        o.put("resourceSampleInterval", scenario.resourceSampleInterval().toString());
        if (!scenario.clusterSizes().isEmpty()) {
            ArrayNode sizes = o.putArray("clusterSizes");
            scenario.clusterSizes().forEach(sizes::add);
        }
        if (scenario.faultPlan() != null) {
            ArrayNode plan = o.putArray("faultPlan");
            for (FaultPlan.Step s : scenario.faultPlan().steps()) {
                ObjectNode step = plan.addObject().put("at", s.at().toString()).put("action", s.action().name());
                if (s.node() != null) {
                    step.put("node", s.node());
                }
            }
        }
        return o;
    }

    /**
     * @param load a load model
     * @return it as a JSON object with its {@code model} name and fields
     */
    public static ObjectNode toTree(LoadModel load) {
        ObjectNode o = NODES.objectNode();
        if (load instanceof LoadModel.ConstantRate c) {
            o.put("model", "constantRate").put("opsPerSecond", c.opsPerSecond());
        } else if (load instanceof LoadModel.LinearRamp r) {
            o.put("model", "linearRamp").put("fromOpsPerSecond", r.fromOpsPerSecond())
                    .put("toOpsPerSecond", r.toOpsPerSecond());
        } else if (load instanceof LoadModel.StepSearch s) {
            o.put("model", "stepSearch").put("initialOpsPerSecond", s.initialOpsPerSecond())
                    .put("incrementOpsPerSecond", s.incrementOpsPerSecond()).put("raiseAbove", s.raiseAbove())
                    .put("lowerBelow", s.lowerBelow()).put("maxOpsPerSecond", s.maxOpsPerSecond());
        } else if (load instanceof LoadModel.Closed c) {
            o.put("model", "closed").put("clients", c.clients()).put("thinkTime", c.thinkTime().toString());
        } else {
            throw new IllegalArgumentException("load must be a known model, but was " + load);
        }
        return o;
    }

    /**
     * Reads a scenario; settings that are absent keep {@link Scenario.Builder}'s defaults.
     *
     * @param tree a JSON object
     * @param path where the object sits, for messages (e.g. {@code "scenarios[2]"})
     * @return the scenario
     * @throws IllegalArgumentException listing every problem, one per line, each with its path
     */
    public static Scenario fromTree(JsonNode tree, String path) {
        Errors errors = new Errors();
        Scenario s = scenario(tree, path, errors);
        errors.throwIfAny();
        return s;
    }

    /**
     * Reads a scenario, adding every problem (with its path) to {@code problems} instead of throwing.
     *
     * @param tree a JSON object
     * @param path where the object sits
     * @param problems receives {@code path: message} lines
     * @return the scenario, or null when there were problems
     */
    public static Scenario fromTree(JsonNode tree, String path, List<String> problems) {
        Errors errors = new Errors();
        Scenario s = scenario(tree, path, errors);
        problems.addAll(errors.messages);
        return errors.messages.isEmpty() ? s : null;
    }

    private static Scenario scenario(JsonNode tree, String path, Errors errors) {
        if (tree == null || !tree.isObject()) {
            errors.add(path, "must be an object, but was " + describe(tree));
            return null;
        }
        unknownKeys(tree, path, SCENARIO_KEYS, errors);
        JsonNode nameNode = tree.get("name");
        if (nameNode == null || !nameNode.isTextual()) {
            errors.add(path + ".name", "must be a string, but was " + describe(nameNode));
            return null;
        }
        Scenario.Builder b;
        try {
            b = Scenario.builder(nameNode.asText());
        } catch (IllegalArgumentException e) {
            errors.add(path + ".name", e.getMessage());
            return null;
        }
        duration(tree, path, "warmup", errors, b::warmup);
        duration(tree, path, "duration", errors, b::duration);
        integer(tree, path, "iterations", errors, b::iterations);
        if (tree.has("load")) {
            LoadModel load = load(tree.get("load"), path + ".load", errors);
            if (load != null) {
                apply(errors, path + ".load", () -> b.load(load));
            }
        }
        if (tree.has("mix")) {
            TransactionMix mix = mix(tree.get("mix"), path + ".mix", errors);
            if (mix != null) {
                apply(errors, path + ".mix", () -> b.mix(mix));
            }
        }
        duration(tree, path, "timeout", errors, b::timeout);
        if (tree.has("phases")) {
            List<Phase> phases = enums(tree.get("phases"), path + ".phases", Phase.class, errors);
            if (phases != null) {
                apply(errors, path + ".phases", () -> b.phases(phases.toArray(new Phase[0])));
            }
        }
        if (tree.has("seed")) {
            JsonNode seed = tree.get("seed");
            if (seed.isIntegralNumber() && seed.canConvertToLong()) {
                b.seed(seed.asLong());
            } else {
                errors.add(path + ".seed", "must be an integer, but was " + describe(seed));
            }
        }
        integer(tree, path, "maxInFlight", errors, b::maxInFlight);
        duration(tree, path, "snapshotInterval", errors, b::snapshotInterval);
        duration(tree, path, "throughputInterval", errors, b::throughputInterval);
        if (tree.has("latencySamples")) {
            JsonNode n = tree.get("latencySamples");
            if (n.isIntegralNumber() && n.canConvertToLong()) {
                apply(errors, path + ".latencySamples", () -> b.latencySamples(n.asLong()));
            } else {
                errors.add(path + ".latencySamples", "must be an integer, but was " + describe(n));
            }
        }
        if (tree.has("percentiles")) {
            double[] p = numbers(tree.get("percentiles"), path + ".percentiles", errors);
            if (p != null) {
                apply(errors, path + ".percentiles", () -> b.percentiles(p));
            }
        }
        duration(tree, path, "lagThreshold", errors, b::lagThreshold);
        number(tree, path, "maxLateShare", errors, b::maxLateShare);
        duration(tree, path, "resourceSampleInterval", errors, b::resourceSampleInterval);
        if (tree.has("clusterSizes")) {
            double[] sizes = numbers(tree.get("clusterSizes"), path + ".clusterSizes", errors);
            if (sizes != null) {
                int[] ints = new int[sizes.length];
                boolean whole = true;
                for (int i = 0; i < sizes.length; i++) {
                    ints[i] = (int) sizes[i];
                    whole &= ints[i] == sizes[i];
                }
                if (whole) {
                    apply(errors, path + ".clusterSizes", () -> b.clusterSizes(ints));
                } else {
                    errors.add(path + ".clusterSizes", "must be whole numbers, but was " + tree.get("clusterSizes"));
                }
            }
        }
        if (tree.has("faultPlan")) {
            FaultPlan plan = faultPlan(tree.get("faultPlan"), path + ".faultPlan", errors);
            if (plan != null) {
                apply(errors, path + ".faultPlan", () -> b.faultPlan(plan));
            }
        }
        if (!errors.messages.isEmpty()) {
            return null;
        }
        try {
            return b.build();
        } catch (IllegalArgumentException | IllegalStateException e) {
            errors.add(path, e.getMessage());
            return null;
        }
    }

    private static LoadModel load(JsonNode tree, String path, Errors errors) {
        if (tree == null || !tree.isObject()) {
            errors.add(path, "must be an object with a model, but was " + describe(tree));
            return null;
        }
        JsonNode model = tree.get("model");
        if (model == null || !model.isTextual() || !LOAD_KEYS.containsKey(model.asText())) {
            errors.add(path + ".model", "must be one of " + new java.util.TreeSet<>(LOAD_KEYS.keySet()) + ", but was "
                    + describe(model) + suggestion(model == null ? "" : model.asText(), LOAD_KEYS.keySet()));
            return null;
        }
        String name = model.asText();
        int before = errors.messages.size();
        unknownKeys(tree, path, LOAD_KEYS.get(name), errors);
        try {
            switch (name) {
                case "constantRate":
                    return errors.messages.size() > before ? null
                            : LoadModel.constantRate(required(tree, path, "opsPerSecond", errors));
                case "linearRamp": {
                    double from = required(tree, path, "fromOpsPerSecond", errors);
                    double to = required(tree, path, "toOpsPerSecond", errors);
                    return errors.messages.size() > before ? null : LoadModel.linearRamp(from, to);
                }
                case "stepSearch": {
                    double initial = required(tree, path, "initialOpsPerSecond", errors);
                    double increment = required(tree, path, "incrementOpsPerSecond", errors);
                    if (errors.messages.size() > before) {
                        return null;
                    }
                    LoadModel.StepSearch s = LoadModel.stepSearch(initial, increment);
                    double raise = optional(tree, path, "raiseAbove", s.raiseAbove(), errors);
                    double lower = optional(tree, path, "lowerBelow", s.lowerBelow(), errors);
                    double max = optional(tree, path, "maxOpsPerSecond", s.maxOpsPerSecond(), errors);
                    return errors.messages.size() > before ? null
                            : new LoadModel.StepSearch(initial, increment, raise, lower, max);
                }
                default: {
                    JsonNode clients = tree.get("clients");
                    if (clients == null || !clients.isIntegralNumber() || !clients.canConvertToInt()) {
                        errors.add(path + ".clients", "must be an integer, but was " + describe(clients));
                        return null;
                    }
                    Duration think = Duration.ZERO;
                    if (tree.has("thinkTime")) {
                        think = parseDuration(tree.get("thinkTime"), path + ".thinkTime", errors);
                    }
                    return think == null || errors.messages.size() > before ? null
                            : LoadModel.closed(clients.asInt(), think);
                }
            }
        } catch (IllegalArgumentException e) {
            errors.add(path, e.getMessage());
            return null;
        }
    }

    private static TransactionMix mix(JsonNode tree, String path, Errors errors) {
        if (tree == null || !tree.isArray() || tree.isEmpty()) {
            errors.add(path, "must be a non-empty list of {name, weight, payloadBytes}, but was " + describe(tree));
            return null;
        }
        TransactionMix.Builder b = TransactionMix.builder();
        int before = errors.messages.size();
        for (int i = 0; i < tree.size(); i++) {
            JsonNode t = tree.get(i);
            String at = path + "[" + i + "]";
            if (!t.isObject()) {
                errors.add(at, "must be an object, but was " + describe(t));
                continue;
            }
            unknownKeys(t, at, Set.of("name", "weight", "payloadBytes"), errors);
            JsonNode name = t.get("name");
            if (name == null || !name.isTextual()) {
                errors.add(at + ".name", "must be a string, but was " + describe(name));
                continue;
            }
            double weight = optional(t, at, "weight", 1, errors);
            JsonNode bytes = t.get("payloadBytes");
            int payload = 0;
            if (bytes != null) {
                if (!bytes.isIntegralNumber() || !bytes.canConvertToInt()) {
                    errors.add(at + ".payloadBytes", "must be an integer, but was " + describe(bytes));
                    continue;
                }
                payload = bytes.asInt();
            }
            int p = payload;
            apply(errors, at, () -> b.add(name.asText(), weight, p));
        }
        if (errors.messages.size() > before) {
            return null;
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            errors.add(path, e.getMessage());
            return null;
        }
    }

    private static FaultPlan faultPlan(JsonNode tree, String path, Errors errors) {
        if (tree == null || !tree.isArray()) {
            errors.add(path, "must be a list of {at, action, node}, but was " + describe(tree));
            return null;
        }
        List<FaultPlan.Step> steps = new ArrayList<>();
        int before = errors.messages.size();
        for (int i = 0; i < tree.size(); i++) {
            JsonNode s = tree.get(i);
            String at = path + "[" + i + "]";
            if (!s.isObject()) {
                errors.add(at, "must be an object, but was " + describe(s));
                continue;
            }
            unknownKeys(s, at, Set.of("at", "action", "node"), errors);
            Duration when = parseDuration(s.get("at"), at + ".at", errors);
            FaultPlan.Action action = oneOf(s.get("action"), at + ".action", FaultPlan.Action.class, errors);
            if (when == null || action == null) {
                continue;
            }
            JsonNode node = s.get("node");
            apply(errors, at, () -> steps.add(new FaultPlan.Step(when, action,
                    node == null || node.isNull() ? null : node.asText())));
        }
        return errors.messages.size() > before ? null : FaultPlan.of(steps);
    }

    private static <E extends Enum<E>> List<E> enums(JsonNode tree, String path, Class<E> type, Errors errors) {
        if (tree == null || !tree.isArray()) {
            errors.add(path, "must be a list, but was " + describe(tree));
            return null;
        }
        List<E> out = new ArrayList<>();
        for (int i = 0; i < tree.size(); i++) {
            E e = oneOf(tree.get(i), path + "[" + i + "]", type, errors);
            if (e == null) {
                return null;
            }
            out.add(e);
        }
        return out;
    }

    /** An enum constant by name, case-insensitive, '-' for '_'. */
    private static <E extends Enum<E>> E oneOf(JsonNode n, String path, Class<E> type, Errors errors) {
        Set<String> names = new java.util.LinkedHashSet<>();
        for (E e : type.getEnumConstants()) {
            names.add(e.name());
        }
        String text = n != null && n.isTextual() ? n.asText().toUpperCase(Locale.ROOT).replace('-', '_') : null;
        if (text == null || !names.contains(text)) {
            errors.add(path, "must be one of " + names + ", but was " + describe(n)
                    + suggestion(n == null ? "" : n.asText(), names));
            return null;
        }
        return Enum.valueOf(type, text);
    }

    private static void duration(JsonNode tree, String path, String key, Errors errors, Consumer<Duration> setter) {
        if (tree.has(key)) {
            Duration d = parseDuration(tree.get(key), path + "." + key, errors);
            if (d != null) {
                apply(errors, path + "." + key, () -> setter.accept(d));
            }
        }
    }

    private static void integer(JsonNode tree, String path, String key, Errors errors, Consumer<Integer> setter) {
        if (tree.has(key)) {
            JsonNode n = tree.get(key);
            if (n.isIntegralNumber() && n.canConvertToInt()) {
                apply(errors, path + "." + key, () -> setter.accept(n.asInt()));
            } else {
                errors.add(path + "." + key, "must be an integer, but was " + describe(n));
            }
        }
    }

    private static void number(JsonNode tree, String path, String key, Errors errors, Consumer<Double> setter) {
        if (tree.has(key)) {
            JsonNode n = tree.get(key);
            if (n.isNumber()) {
                apply(errors, path + "." + key, () -> setter.accept(n.asDouble()));
            } else {
                errors.add(path + "." + key, "must be a number, but was " + describe(n));
            }
        }
    }

    private static double required(JsonNode tree, String path, String key, Errors errors) {
        JsonNode n = tree.get(key);
        if (n == null || !n.isNumber()) {
            errors.add(path + "." + key, "must be a number, but was " + describe(n));
            return Double.NaN;
        }
        return n.asDouble();
    }

    private static double optional(JsonNode tree, String path, String key, double otherwise, Errors errors) {
        return tree.has(key) ? required(tree, path, key, errors) : otherwise;
    }

    private static double[] numbers(JsonNode tree, String path, Errors errors) {
        if (tree == null || !tree.isArray()) {
            errors.add(path, "must be a list of numbers, but was " + describe(tree));
            return null;
        }
        double[] out = new double[tree.size()];
        for (int i = 0; i < out.length; i++) {
            if (!tree.get(i).isNumber()) {
                errors.add(path + "[" + i + "]", "must be a number, but was " + describe(tree.get(i)));
                return null;
            }
            out[i] = tree.get(i).asDouble();
        }
        return out;
    }

    /**
     * @param node an ISO-8601 duration, a number of seconds, or a number with a unit (ns, us, ms, s, m, h)
     * @return the duration, or null after adding a problem
     */
    static Duration parseDuration(JsonNode node, String path, Errors errors) {
        if (node != null && node.isNumber()) {
            double seconds = node.asDouble();
            if (!Double.isFinite(seconds) || Math.abs(seconds) > 9.2e9) {
                errors.add(path, "must be a duration of at most 9.2e9 seconds, but was " + node);
                return null;
            }
            return Duration.ofNanos(Math.round(seconds * 1e9));
        }
        if (node == null || !node.isTextual()) {
            errors.add(path, "must be a duration such as \"PT2S\", \"250ms\" or \"2s\", but was " + describe(node));
            return null;
        }
        String text = node.asText().trim();
        try {
            if (text.regionMatches(true, 0, "PT", 0, 2) || text.regionMatches(true, 0, "P", 0, 1)) {
                return Duration.parse(text);
            }
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(-?[0-9]+(?:\\.[0-9]+)?)\\s*(ns|us|µs|ms|s|m|h)")
                    .matcher(text);
            if (m.matches()) {
                double v = Double.parseDouble(m.group(1));
                double nanosPerUnit = switch (m.group(2)) {
                    case "ns" -> 1;
                    case "us", "µs" -> 1e3;
                    case "ms" -> 1e6;
                    case "s" -> 1e9;
                    case "m" -> 60e9;
                    default -> 3600e9;
                };
                double nanos = v * nanosPerUnit;
                if (Math.abs(nanos) < 9.2e18) {
                    return Duration.ofNanos(Math.round(nanos));
                }
            }
        } catch (DateTimeParseException | ArithmeticException e) {
            // reported below
        }
        errors.add(path, "must be a duration such as \"PT2S\", \"250ms\" or \"2s\", but was " + describe(node));
        return null;
    }

    private static void unknownKeys(JsonNode tree, String path, Set<String> known, Errors errors) {
        for (Iterator<String> it = tree.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!known.contains(key)) {
                errors.add(path + "." + key, "is not a known setting" + suggestion(key, known));
            }
        }
    }

    /** @return {@code "; did you mean 'x'?"} for the nearest name within edit distance 3, else "" */
    static String suggestion(String given, Set<String> names) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String n : names) {
            int d = distance(given.toLowerCase(Locale.ROOT), n.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = n;
            }
        }
        return best != null && bestDistance <= Math.max(1, Math.min(3, given.length() / 2))
                ? "; did you mean '" + best + "'?" : "";
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private static String describe(JsonNode n) {
        if (n == null || n.isMissingNode()) {
            return "missing";
        }
        String text = n.toString();
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }

    private static void apply(Errors errors, String path, Runnable setter) {
        try {
            setter.run();
        } catch (IllegalArgumentException | IllegalStateException e) {
            errors.add(path, e.getMessage());
        }
    }

    /** Problems found while reading, each with its path. */
    static final class Errors {
        final List<String> messages = new ArrayList<>();

        void add(String path, String message) {
            messages.add(path + ": " + message);
        }

        void throwIfAny() {
            if (!messages.isEmpty()) {
                throw new IllegalArgumentException(String.join(System.lineSeparator(), messages));
            }
        }
    }
}
