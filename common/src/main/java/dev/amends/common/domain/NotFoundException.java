package dev.amends.common.domain;

/** What the command names does not exist (or the caller may not see it). */
public final class NotFoundException extends DomainException {

    public NotFoundException(String detail) {
        super(detail);
    }
}
