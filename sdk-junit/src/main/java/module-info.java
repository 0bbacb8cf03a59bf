/**
 * Vernier for JUnit 5: fluent performance assertions and the {@code @VernierTest} extension. The
 * {@code CompareResults} command line ({@code dev.vernier.junit.cli}) is a program, not API, and is
 * not exported.
 */
module dev.vernier.junit {
    requires transitive dev.vernier.core;
    requires transitive org.junit.jupiter.api;
    requires transitive org.opentest4j;

    exports dev.vernier.junit;
}
