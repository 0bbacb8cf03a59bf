package dev.vernier.core;

/** A run could not be carried out (for example the suite's setup failed). */
public class VernierException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed
     * @param cause the underlying error, may be null
     */
    public VernierException(String message, Throwable cause) {
        super(message, cause);
    }

    /** @param message what failed */
    public VernierException(String message) {
        super(message);
    }
}
