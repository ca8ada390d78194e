package dev.resolve.plumbing.inbox;

/**
 * Thrown out of a consumer method for a record that must go to the dead-letter topic; the message becomes the
 * {@code dead-letter-reason} header.
 */
public class DeadLetterException extends RuntimeException {

    public DeadLetterException(String message, Throwable cause) {
        super(message, cause);
    }
}
