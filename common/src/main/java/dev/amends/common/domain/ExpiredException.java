package dev.amends.common.domain;

/** It existed, but its time is over for good (an expired survey link). */
public final class ExpiredException extends DomainException {

    public ExpiredException(String detail) {
        super(detail);
    }
}
