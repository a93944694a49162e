package dev.amends.intake.service;

/** A customer as an incident or a disruption's affected list names one: the id in the source, and the contact. */
public record CustomerContact(String id, String name, String email, String phone, String locale) {
}
