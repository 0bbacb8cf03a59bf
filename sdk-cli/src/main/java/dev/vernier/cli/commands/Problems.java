package dev.vernier.cli.commands;

import dev.vernier.cli.ExitCodes;
import dev.vernier.cli.config.ConfigException;
import java.io.PrintStream;
import java.nio.file.Path;

/** How commands report bad input: every problem, then what the exit code means. Stateless. */
final class Problems {

    private Problems() {
    }

    /**
     * @param err where to print
     * @param file the file concerned, or null
     * @param e the problems
     * @return {@link ExitCodes#BAD_INPUT}
     */
    static int config(PrintStream err, Path file, ConfigException e) {
        int n = e.problems().size();
        err.println("error: " + (file == null ? "" : file + ": ") + n + (n == 1 ? " problem" : " problems") + ":");
        e.problems().forEach(p -> err.println("  " + p));
        err.println("exit " + ExitCodes.BAD_INPUT + ": bad input, nothing was run");
        return ExitCodes.BAD_INPUT;
    }

    /**
     * @param err where to print
     * @param message the problem
     * @return {@link ExitCodes#BAD_INPUT}
     */
    static int bad(PrintStream err, String message) {
        err.println("error: " + message);
        err.println("exit " + ExitCodes.BAD_INPUT + ": bad input");
        return ExitCodes.BAD_INPUT;
    }
}
