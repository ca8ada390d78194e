package dev.resolve.bench;

import dev.resolve.launcher.LocalSuite;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** How long the measured requests and their events took to get through the suite, from each service's own database. */
final class FlowLags {

    // request → case: service_case.opened_at − service_request.logged_at.
    // request → audit: audit_entry.recorded_at of the request's RequestLogged entry (and of its case's CaseOpened
    //   entry) − logged_at.
    // request → KPI: metrics-service's inbox_processed_event.processed_at of the RequestLogged event (and of the
    //   CaseOpened event) − logged_at.
    // Per consumer, occurred → applied: the consumer's inbox processed_at of each event it read − the event's
    //   occurred_at (the producer's commit time, as the audit trail recorded it): how far behind the consumer is,
    //   relay included, whenever it commits its offsets. The relay deletes sent outbox rows, so event ids and
    //   times come from the audit trail, which holds every event.
    // All clocks are this machine's. Event types are compared without their version suffix.

    /** Percentiles of one lag over the measured requests or events; those it never reached count as not reached. */
    record FlowLag(String name, String description, Latency lagMs) {
    }

    static final String REQUEST_TO_CASE = "request → case";
    static final String REQUEST_TO_AUDIT = "request → audit";
    static final String REQUEST_TO_KPI = "request → KPI";
    static final String REQUEST_TO_CASE_AUDIT = "request → case → audit";
    static final String REQUEST_TO_CASE_KPI = "request → case → KPI";
    /** The name of a consumer's per-event lag. */
    static String consumerLag(String service) {
        return service + ": occurred → applied";
    }

    private static final String REQUEST_LOGGED = "RequestLogged";
    private static final String CASE_OPENED = "CaseOpened";

    private FlowLags() {
    }

    /** The lags of the requests whose customer reference starts with {@code prefix}, and of their events. */
    static List<FlowLag> measure(LocalSuite suite, String prefix) throws SQLException {
        Map<UUID, Long> loggedAt = new HashMap<>();
        try (Connection intake = connect(suite, "intake-service")) {
            query(intake, "SELECT id, logged_at FROM service_request WHERE customer_reference LIKE ?", prefix + "-%",
                    rows -> loggedAt.put(rows.getObject(1, UUID.class), micros(rows, 2)));
        }
        Map<UUID, Long> caseOpened = new HashMap<>();
        Map<UUID, UUID> requestOfCase = new HashMap<>();
        Map<UUID, Long> caseInbox = new HashMap<>();
        try (Connection cases = connect(suite, "case-service")) {
            query(cases, "SELECT id, request_id, opened_at FROM service_case WHERE customer_reference LIKE ?", prefix + "-%",
                    rows -> {
                        UUID request = rows.getObject(2, UUID.class);
                        requestOfCase.put(rows.getObject(1, UUID.class), request);
                        caseOpened.put(request, micros(rows, 3));
                    });
        }
        Map<UUID, UUID> requestOfEvent = new HashMap<>();
        Map<UUID, UUID> requestOfCaseEvent = new HashMap<>();
        Map<UUID, Long> occurredAt = new HashMap<>();
        Map<UUID, Long> auditedRequest = new HashMap<>();
        Map<UUID, Long> auditedCase = new HashMap<>();
        Map<UUID, Long> auditInbox = new HashMap<>();
        try (Connection audit = connect(suite, "audit-service")) {
            query(audit, "SELECT split_part(event_type, '.', 1), aggregate_id, recorded_at, event_id, occurred_at FROM audit_entry"
                    + " WHERE split_part(event_type, '.', 1) IN ('" + REQUEST_LOGGED + "', ?)", CASE_OPENED, rows -> {
                        UUID aggregate = UUID.fromString(rows.getString(2));
                        UUID event = rows.getObject(4, UUID.class);
                        auditInbox.put(event, micros(rows, 3));
                        if (REQUEST_LOGGED.equals(rows.getString(1))) {
                            if (loggedAt.containsKey(aggregate)) {
                                auditedRequest.put(aggregate, micros(rows, 3));
                                requestOfEvent.put(event, aggregate);
                                occurredAt.put(event, micros(rows, 5));
                            }
                        } else if (requestOfCase.containsKey(aggregate)) {
                            auditedCase.put(requestOfCase.get(aggregate), micros(rows, 3));
                            requestOfCaseEvent.put(event, requestOfCase.get(aggregate));
                            occurredAt.put(event, micros(rows, 5));
                        }
                    });
        }
        // case-service and audit-service keep no inbox rows (their effects are unique per event): a RequestLogged
        // event was applied by case-service when its request's case was opened, by audit-service when recorded.
        requestOfEvent.forEach((event, request) -> {
            Long opened = caseOpened.get(request);
            if (opened != null) {
                caseInbox.put(event, opened);
            }
        });
        Map<UUID, Long> metricsInbox = new HashMap<>();
        try (Connection metrics = connect(suite, "metrics-service")) {
            inbox(metrics, metricsInbox);
        }
        Map<UUID, Long> countedRequest = byRequest(metricsInbox, requestOfEvent);
        Map<UUID, Long> countedCase = byRequest(metricsInbox, requestOfCaseEvent);

        List<FlowLag> lags = new ArrayList<>();
        lags.add(lag(REQUEST_TO_CASE, "case-service opened the request's case", loggedAt, caseOpened));
        lags.add(lag(REQUEST_TO_AUDIT, "audit-service recorded the request's RequestLogged", loggedAt, auditedRequest));
        lags.add(lag(REQUEST_TO_KPI, "metrics-service counted the request's RequestLogged", loggedAt, countedRequest));
        lags.add(lag(REQUEST_TO_CASE_AUDIT, "audit-service recorded the case's CaseOpened", loggedAt, auditedCase));
        lags.add(lag(REQUEST_TO_CASE_KPI, "metrics-service counted the case's CaseOpened", loggedAt, countedCase));

        Map<UUID, Long> requestEvents = only(occurredAt, requestOfEvent);
        Map<UUID, Long> allEvents = new HashMap<>(requestEvents);
        allEvents.putAll(only(occurredAt, requestOfCaseEvent));
        lags.add(lag(consumerLag("case-service"), "RequestLogged: occurred → case-service opened the case",
                requestEvents, caseInbox));
        lags.add(lag(consumerLag("audit-service"), "RequestLogged and CaseOpened: occurred → audit-service recorded it",
                allEvents, auditInbox));
        lags.add(lag(consumerLag("metrics-service"), "RequestLogged and CaseOpened: occurred → metrics-service's inbox",
                allEvents, metricsInbox));
        return lags;
    }

