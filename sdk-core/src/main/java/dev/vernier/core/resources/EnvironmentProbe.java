package dev.vernier.core.resources;

import dev.vernier.core.result.Environment;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.HardwareAbstractionLayer;

/**
 * Captures the {@link Environment} a result is measured in: system properties and JMX for the JVM,
 * OSHI for the CPU model, core count and physical memory. Never throws: a figure that cannot be read
 * is recorded as unknown and logged at debug level. The machine's facts (CPU, cores, memory, OS)
 * are read through OSHI once per JVM (the first call loads JNA: up to a second or two); later calls
 * take well under a millisecond. Called once per run, before the measured time starts.
 *
 * <p>The label comes from the argument, else the system property {@value #LABEL_PROPERTY}, else the
 * environment variable {@value #LABEL_VARIABLE} (for example set by CI to the commit id).
 *
 * <p>Stateless and thread-safe.
 */
public final class EnvironmentProbe {

    /** System property read for the label when none is passed. */
    public static final String LABEL_PROPERTY = "vernier.label";
    /** Environment variable read for the label when neither an argument nor the property gives one. */
    public static final String LABEL_VARIABLE = "VERNIER_LABEL";

    private static final Logger LOG = LoggerFactory.getLogger(EnvironmentProbe.class);
    private static final String UNKNOWN = "unknown";

    private EnvironmentProbe() {
    }

    /** @return the environment now, labelled from {@value #LABEL_PROPERTY} or {@value #LABEL_VARIABLE} if set */
    public static Environment capture() {
        return capture(null);
    }

    /**
     * @param label the user's label (a commit id, say), or null to read the property or variable
     * @return the environment now
     */
    public static Environment capture(String label) {
        Machine m = Machine.FACTS;
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        List<String> args;
        try {
            args = redact(ManagementFactory.getRuntimeMXBean().getInputArguments());
        } catch (RuntimeException e) {
            LOG.debug("cannot read the JVM's arguments", e);
            args = List.of();
        }
        String l = label != null ? label : System.getProperty(LABEL_PROPERTY, System.getenv(LABEL_VARIABLE));
        return new Environment(System.getProperty("java.vendor", UNKNOWN),
                System.getProperty("java.runtime.version", System.getProperty("java.version", UNKNOWN)),
                System.getProperty("java.vm.name", UNKNOWN), args, m.os(), System.getProperty("os.arch", UNKNOWN),
                m.cpu(), m.logicalCores(), Runtime.getRuntime().availableProcessors(), m.memoryBytes(),
                Runtime.getRuntime().maxMemory(), load < 0 ? Double.NaN : load, vernierVersion(),
                l == null || l.isBlank() ? null : l);
    }

    /**
     * Results are shared (CI artifacts, a team's store), so a system property whose name suggests a
     * secret keeps its name and loses its value: {@code -Djavax.net.ssl.keyStorePassword=***}.
     *
     * @param args JVM input arguments
     * @return the same arguments with secret-looking {@code -D} values replaced by {@code ***}
     */
    static List<String> redact(List<String> args) {
        return args.stream().map(a -> {
            int eq = a.indexOf('=');
            if (a.startsWith("-D") && eq > 0 && SECRET.matcher(a.substring(2, eq)).find()) {
                return a.substring(0, eq + 1) + "***";
            }
            return a;
        }).toList();
    }

    private static final java.util.regex.Pattern SECRET = java.util.regex.Pattern.compile(
            "(?i)pass|secret|token|credential|auth|apikey|api[._-]key|private");

    /**
     * What does not change while the JVM runs, read through OSHI once (the first read loads JNA and
     * takes up to a second or two; later ones would still take about 100 ms): an immutable value in
     * a lazily initialised holder, not mutable state.
     */
    private record Machine(String os, String cpu, int logicalCores, long memoryBytes) {

        static final Machine FACTS = read();

        private static Machine read() {
            String os = (System.getProperty("os.name", UNKNOWN) + " " + System.getProperty("os.version", "")).trim();
            try {
                SystemInfo si = new SystemInfo();
                HardwareAbstractionLayer hal = si.getHardware();
                CentralProcessor p = hal.getProcessor();
                String cpu = p.getProcessorIdentifier().getName().trim();
                return new Machine(si.getOperatingSystem().getFamily() + " " + si.getOperatingSystem().getVersionInfo(),
                        cpu.isEmpty() ? UNKNOWN : cpu, p.getLogicalProcessorCount(), hal.getMemory().getTotal());
            } catch (RuntimeException | LinkageError e) {
                LOG.debug("OSHI could not describe the machine; CPU and memory are unknown", e);
                return new Machine(os, UNKNOWN, -1, -1);
            }
        }
    }

    /** @return the version in {@code vernier-version.properties}, else the jar's, else "unknown" */
    public static String vernierVersion() {
        try (InputStream in = EnvironmentProbe.class.getResourceAsStream("/dev/vernier/core/vernier-version.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version");
                if (v != null && !v.isBlank() && !v.startsWith("${")) {
                    return v.trim();
                }
            }
        } catch (IOException e) {
            LOG.debug("cannot read vernier-version.properties", e);
        }
        String v = EnvironmentProbe.class.getPackage().getImplementationVersion();
        return v == null ? UNKNOWN : v;
    }
}
