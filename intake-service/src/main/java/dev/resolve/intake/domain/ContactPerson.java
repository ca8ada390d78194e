package dev.resolve.intake.domain;

/** Someone to contact at a customer; every member may be absent. */
public record ContactPerson(String name, String email, String phone, String role) {
}
