package dev.resolve.metrics.domain;

/** The KPIs projected into {@code kpi_counter}, each counted by channel and request type. */
public enum Kpi {

    /** Service requests logged at intake; only ever grows. */
    REQUESTS_LOGGED("requests_logged"),
    /** Cases opened and not yet closed; goes up on CaseOpened and (later) down on CaseClosed. */
    CASES_OPEN("cases_open");

    private final String key;

    Kpi(String key) {
        this.key = key;
    }

    /** The value of the {@code kpi} column. */
    public String key() {
        return key;
    }

    /** The KPI stored under {@code key}, or null for one this version does not know. */
    public static Kpi fromKey(String key) {
        for (Kpi kpi : values()) {
            if (kpi.key.equals(key)) {
                return kpi;
            }
        }
        return null;
    }
}
