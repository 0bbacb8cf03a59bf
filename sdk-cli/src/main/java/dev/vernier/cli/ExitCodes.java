package dev.vernier.cli;

/**
 * The exit codes of every {@code vernier} command, the same as {@code CompareResults}' where they
 * overlap.
 */
public final class ExitCodes {

    /** All targets met, no regression, the command did what it was asked. */
    public static final int OK = 0;
    /** A target was missed or a figure regressed (or the gate found it inconclusive, when asked to fail then). */
    public static final int FAILED_CHECK = 1;
    /** Bad input or usage: a configuration, a file or an option that cannot be used. Nothing was run. */
    public static final int BAD_INPUT = 2;
    /** The run failed: a suite could not be set up, a phase threw, an internal error. */
    public static final int RUN_FAILED = 3;
    /** Cancelled by Ctrl-C (SIGINT): 128 + 2, as shells report it; what was measured is written. */
    public static final int CANCELLED = 130;

    private ExitCodes() {
    }

    /**
     * @param a an exit code
     * @param b another
     * @return the one that says more: cancelled, then run failed, then bad input, then a failed check, then OK
     */
    public static int worst(int a, int b) {
        return rank(a) >= rank(b) ? a : b;
    }

    private static int rank(int code) {
        return switch (code) {
            case OK -> 0;
            case FAILED_CHECK -> 1;
            case BAD_INPUT -> 2;
            case RUN_FAILED -> 3;
            default -> 4;
        };
    }
}
