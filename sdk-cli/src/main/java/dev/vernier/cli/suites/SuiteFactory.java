package dev.vernier.cli.suites;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vernier.api.ProtocolSuite;
import dev.vernier.api.tuning.Configuration;
import dev.vernier.api.tuning.Parameter;
import dev.vernier.api.tuning.Tunable;
import dev.vernier.cli.config.Problems;
import dev.vernier.cli.config.Values;
import dev.vernier.examples.cluster.ClusterSuite;
import dev.vernier.examples.cluster.DiskConfig;
import dev.vernier.examples.cluster.NetworkConfig;
import dev.vernier.examples.gossip.GossipSuite;
import dev.vernier.examples.pbft.PbftSuite;
import dev.vernier.examples.raft.RaftSuite;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Creates the suites a configuration names: the built-in example protocols by name, or any
 * {@link ProtocolSuite} class on the class path.
 *
 * <p><b>Built-in</b> ({@value #RAFT}, {@value #PBFT}, {@value #GOSSIP}: the in-process clusters of
 * {@code sdk-examples}). Properties: {@code nodes}, {@code seed}, {@code requestTimeout},
 * {@code network} ({@code latencyMicros}, {@code jitterMicros}, {@code bandwidthBytesPerSecond},
 * {@code lossProbability}), {@code disk} ({@code fixedWriteMicros}, {@code perByteNanos},
 * {@code realFsync}), and every knob of the protocol's parameter space by its name (for Raft
 * {@code maxBatchSize}, {@code pipelining}, ...), checked against the knob's type and bounds.
 *
 * <p><b>By class name.</b> The class must implement {@link ProtocolSuite} and offer, in this order
 * of preference: the static factory named by {@code factory}; else a
 * {@code public static ProtocolSuite create(Map<String, String> properties)}; else a public no-arg
 * constructor (then it takes no properties). Property values reach the factory as strings, exactly
 * as written in YAML ({@code 3}, {@code true}, {@code 250ms}); an {@link IllegalArgumentException}
 * the factory throws is reported as a problem of the properties, with its message.
 *
 * <p>A suite whose configured name differs from its {@link ProtocolSuite#name()} is wrapped so that
 * its results carry the configured name (two Raft entries with different knobs stay apart); the
 * wrapper implements every interface the suite does, so its capabilities are kept.
 *
 * <p>Stateless and thread-safe.
 */
public final class SuiteFactory {

    /** Built-in name of the Raft example cluster. */
    public static final String RAFT = "raft";
    /** Built-in name of the PBFT example cluster. */
    public static final String PBFT = "pbft";
    /** Built-in name of the gossip example cluster. */
    public static final String GOSSIP = "gossip";
    /** The static factory looked for when none is named. */
    public static final String DEFAULT_FACTORY = "create";

    private static final Map<String, Supplier<ClusterSuite.Builder<?, ?>>> BUILT_IN = Map.of(
            RAFT, RaftSuite::builder, PBFT, PbftSuite::builder, GOSSIP, GossipSuite::builder);
    private static final Set<String> COMMON = Set.of("nodes", "seed", "requestTimeout", "network", "disk");
    private static final Set<String> NETWORK = Set.of("latencyMicros", "jitterMicros", "bandwidthBytesPerSecond",
            "lossProbability");
    private static final Set<String> DISK = Set.of("fixedWriteMicros", "perByteNanos", "realFsync");

    private SuiteFactory() {
    }

    /** @return the built-in names, sorted */
    public static Set<String> builtInNames() {
        return new TreeSet<>(BUILT_IN.keySet());
    }

    /**
     * What a configuration says about one suite.
     *
     * @param name the name results carry
     * @param builtin a built-in protocol, or null
     * @param className a class name, or null
     * @param factory a static factory's name, or null
     * @param properties the properties, an object node (may be empty)
     */
    public record Spec(String name, String builtin, String className, String factory, JsonNode properties) {
    }

    /**
     * @param spec what to create
     * @param loader where classes are looked up
     * @param path the spec's path in the configuration, for problems
     * @param problems receives every problem
     * @return the suite, or null after problems
     */
    public static ProtocolSuite create(Spec spec, ClassLoader loader, String path, Problems problems) {
        int before = problems.size();
        ProtocolSuite suite = spec.builtin() != null ? builtIn(spec, path, problems)
                : byClass(spec, loader, path, problems);
        if (suite == null || problems.size() > before) {
            return null;
        }
        String name;
        try {
            name = suite.name();
        } catch (RuntimeException e) {
            problems.add(path, "the suite's name() failed: " + e);
            return null;
        }
        return spec.name().equals(name) ? suite : renamed(suite, spec.name());
    }

    private static ProtocolSuite builtIn(Spec spec, String path, Problems problems) {
        Supplier<ClusterSuite.Builder<?, ?>> make = BUILT_IN.get(spec.builtin());
        if (make == null) {
            problems.add(path + ".builtin", "must be one of " + builtInNames() + ", but was '" + spec.builtin() + "'"
                    + Problems.suggestion(spec.builtin(), BUILT_IN.keySet()));
            return null;
        }
        ClusterSuite.Builder<?, ?> b = make.get();
        JsonNode props = spec.properties();
        String at = path + ".properties";
        Set<String> knownKnobs = new LinkedHashSet<>();
        List<Parameter<?>> knobs = ((Tunable) make.get().build()).parameterSpace().parameters();
        knobs.forEach(p -> knownKnobs.add(p.name()));
        Set<String> known = new TreeSet<>(COMMON);
        known.addAll(knownKnobs);
        problems.unknownKeys(props, at, known);
        Map<String, Object> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = props.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            String p = at + "." + key;
            JsonNode v = e.getValue();
            try {
                switch (key) {
                    case "nodes" -> {
                        Integer n = Values.integer(v, p, 1, 1000, problems);
                        if (n != null) {
                            b.nodes(n);
                        }
                    }
                    case "seed" -> {
                        Long s = Values.longValue(v, p, problems);
                        if (s != null) {
                            b.seed(s);
                        }
                    }
                    case "requestTimeout" -> {
                        Duration d = Values.positiveDuration(v, p, problems);
                        if (d != null) {
                            b.requestTimeout(d);
                        }
                    }
                    case "network" -> network(b, v, p, problems);
                    case "disk" -> disk(b, v, p, problems);
                    default -> {
                        if (knownKnobs.contains(key)) {
                            Parameter<?> param = knobs.stream().filter(k -> k.name().equals(key)).findFirst()
                                    .orElseThrow();
                            values.put(key, param.validate(Values.plain(v)));
                        }
                    }
                }
            } catch (IllegalArgumentException ex) {
                problems.add(p, strip(ex.getMessage(), key));
            }
        }
        ClusterSuite<?, ?, ?> suite;
        try {
            suite = b.build();
            if (!values.isEmpty()) {
                suite.apply(new Configuration(values));
            }
        } catch (IllegalArgumentException ex) {
            problems.add(at, ex.getMessage());
            return null;
        }
        return suite;
    }

    /** "parameter maxBatchSize must be..." under the path of maxBatchSize reads "must be...". */
    private static String strip(String message, String key) {
        for (String prefix : new String[] {"parameter " + key + " ", key + " ", "nodes "}) {
            if (message != null && message.startsWith(prefix + "must")) {
                return message.substring(prefix.length());
            }
        }
        return message;
    }

    private static void network(ClusterSuite.Builder<?, ?> b, JsonNode v, String p, Problems problems) {
        if (!v.isObject()) {
            problems.add(p, "must be a map of " + new TreeSet<>(NETWORK) + ", but was " + Problems.describe(v));
            return;
        }
        problems.unknownKeys(v, p, NETWORK);
        NetworkConfig n = NetworkConfig.defaults();
        if (v.has("latencyMicros")) {
            Long x = Values.longValue(v.get("latencyMicros"), p + ".latencyMicros", problems);
            n = x == null ? n : n.withLatencyMicros(x);
        }
        if (v.has("jitterMicros")) {
            Long x = Values.longValue(v.get("jitterMicros"), p + ".jitterMicros", problems);
            n = x == null ? n : n.withJitterMicros(x);
        }
        if (v.has("bandwidthBytesPerSecond")) {
            Long x = Values.longValue(v.get("bandwidthBytesPerSecond"), p + ".bandwidthBytesPerSecond", problems);
            n = x == null ? n : n.withBandwidthBytesPerSecond(x);
        }
        if (v.has("lossProbability")) {
            Double x = Values.number(v.get("lossProbability"), p + ".lossProbability", 0, 0.999999, problems);
            n = x == null ? n : n.withLossProbability(x);
        }
        b.network(n);
    }

    private static void disk(ClusterSuite.Builder<?, ?> b, JsonNode v, String p, Problems problems) {
        if (!v.isObject()) {
            problems.add(p, "must be a map of " + new TreeSet<>(DISK) + ", but was " + Problems.describe(v));
            return;
        }
        problems.unknownKeys(v, p, DISK);
        DiskConfig d = DiskConfig.defaults();
        long fixed = d.fixedWriteMicros();
        double perByte = d.perByteNanos();
        boolean fsync = d.realFsync();
        if (v.has("fixedWriteMicros")) {
            Long x = Values.longValue(v.get("fixedWriteMicros"), p + ".fixedWriteMicros", problems);
            fixed = x == null ? fixed : x;
        }
        if (v.has("perByteNanos")) {
            Double x = Values.number(v.get("perByteNanos"), p + ".perByteNanos", 0, 1e9, problems);
            perByte = x == null ? perByte : x;
        }
        if (v.has("realFsync")) {
            Boolean x = Values.bool(v.get("realFsync"), p + ".realFsync", problems);
            fsync = x == null ? fsync : x;
        }
        b.disk(new DiskConfig(fixed, perByte, fsync));
    }

    private static ProtocolSuite byClass(Spec spec, ClassLoader loader, String path, Problems problems) {
        Class<?> type;
        try {
            type = Class.forName(spec.className(), true, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            problems.add(path + ".class", "must name a class on the class path, but '" + spec.className()
                    + "' cannot be loaded (" + e + "); add its jar with --class-path or the configuration's"
                    + " classPath");
            return null;
        }
        if (!ProtocolSuite.class.isAssignableFrom(type)) {
            problems.add(path + ".class", "must implement " + ProtocolSuite.class.getName() + ", but "
                    + type.getName() + " does not");
            return null;
        }
        Map<String, String> props = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = spec.properties().fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (!v.isValueNode() || v.isNull()) {
                problems.add(path + ".properties." + e.getKey(), "must be a plain value (it reaches the factory as a"
                        + " string), but was " + Problems.describe(v));
            } else {
                props.put(e.getKey(), v.asText());
            }
        }
        Method factory = factory(type, spec.factory(), path, problems);
        if (factory == null && spec.factory() != null) {
            return null;
        }
        try {
            Object made;
            if (factory != null) {
                made = factory.invoke(null, java.util.Collections.unmodifiableMap(props));
            } else {
                Constructor<?> c;
                try {
                    c = type.getConstructor();
                } catch (NoSuchMethodException e) {
                    problems.add(path + ".class", type.getName() + " must have a public no-arg constructor or a public"
                            + " static " + DEFAULT_FACTORY + "(Map<String, String>) factory, but has neither");
                    return null;
                }
                if (!props.isEmpty()) {
                    problems.add(path + ".properties", "must be empty: " + type.getName() + " has no static "
                            + DEFAULT_FACTORY + "(Map<String, String>) factory to take them, only a no-arg constructor");
                    return null;
                }
                made = c.newInstance();
            }
            if (!(made instanceof ProtocolSuite s)) {
                problems.add(path + ".factory", "must return a ProtocolSuite, but returned " + made);
                return null;
            }
            return s;
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IllegalArgumentException) {
                problems.add(path + ".properties", cause.getMessage());
            } else {
                problems.add(path, type.getName() + " could not be created: " + cause);
            }
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            problems.add(path, type.getName() + " could not be created: " + e);
        }
        return null;
    }

    private static Method factory(Class<?> type, String name, String path, Problems problems) {
        String wanted = name == null ? DEFAULT_FACTORY : name;
        for (Method m : type.getMethods()) {
            if (m.getName().equals(wanted) && Modifier.isStatic(m.getModifiers()) && m.getParameterCount() == 1
                    && m.getParameterTypes()[0].isAssignableFrom(Map.class)
                    && ProtocolSuite.class.isAssignableFrom(m.getReturnType())) {
                return m;
            }
        }
        if (name != null) {
            problems.add(path + ".factory", "must name a public static method of " + type.getName() + " taking"
                    + " Map<String, String> and returning a ProtocolSuite, but '" + name + "' is none");
        }
        return null;
    }

    /** A view of the suite under another name, implementing every interface the suite implements. */
    static ProtocolSuite renamed(ProtocolSuite suite, String name) {
        Set<Class<?>> interfaces = new LinkedHashSet<>();
        for (Class<?> c = suite.getClass(); c != null; c = c.getSuperclass()) {
            collect(c, interfaces);
        }
        InvocationHandler h = (proxy, method, args) -> {
            if (method.getName().equals("name") && method.getParameterCount() == 0) {
                return name;
            }
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> name + " (" + suite + ")";
                };
            }
            try {
                return method.invoke(suite, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (ProtocolSuite) Proxy.newProxyInstance(suite.getClass().getClassLoader(),
                new ArrayList<>(interfaces).toArray(new Class<?>[0]), h);
    }

    private static void collect(Class<?> c, Set<Class<?>> out) {
        for (Class<?> i : c.getInterfaces()) {
            if (Modifier.isPublic(i.getModifiers()) && out.add(i)) {
                collect(i, out);
            }
        }
    }
}
