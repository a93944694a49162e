package dev.amends.intake.repository;

/** A customer on a disruption's affected list, with the contact intake holds until it is erased. */
public record AffectedCustomer(String customerId, String name, String email, String phone, String locale,
                               String customerRef, String externalRef) {
}
