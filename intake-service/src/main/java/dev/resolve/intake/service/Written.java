package dev.resolve.intake.service;

/** What a create-or-replace write left behind, and whether it created it. */
public record Written<T>(T value, boolean created) {
}
