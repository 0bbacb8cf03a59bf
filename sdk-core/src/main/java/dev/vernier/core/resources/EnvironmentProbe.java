package dev.vernier.core.resources;

import dev.vernier.core.result.Environment;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.HardwareAbstractionLayer;

/**
 * Captures the {@link Environment} a result is measured in: system properties and JMX for the JVM
 * and the load average; for the CPU model, core count, memory and OS, {@code /proc} and JMX on
 * Linux and OSHI elsewhere, once per JVM (see {@code Machine}). Never throws: a figure that cannot be
 * read is recorded as unknown and logged at debug level. A run reads the load average when it starts
 * and captures the rest when it ends.
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
        return capture(label, loadAverage());
    }

    /**
     * The system's one-minute load average: {@code /proc/loadavg} on Linux (microseconds), JMX
     * elsewhere. Cheap enough to call when a run starts; {@link #capture(String, double)} does the
     * rest when it ends, so nothing heavy runs just before a measurement.
     *
     * @return the load average, or NaN when the platform has none
     */
    public static double loadAverage() {
        Path loadavg = Path.of("/proc/loadavg");
        if (Files.isReadable(loadavg)) {
            try {
                String text = Files.readString(loadavg, StandardCharsets.US_ASCII).trim();
                int space = text.indexOf(' ');
                return Double.parseDouble(space < 0 ? text : text.substring(0, space));
            } catch (IOException | RuntimeException e) {
                LOG.debug("cannot read /proc/loadavg; asking JMX", e);
            }
        }
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return load < 0 ? Double.NaN : load;
    }

    /**
     * @param label the user's label (a commit id, say), or null to read the property or variable
     * @param loadAverageAtStart the {@link #loadAverage()} read when the run started
     * @return the environment, with the given load average at start
     */
    public static Environment capture(String label, double loadAverageAtStart) {
        Machine m = Machine.FACTS;
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
                Runtime.getRuntime().maxMemory(), loadAverageAtStart, vernierVersion(),
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
     * What does not change while the JVM runs, read once (an immutable value in a lazily initialised
     * holder, not mutable state). On Linux from {@code /proc/cpuinfo}, {@code /etc/os-release} and
     * JMX, which cost about a millisecond; elsewhere through OSHI, whose first use loads JNA and
     * hundreds of classes (0.5 to 2 s here) and slows the next few hundred milliseconds of whatever
     * runs next (measured: a spinning thread lost about 40% of its first 200 ms), which is why it is
     * not the first choice.
     */
    private record Machine(String os, String cpu, int logicalCores, long memoryBytes) {

        static final Machine FACTS = read();

        private static Machine read() {
            Machine m = fromProcfs();
            return m != null ? m : fromOshi();
        }

        private static Machine fromProcfs() {
            Path cpuinfo = Path.of("/proc/cpuinfo");
            if (!Files.isReadable(cpuinfo)) {
                return null;
            }
            try {
                String model = null;
                int processors = 0;
                for (String line : Files.readAllLines(cpuinfo, StandardCharsets.UTF_8)) {
                    int colon = line.indexOf(':');
                    if (colon < 0) {
                        continue;
                    }
                    String key = line.substring(0, colon).trim();
                    String value = line.substring(colon + 1).trim();
                    if (key.equals("processor")) {
                        processors++;
                    } else if (model == null && !value.isEmpty() && (key.equals("model name") || key.equals("Hardware")
                            || key.equals("cpu model") || key.equals("Model"))) {
                        model = value;
                    }
                }
                String distro = null;
                Path release = Path.of("/etc/os-release");
                if (Files.isReadable(release)) {
                    for (String line : Files.readAllLines(release, StandardCharsets.UTF_8)) {
                        if (line.startsWith("PRETTY_NAME=")) {
                            distro = line.substring("PRETTY_NAME=".length()).replace("\"", "").trim();
                        }
                    }
                }
                String kernel = System.getProperty("os.name", UNKNOWN) + " " + System.getProperty("os.version", "");
                return new Machine(distro == null ? kernel.trim() : distro + " (" + kernel.trim() + ")",
                        model == null ? UNKNOWN : model, processors > 0 ? processors : -1, jmxMemory());
            } catch (IOException | RuntimeException e) {
                LOG.debug("cannot read /proc; trying OSHI", e);
                return null;
            }
        }

        private static Machine fromOshi() {
            return OshiFacts.read();
        }

        /** Physical memory, or a container's limit when there is one (JDK 14+), bytes; -1 when unknown. */
        private static long jmxMemory() {
            try {
                if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
                    long total = os.getTotalMemorySize();
                    return total > 0 ? total : -1;
                }
            } catch (RuntimeException | LinkageError e) {
                LOG.debug("cannot read total memory through JMX", e);
            }
            return -1;
        }
    }

    /** OSHI in a class of its own, so that it is loaded (with JNA) only where {@code /proc} is missing. */
    private static final class OshiFacts {

        private OshiFacts() {
        }

        static Machine read() {
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
                return new Machine(os, UNKNOWN, -1, Machine.jmxMemory());
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
