package dev.resolve.launcher;

/**
 * The suite could not be started (or not completely): the message says why and what to do, and the suite has already
 * stopped whatever it had started.
 */
public class LocalSuiteException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public LocalSuiteException(String message) {
        super(message);
    }

    public LocalSuiteException(String message, Throwable cause) {
        super(message, cause);
    }
}
