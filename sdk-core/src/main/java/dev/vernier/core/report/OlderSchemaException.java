package dev.vernier.core.report;

/**
 * A result document written by an older Vernier whose schema this one cannot read: version 1 did not
 * record the scenario's settings, the load model or typed percentiles, so it cannot be compared or
 * re-rendered faithfully. Re-run the measurement to get a current result. Immutable.
 */
public final class OlderSchemaException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final int schemaVersion;
    private final int supportedVersion;

    /**
     * @param schemaVersion the document's version
     * @param supportedVersion the oldest version this Vernier reads
     */
    public OlderSchemaException(int schemaVersion, int supportedVersion) {
        super("written by an older Vernier: schemaVersion must be at least " + supportedVersion
                + " for this Vernier, but was " + schemaVersion + " (re-run the measurement to compare with it)");
        this.schemaVersion = schemaVersion;
        this.supportedVersion = supportedVersion;
    }

    /** @return the document's schema version */
    public int schemaVersion() {
        return schemaVersion;
    }

    /** @return the oldest schema version this Vernier reads */
    public int supportedVersion() {
        return supportedVersion;
    }
}
