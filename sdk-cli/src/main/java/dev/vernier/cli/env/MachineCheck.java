package dev.vernier.cli.env;

import dev.vernier.cli.config.BenchmarkConfig;
import dev.vernier.core.resources.EnvironmentProbe;
import dev.vernier.core.result.Environment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.GlobalMemory;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

/**
 * Environment validation and system information before a run: JDK, OS, CPU model and cores,
 * memory, load average, CPU frequency and its scaling governor where the platform tells, and the
 * other processes busy during a short sample; warnings when the machine is not quiet enough for the
 * figures a run asks for. Facts come from {@link EnvironmentProbe} (what every result records) and
 * OSHI (load averages, available memory, frequencies, processes); the governor from
 * {@code /sys/devices/system/cpu/cpu*}{@code /cpufreq/scaling_governor} on Linux.
 *
 * <p>Reading is separate from judging: {@link #read} takes the facts (it sleeps for the process
 * sample), {@link #judge} is a pure function of them, tested on its own.
 *
 * <p>Stateless and thread-safe.
 */
public final class MachineCheck {

    private static final Logger LOG = LoggerFactory.getLogger(MachineCheck.class);
    private static final long MIB = 1L << 20;

    private MachineCheck() {
    }

    /**
     * Another process busy during the sample.
     *
     * @param pid its process id
     * @param name its name
     * @param corePercent CPU it used during the sample, percent of one core
     */
    public record BusyProcess(long pid, String name, double corePercent) {
    }

    /**
     * What was read about the machine.
     *
     * @param environment what every result records (JDK, OS, CPU, cores, memory, load at start)
     * @param loadAverages 1, 5 and 15 minute load averages (NaN where unknown)
     * @param availableMemoryBytes memory available to new work, bytes (-1 when unknown)
     * @param physicalCores physical cores (-1 when unknown)
     * @param maxFrequencyHz the CPU's maximum frequency, Hz (-1 when unknown)
     * @param currentFrequencyHz each logical processor's current frequency, Hz (empty when unknown)
     * @param governors distinct CPU frequency scaling governors (empty when the platform does not tell)
     * @param busy other processes busy during the sample, busiest first
     * @param sampleSeconds how long processes were sampled, seconds (0: not sampled)
     */
    public record Facts(Environment environment, double[] loadAverages, long availableMemoryBytes, int physicalCores,
                        long maxFrequencyHz, long[] currentFrequencyHz, List<String> governors, List<BusyProcess> busy,
                        double sampleSeconds) {
        /** Copies the arrays and lists. */
        public Facts {
            loadAverages = loadAverages.clone();
            currentFrequencyHz = currentFrequencyHz.clone();
            governors = List.copyOf(governors);
            busy = List.copyOf(busy);
        }
    }

    /** How much a finding matters. */
    public enum Level {
        /** The machine is not quiet enough: the figures may be disturbed. */
        WARNING,
        /** Worth knowing; does not make the machine unfit. */
        NOTE
    }

    /**
     * One judgement.
     *
     * @param level how much it matters
     * @param message a sentence with the figures
     */
    public record Finding(Level level, String message) {
        @Override
        public String toString() {
            return level.name().toLowerCase(Locale.ROOT) + ": " + message;
        }
    }

    /**
     * The facts and what they mean for a run.
     *
     * @param facts what was read
     * @param findings warnings and notes
     */
    public record Report(Facts facts, List<Finding> findings) {
        /** Copies the list. */
        public Report {
            findings = List.copyOf(findings);
        }

        /** @return the warnings only */
        public List<Finding> warnings() {
            return findings.stream().filter(f -> f.level() == Level.WARNING).toList();
        }