    private static void inbox(Connection connection, Map<UUID, Long> processed) throws SQLException {
        query(connection, "SELECT event_id, processed_at FROM inbox_processed_event WHERE split_part(event_type, '.', 1) IN ('"
                + REQUEST_LOGGED + "', ?)", CASE_OPENED, rows -> processed.put(rows.getObject(1, UUID.class), micros(rows, 2)));
    }

    private static Map<UUID, Long> byRequest(Map<UUID, Long> byEvent, Map<UUID, UUID> requestOfEvent) {
        Map<UUID, Long> result = new HashMap<>();
        byEvent.forEach((event, time) -> {
            UUID request = requestOfEvent.get(event);
            if (request != null) {
                result.put(request, time);
            }
        });
        return result;
    }

    private static Map<UUID, Long> only(Map<UUID, Long> times, Map<UUID, UUID> keys) {
        Map<UUID, Long> result = new HashMap<>();
        times.forEach((event, time) -> {
            if (keys.containsKey(event)) {
                result.put(event, time);
            }
        });
        return result;
    }

    private static FlowLag lag(String name, String description, Map<UUID, Long> start, Map<UUID, Long> end) {
        double[] values = new double[start.size()];
        int n = 0;
        for (Map.Entry<UUID, Long> item : start.entrySet()) {
            Long reached = end.get(item.getKey());
            if (reached != null) {
                values[n++] = Math.max(0, reached - item.getValue()) / 1000.0;
            }
        }
        return new FlowLag(name, description, Latency.of(Arrays.copyOf(values, n), start.size() - n));
    }

    /** Lags by name, for lookups. */
    static Map<String, FlowLag> byName(List<FlowLag> lags) {
        Map<String, FlowLag> result = new LinkedHashMap<>();
        lags.forEach(lag -> result.put(lag.name(), lag));
        return result;
    }

    private interface RowHandler {
        void accept(ResultSet rows) throws SQLException;
    }

    private static void query(Connection connection, String sql, String parameter, RowHandler handler) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setFetchSize(10_000);
            statement.setString(1, parameter);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    handler.accept(rows);
                }
            }
        }
    }

    private static long micros(ResultSet rows, int column) throws SQLException {
        OffsetDateTime time = rows.getObject(column, OffsetDateTime.class);
        return time.toEpochSecond() * 1_000_000L + time.getNano() / 1_000;
    }

    static Connection connect(LocalSuite suite, String service) throws SQLException {
        String user = LocalSuite.databaseName(service);
        Connection connection = DriverManager.getConnection(suite.jdbcUrl(service), user, user);
        // A cursor (fetch size) needs a transaction.
        connection.setAutoCommit(false);
        return connection;
    }
}
