package dev.amends.common.domain;

/** The command does not fit the state the thing is in now (a closed case, a promise already kept). */
public final class ConflictException extends DomainException {

    public ConflictException(String detail) {
        super(detail);
    }
}
