package dev.vernier.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The module boundary, read from the compiled module descriptors and the sources of every library
 * module (this module builds after all of them): sdk-api depends on the JDK only; Smile is required
 * by sdk-optimizer alone; no internal package is exported except as a qualified export to Vernier's
 * own modules; and no module's sources name another module's internal package unless that package
 * is exported to it. javac enforces the last rule too when it compiles each module; this test also
 * covers code compiled on the class path (the examples, the test kit).
 */
class ModuleBoundaryTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    /** Library modules: directory, module name, root package. */
    private static final Map<String, String[]> MODULES = Map.of(
            "sdk-api", new String[] {"dev.vernier.api", "dev.vernier.api"},
            "sdk-core", new String[] {"dev.vernier.core", "dev.vernier.core"},
            "sdk-optimizer", new String[] {"dev.vernier.optimizer", "dev.vernier.optimizer"},
            "sdk-junit", new String[] {"dev.vernier.junit", "dev.vernier.junit"},
            "sdk-monitor", new String[] {"dev.vernier.monitor", "dev.vernier.monitor"});
    /**
     * Code outside the library modules that may still name api.internal: the in-process example
     * clusters share its argument checks (they are on the class path; see docs/architecture.md).
     */
    private static final Set<String> CLASS_PATH_EXEMPT = Set.of("sdk-examples", "sdk-examples-ratis");

    private static ModuleDescriptor descriptor(String dir) throws IOException {
        Path file = ROOT.resolve(dir).resolve("target/classes/module-info.class");
        assertTrue(Files.exists(file), "build " + dir + " first: " + file);
        try (InputStream in = Files.newInputStream(file)) {
            return ModuleDescriptor.read(in);
        }
    }

    @Test
    void sdkApiDependsOnTheJdkOnly() throws IOException {
        ModuleDescriptor api = descriptor("sdk-api");
        assertEquals("dev.vernier.api", api.name());
        for (ModuleDescriptor.Requires r : api.requires()) {
            assertTrue(r.name().startsWith("java."), "sdk-api requires " + r.name());
        }
    }

    @Test
    void smileIsRequiredBySdkOptimizerAlone() throws IOException {
        for (String dir : MODULES.keySet()) {
            ModuleDescriptor d = descriptor(dir);
            boolean smile = d.requires().stream().anyMatch(r -> r.name().startsWith("smile"));
            assertEquals(dir.equals("sdk-optimizer"), smile, dir + " requires " + d.requires());
        }
    }

    @Test
    void internalPackagesAreNeverExportedToEveryone() throws IOException {
        for (String dir : MODULES.keySet()) {
            ModuleDescriptor d = descriptor(dir);
            for (ModuleDescriptor.Exports e : d.exports()) {
                if (e.source().contains(".internal")) {
                    assertTrue(e.isQualified(), dir + " exports " + e.source() + " to everyone");
                    assertTrue(e.targets().stream().allMatch(t -> t.startsWith("dev.vernier.")),
                            dir + " exports " + e.source() + " outside Vernier: " + e.targets());
                }
            }
        }
    }

    @Test
    void noModuleNamesAnotherModulesInternals() throws IOException {
        Map<String, Set<String>> exportedTo = new java.util.HashMap<>();
        for (String dir : MODULES.keySet()) {
            for (ModuleDescriptor.Exports e : descriptor(dir).exports()) {
                if (e.isQualified()) {
                    exportedTo.put(e.source(), e.targets());
                }
            }
        }
        Pattern internal = Pattern.compile("dev\\.vernier\\.(\\w+)\\.internal(\\.\\w+)*");
        List<String> violations = new ArrayList<>();
        List<String> dirs = new ArrayList<>(MODULES.keySet());
        dirs.addAll(List.of("sdk-testkit", "sdk-examples", "sdk-examples-ratis"));
        for (String dir : dirs) {
            Path src = ROOT.resolve(dir).resolve("src/main/java");
            if (!Files.isDirectory(src)) {
                continue;
            }
            String[] self = MODULES.getOrDefault(dir, new String[] {"(class path)", "dev.vernier.examples"});
            try (Stream<Path> files = Files.walk(src)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    Matcher m = internal.matcher(Files.readString(f));
                    while (m.find()) {
                        String pkg = m.group();
                        if (pkg.startsWith(self[1] + ".")) {
                            continue; // its own internals
                        }
                        String owner = "dev.vernier." + m.group(1) + ".internal";
                        Set<String> allowed = exportedTo.getOrDefault(owner, Set.of());
                        if (allowed.contains(self[0]) || (CLASS_PATH_EXEMPT.contains(dir) && owner.equals(
                                "dev.vernier.api.internal"))) {
                            continue;
                        }
                        violations.add(ROOT.relativize(f) + " names " + pkg);
                    }
                }
            }
        }
        assertEquals(List.of(), violations.stream().distinct().collect(Collectors.toList()));
    }

    @Test
    void theExportedSurfaceIsWhatDocsArchitectureListsIt() throws IOException {
        String doc = Files.readString(ROOT.resolve("docs/architecture.md"));
        Set<String> missing = new TreeSet<>();
        for (String dir : MODULES.keySet()) {
            for (ModuleDescriptor.Exports e : descriptor(dir).exports()) {
                if (!e.isQualified() && !doc.contains("`" + e.source() + "`")) {
                    missing.add(e.source());
                }
            }
        }
        assertEquals(Set.of(), missing, "exported packages not listed in docs/architecture.md");
    }
}
