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
     * Reports a configuration that could not be loaded or used: a {@link ConfigException} with every
     * problem it lists, any other {@link IllegalArgumentException} by its message.
     *
     * @param err where to print
     * @param file the configuration file concerned, or null
     * @param e what was wrong
     * @return {@link ExitCodes#BAD_INPUT}
     */
    static int input(PrintStream err, Path file, IllegalArgumentException e) {
        return e instanceof ConfigException c ? config(err, file, c) : bad(err, e.getMessage());
    }

    /**
     * @param err where to print
     * @param file the file concerned, or null
     * @param e the problems
     * @return {@link ExitCodes#BAD_INPUT}
     */
    private static int config(PrintStream err, Path file, ConfigException e) {
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
