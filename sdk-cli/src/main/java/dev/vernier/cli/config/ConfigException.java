package dev.vernier.cli.config;

import java.util.List;

/**
 * A configuration that cannot be used, with every problem found, one per line, each starting with
 * its path ({@code scenarios[2].load.opsPerSecond: must be positive, but was -5 (line 14)}).
 * The CLI prints them all and exits 2.
 */
public final class ConfigException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** The problems, in document order. */
    private final List<String> problems;

    /** @param problems one line per problem, at least one */
    public ConfigException(List<String> problems) {
        super(String.join(System.lineSeparator(), problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("problems must not be empty");
        }
        this.problems = List.copyOf(problems);
    }

    /** @return one line per problem, each with its path */
    public List<String> problems() {
        return problems;
    }
}
