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
 * is recorded as unknown and logged at debug level. Takes some tens of milliseconds (OSHI reads
 * {@code /proc} or its platform's equivalent), so it is called once per run, not per interval.
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
        String cpu = UNKNOWN;
        int logical = -1;
        long memory = -1;
        String os = System.getProperty("os.name", UNKNOWN) + " " + System.getProperty("os.version", "");
        try {
            SystemInfo si = new SystemInfo();
            HardwareAbstractionLayer hal = si.getHardware();
            CentralProcessor p = hal.getProcessor();
            cpu = p.getProcessorIdentifier().getName().trim();
            logical = p.getLogicalProcessorCount();
            memory = hal.getMemory().getTotal();
            os = si.getOperatingSystem().getFamily() + " " + si.getOperatingSystem().getVersionInfo();
        } catch (RuntimeException | LinkageError e) {
            LOG.debug("OSHI could not describe the machine; CPU and memory are unknown", e);
        }
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        List<String> args;
        try {
            args = ManagementFactory.getRuntimeMXBean().getInputArguments();
        } catch (RuntimeException e) {
            LOG.debug("cannot read the JVM's arguments", e);
            args = List.of();
        }
        String l = label != null ? label : System.getProperty(LABEL_PROPERTY, System.getenv(LABEL_VARIABLE));
        return new Environment(System.getProperty("java.vendor", UNKNOWN),
                System.getProperty("java.runtime.version", System.getProperty("java.version", UNKNOWN)),
                System.getProperty("java.vm.name", UNKNOWN), args, os.trim(), System.getProperty("os.arch", UNKNOWN),
                cpu.isEmpty() ? UNKNOWN : cpu, logical, Runtime.getRuntime().availableProcessors(), memory,
                Runtime.getRuntime().maxMemory(), load < 0 ? Double.NaN : load, vernierVersion(),
                l == null || l.isBlank() ? null : l);
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
