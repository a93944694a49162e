package dev.amends.common.domain;

/** The service cannot take the command now (it is stopping); the same command later may succeed. */
public final class UnavailableException extends DomainException {

    public UnavailableException(String detail) {
        super(detail);
    }
}
