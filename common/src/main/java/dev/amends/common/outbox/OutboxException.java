package dev.amends.common.outbox;

/** The outbox could not be written: the surrounding transaction must roll back. */
public class OutboxException extends RuntimeException {

    public OutboxException(String message, Throwable cause) {
        super(message, cause);
    }
}
