package dev.resolve.cases.domain;

/** Where a case stands. Triage, work and resolution statuses come with those capabilities. */
public enum CaseStatus {
    NEW
}
