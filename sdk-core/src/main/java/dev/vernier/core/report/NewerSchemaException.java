package dev.vernier.core.report;

/**
 * A result document written by a newer Vernier: its {@code schemaVersion} is above the one this
 * Vernier reads. The document may be perfectly valid; it is for a newer reader. Immutable.
 */
public final class NewerSchemaException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final int schemaVersion;
    private final int supportedVersion;

    /**
     * @param schemaVersion the document's version
     * @param supportedVersion the newest version this Vernier reads
     */
    public NewerSchemaException(int schemaVersion, int supportedVersion) {
        super("written by a newer Vernier: schemaVersion must be at most " + supportedVersion
                + " for this Vernier, but was " + schemaVersion);
        this.schemaVersion = schemaVersion;
        this.supportedVersion = supportedVersion;
    }

    /** @return the document's schema version */
    public int schemaVersion() {
        return schemaVersion;
    }

    /** @return the newest schema version this Vernier reads */
    public int supportedVersion() {
        return supportedVersion;
    }
}