        /** @return the facts as name/value lines, in display order (also written as environment.json) */
        public Map<String, String> describe() {
            Facts f = facts;
            Environment e = f.environment();
            Map<String, String> m = new LinkedHashMap<>();
            m.put("jdk", e.jdkVendor() + " " + e.jdkVersion() + " (" + e.jvmName() + ")");
            m.put("jvmArguments", String.join(" ", e.jvmArguments()));
            m.put("os", e.os() + " " + e.arch());
            m.put("cpu", e.cpuModel());
            m.put("cores", e.logicalCores() + " logical" + (f.physicalCores() > 0 ? ", " + f.physicalCores()
                    + " physical" : "") + ", " + e.availableProcessors() + " available to the JVM");
            m.put("cpuFrequency", frequency(f));
            m.put("cpuGovernor", f.governors().isEmpty() ? "not readable on this platform"
                    : String.join(", ", f.governors()));
            m.put("memory", gib(e.memoryBytes()) + " total, " + gib(f.availableMemoryBytes()) + " available, JVM heap up to "
                    + gib(e.maxHeapBytes()));
            m.put("loadAverage", String.format(Locale.ROOT, "%.2f %.2f %.2f (1, 5, 15 min)", f.loadAverages()[0],
                    f.loadAverages()[1], f.loadAverages()[2]));
            m.put("busyProcesses", f.sampleSeconds() == 0 ? "not sampled" : f.busy().isEmpty()
                    ? String.format(Locale.ROOT, "none above the limit in a %.1f s sample", f.sampleSeconds())
                    : f.busy().stream().map(b -> String.format(Locale.ROOT, "%s (pid %d) %.0f%%", b.name(), b.pid(),
                    b.corePercent())).reduce((a, b) -> a + ", " + b).orElse(""));
            m.put("vernier", e.vernierVersion());
            if (e.label() != null) {
                m.put("label", e.label());
            }
            int i = 1;
            for (Finding x : findings) {
                m.put(x.level().name().toLowerCase(Locale.ROOT) + "." + i++, x.message());
            }
            return m;
        }
    }

