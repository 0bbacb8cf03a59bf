package dev.vernier.core.result;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Where a result was measured: the JDK, the JVM's arguments, the operating system, the CPU and
 * memory, how busy the machine was when the run started, the Vernier version, and an optional
 * label of the user's (a commit, a build number). Immutable and thread-safe. Captured by
 * {@code dev.vernier.core.resources.EnvironmentProbe}; a field the platform does not give is
 * {@code "unknown"}, -1 or NaN.
 *
 * @param jdkVendor {@code java.vendor}, e.g. "Eclipse Adoptium"
 * @param jdkVersion {@code java.runtime.version}, e.g. "17.0.9+9"
 * @param jvmName {@code java.vm.name}, e.g. "OpenJDK 64-Bit Server VM"
 * @param jvmArguments the JVM's input arguments, in order
 * @param os operating system, e.g. "Debian GNU/Linux 12 (bookworm) (Linux 6.1.0-13-amd64)"
 * @param arch {@code os.arch}, e.g. "amd64"
 * @param cpuModel the processor's name, e.g. "Intel(R) Xeon(R) CPU @ 2.20GHz"
 * @param logicalCores logical processors of the machine (-1 when unknown)
 * @param availableProcessors processors the JVM may use ({@code Runtime.availableProcessors()}; a
 *     container quota shows here)
 * @param memoryBytes memory of the machine, or of its container when limited, bytes (-1 when unknown)
 * @param maxHeapBytes largest heap the JVM may use, bytes
 * @param loadAverageAtStart the system's one-minute load average when the run started (NaN when the
 *     platform has none)
 * @param vernierVersion version of Vernier that measured
 * @param label the user's label, e.g. a commit id, or null
 */
public record Environment(String jdkVendor, String jdkVersion, String jvmName, List<String> jvmArguments, String os,
                          String arch, String cpuModel, int logicalCores, int availableProcessors, long memoryBytes,
                          long maxHeapBytes, double loadAverageAtStart, String vernierVersion, String label) {

    /** Copies the list. @throws NullPointerException when a text field other than label, or the list, is null */
    public Environment {
        Objects.requireNonNull(jdkVendor, "jdkVendor");
        Objects.requireNonNull(jdkVersion, "jdkVersion");
        Objects.requireNonNull(jvmName, "jvmName");
        jvmArguments = List.copyOf(jvmArguments);
        Objects.requireNonNull(os, "os");
        Objects.requireNonNull(arch, "arch");
        Objects.requireNonNull(cpuModel, "cpuModel");
        Objects.requireNonNull(vernierVersion, "vernierVersion");
    }

    /** @return a copy with another label (null for none) */
    public Environment withLabel(String newLabel) {
        return new Environment(jdkVendor, jdkVersion, jvmName, jvmArguments, os, arch, cpuModel, logicalCores,
                availableProcessors, memoryBytes, maxHeapBytes, loadAverageAtStart, vernierVersion, newLabel);
    }

    /**
     * The JVM arguments that change how code runs: heap, stack, collector and compiler options
     * ({@code -X...}), not agents, debug ports or system properties, which differ between any
     * two launches.
     *
     * @return those arguments, in order
     */
    public List<String> tuningArguments() {
        return jvmArguments.stream().filter(a -> a.startsWith("-X")).toList();
    }

    /**
     * What differs between two environments in ways that can change measurements: JDK, JVM tuning
     * arguments, operating system, CPU, cores, memory, Vernier version. The label and the load
     * average are not compared (one differs by design, the other always); a run that started on a
     * machine busier than its core count is mentioned instead.
     *
     * @param other the environment to compare with (the candidate's, when this is the baseline's)
     * @return one sentence per difference, "this vs other"; empty when they match
     */
    public List<String> differencesFrom(Environment other) {
        Objects.requireNonNull(other, "other");
        List<String> out = new ArrayList<>();
        diff(out, "JDK", jdkVendor + " " + jdkVersion + " (" + jvmName + ")",
                other.jdkVendor + " " + other.jdkVersion + " (" + other.jvmName + ")");
        diff(out, "JVM arguments", String.join(" ", tuningArguments()), String.join(" ", other.tuningArguments()));
        diff(out, "OS", os + " " + arch, other.os + " " + other.arch);
        diff(out, "CPU", cpuModel, other.cpuModel);
        diff(out, "logical cores", Integer.toString(logicalCores), Integer.toString(other.logicalCores));
        diff(out, "processors available to the JVM", Integer.toString(availableProcessors),
                Integer.toString(other.availableProcessors));
        diff(out, "memory", gib(memoryBytes), gib(other.memoryBytes));
        diff(out, "max heap", gib(maxHeapBytes), gib(other.maxHeapBytes));
        diff(out, "Vernier", vernierVersion, other.vernierVersion);
        busy(out, "baseline", this);
        busy(out, "candidate", other);
        return out;
    }

    private static void diff(List<String> out, String what, String a, String b) {
        if (!a.equals(b)) {
            out.add(what + ": " + (a.isEmpty() ? "(none)" : a) + " vs " + (b.isEmpty() ? "(none)" : b));
        }
    }

    private static void busy(List<String> out, String side, Environment e) {
        int cores = e.availableProcessors > 0 ? e.availableProcessors : e.logicalCores;
        if (cores > 0 && e.loadAverageAtStart > cores) {
            out.add(String.format(Locale.ROOT, "the %s started on a busy machine (load average %.2f on %d processors)",
                    side, e.loadAverageAtStart, cores));
        }
    }

    private static String gib(long bytes) {
        return bytes < 0 ? "unknown" : String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
    }
}
