package dev.amends.common.domain;

/** The caller changed what it read at an older version. */
public final class StaleVersionException extends DomainException {

    public StaleVersionException(String detail) {
        super(detail);
    }
}