    private static String frequency(Facts f) {
        if (f.maxFrequencyHz() <= 0 && f.currentFrequencyHz().length == 0) {
            return "not readable on this platform";
        }
        StringBuilder b = new StringBuilder();
        if (f.maxFrequencyHz() > 0) {
            b.append(String.format(Locale.ROOT, "max %.2f GHz", f.maxFrequencyHz() / 1e9));
        }
        long lo = Long.MAX_VALUE;
        long hi = 0;
        for (long c : f.currentFrequencyHz()) {
            if (c > 0) {
                lo = Math.min(lo, c);
                hi = Math.max(hi, c);
            }
        }
        if (hi > 0) {
            b.append(b.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "now %.2f-%.2f GHz", lo / 1e9,
                    hi / 1e9));
        }
        return b.length() == 0 ? "not readable on this platform" : b.toString();
    }

    private static String gib(long bytes) {
        return bytes < 0 ? "unknown" : String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
    }

    /**
     * Reads the machine. Sleeps for {@code sample} to see which other processes are busy.
     *
     * @param sample how long to sample other processes (zero: not sampled)
     * @param busyPercent processes above this share of one core are listed, percent
     * @param label the label recorded in the environment, or null
     * @return the facts
     * @throws InterruptedException when interrupted during the sample
     */
    public static Facts read(Duration sample, double busyPercent, String label) throws InterruptedException {
        Environment env = EnvironmentProbe.capture(label);
        double[] loads = {EnvironmentProbe.loadAverage(), Double.NaN, Double.NaN};
        long available = -1;
        int physical = -1;
        long max = -1;
        long[] current = new long[0];
        List<BusyProcess> busy = new ArrayList<>();
        try {
            SystemInfo si = new SystemInfo();
            CentralProcessor cpu = si.getHardware().getProcessor();
            double[] l = cpu.getSystemLoadAverage(3);
            for (int i = 0; i < 3; i++) {
                loads[i] = l[i] < 0 ? loads[i] : l[i];
            }
            GlobalMemory mem = si.getHardware().getMemory();
            available = mem.getAvailable();
            physical = cpu.getPhysicalProcessorCount();
            max = cpu.getMaxFreq();
            current = cpu.getCurrentFreq();
            if (!sample.isZero()) {
                busy = busy(si.getOperatingSystem(), sample, busyPercent);
            }
        } catch (RuntimeException | LinkageError e) {
            LOG.debug("OSHI could not read part of the machine's facts", e);
        }
        return new Facts(env, loads, available, physical, max, current, governors(), busy,
                sample.toNanos() / 1e9);
    }

    private static List<BusyProcess> busy(OperatingSystem os, Duration sample, double busyPercent)
            throws InterruptedException {
        long self = ProcessHandle.current().pid();
        Map<Integer, OSProcess> before = new HashMap<>();
        for (OSProcess p : os.getProcesses()) {
            before.put(p.getProcessID(), p);
        }
        Thread.sleep(sample.toMillis());
        List<BusyProcess> out = new ArrayList<>();
        for (OSProcess p : os.getProcesses()) {
            OSProcess prior = before.get(p.getProcessID());
            if (prior == null || p.getProcessID() == self) {
                continue;
            }
            double percent = 100 * p.getProcessCpuLoadBetweenTicks(prior);
            if (percent > busyPercent) {
                out.add(new BusyProcess(p.getProcessID(), p.getName(), percent));
            }
        }
        out.sort(Comparator.comparingDouble(BusyProcess::corePercent).reversed());
        return out.size() > 10 ? out.subList(0, 10) : out;
    }

    /** The distinct scaling governors of the logical processors, or none where the platform hides them. */
    private static List<String> governors() {
        TreeSet<String> out = new TreeSet<>();
        for (int i = 0; i < 4096; i++) {
            Path g = Path.of("/sys/devices/system/cpu/cpu" + i + "/cpufreq/scaling_governor");
            if (!Files.isReadable(g)) {
                if (!Files.exists(Path.of("/sys/devices/system/cpu/cpu" + i))) {
                    break;
                }
                continue;
            }
            try {
                out.add(Files.readString(g, StandardCharsets.US_ASCII).trim());
            } catch (IOException e) {
                LOG.debug("cannot read {}", g, e);
            }
        }
        return List.copyOf(out);
    }

    /**
     * Reads and judges the machine, saying what it does and finds.
     *
     * @param limits the configuration's limits
     * @param label the label recorded in the environment, or null
     * @param tailPercentiles whether the run reports p99.9 or beyond
     * @param say receives a line before the sample and one per finding
     * @return the report
     * @throws InterruptedException when interrupted during the sample
     */
    public static Report check(BenchmarkConfig.EnvironmentCheck limits, String label, boolean tailPercentiles,
                               java.util.function.Consumer<String> say) throws InterruptedException {
        say.accept(String.format(Locale.ROOT, "Checking the machine (%.1f s sample of other processes)...",
                limits.sampleTime().toNanos() / 1e9));
        Facts facts = read(limits.sampleTime(), limits.busyProcessPercent(), label);
        Report r = new Report(facts, judge(facts, limits, tailPercentiles));
        r.findings().forEach(f -> say.accept("  " + f));
        return r;
    }

    /**
     * Judges the facts against the limits of a run. Pure.
     *
     * @param f the facts
     * @param limits the configuration's limits
     * @param tailPercentiles whether the run reports percentiles at or above 99.9 (the first figures
     *     other work disturbs)
     * @return the findings, warnings first
     */
    public static List<Finding> judge(Facts f, BenchmarkConfig.EnvironmentCheck limits, boolean tailPercentiles) {
        List<Finding> warnings = new ArrayList<>();
        List<Finding> notes = new ArrayList<>();
        Environment e = f.environment();
        int processors = e.availableProcessors() > 0 ? e.availableProcessors() : e.logicalCores();
        double load = f.loadAverages()[0];
        if (processors > 0 && load > limits.maxLoadPerCore() * processors) {
            warnings.add(new Finding(Level.WARNING, String.format(Locale.ROOT, "the load average is %.2f, above %.2f"
                    + " (%s per processor for %d processors): other work competes with the system under test",
                    load, limits.maxLoadPerCore() * processors, trim(limits.maxLoadPerCore()), processors)));
        }
        if (f.availableMemoryBytes() >= 0 && f.availableMemoryBytes() < limits.minFreeMemoryMb() * MIB) {
            warnings.add(new Finding(Level.WARNING, String.format(Locale.ROOT, "only %d MiB of memory is available"
                    + " (limit %d MiB): the system under test may swap and GC may thrash",
                    f.availableMemoryBytes() / MIB, limits.minFreeMemoryMb())));
        }
        if (f.availableMemoryBytes() >= 0 && e.maxHeapBytes() > f.availableMemoryBytes()) {
            notes.add(new Finding(Level.NOTE, String.format(Locale.ROOT, "the JVM may grow its heap to %d MiB but only"
                    + " %d MiB is available; set -Xmx below it", e.maxHeapBytes() / MIB, f.availableMemoryBytes() / MIB)));
        }
        for (BusyProcess b : f.busy()) {
            warnings.add(new Finding(Level.WARNING, String.format(Locale.ROOT, "process %s (pid %d) used %.0f%% of a core"
                    + " during the %.1f s sample (limit %s%%)", b.name(), b.pid(), b.corePercent(), f.sampleSeconds(),
                    trim(limits.busyProcessPercent()))));
        }
        List<String> scaling = f.governors().stream().filter(g -> !g.equals("performance")).toList();
        if (!scaling.isEmpty()) {
            notes.add(new Finding(Level.NOTE, "CPU frequency scaling governor " + scaling + " (not 'performance'): the"
                    + " clock follows the load, which widens run-to-run variation"));
        }
        if (tailPercentiles && !warnings.isEmpty()) {
            notes.add(new Finding(Level.NOTE, "the run reports p99.9 or beyond: the tail is the first figure other"
                    + " work on the machine disturbs"));
        }
        List<Finding> out = new ArrayList<>(warnings);
        out.addAll(notes);
        return out;
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
