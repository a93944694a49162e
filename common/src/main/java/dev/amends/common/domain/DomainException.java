package dev.amends.common.domain;

/**
 * A command the domain refuses, said in the domain's words; the web layer answers each kind
 * once for all services (common's ProblemMappers). No stack trace: it is an answer, not a fault.
 */
public abstract sealed class DomainException extends RuntimeException
        permits NotFoundException, ConflictException, InvalidInputException, StaleVersionException, ExpiredException,
        UnavailableException {

    protected DomainException(String detail) {
        super(detail, null, false, false);
    }
}
