package dev.vernier.cli.commands;

import dev.vernier.cli.config.ConfigLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options every command that reads a configuration file shares. */
public final class ConfigOptions {

    @Option(names = "--profile", paramLabel = "NAME",
            description = "Apply this profile of the file's profiles (e.g. ci: shorter durations).")
    String profile;

    @Option(names = "--time-scale", paramLabel = "FACTOR", defaultValue = "1",
            description = "Multiply every scenario's warm-up, duration, intervals and fault times by FACTOR, on top"
                    + " of the profile's (e.g. 0.1 for a quick try). Default: ${DEFAULT-VALUE}.")
    double timeScale;

    @Option(names = "--class-path", paramLabel = "PATHS", split = "${sys:path.separator}",
            description = "Jars and directories holding suite classes named in the file.")
    List<Path> classPath = new ArrayList<>();

    /**
     * @return the loader's options
     * @throws IllegalArgumentException for a time scale that is not positive
     */
    ConfigLoader.Options options() {
        if (!(timeScale > 0)) {
            throw new IllegalArgumentException("--time-scale must be positive, but was " + timeScale);
        }
        return new ConfigLoader.Options(profile, timeScale, classPath);
    }
}
