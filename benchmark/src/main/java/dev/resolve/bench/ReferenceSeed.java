package dev.resolve.bench;

import dev.resolve.bench.gatling.RequestBodies;
import dev.resolve.launcher.LocalSuite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The customers the load's requests name ({@code <prefix>-<n>}, see {@link RequestBodies}), written straight into
 * intake's database before a run: intake refuses requests of customers it does not know, and putting tens of
 * thousands through the API would be a load of its own. Half of them have a KYC verification in force, the others a
 * pending one, so some financial requests are held for review as in real traffic.
 */
final class ReferenceSeed {

    private static final String CUSTOMERS = """
            INSERT INTO customer (reference, name, segment, tier, kyc_status, kyc_verified_on, kyc_expires_on,
                                  credit_limit, credit_limit_currency, current_exposure, current_exposure_currency,
                                  dscr, average_days_beyond_terms, late_payments_last_12_months, preferred_channel,
                                  contacts, version, updated_at)
            SELECT p || '-' || n, 'Load customer ' || p || ' ' || n, 'MID_MARKET',
                   (ARRAY['STANDARD', 'SILVER', 'GOLD', 'PLATINUM'])[1 + n % 4],
                   CASE WHEN n % 2 = 0 THEN 'VERIFIED' ELSE 'PENDING' END,
                   CASE WHEN n % 2 = 0 THEN DATE '2026-01-01' END, CASE WHEN n % 2 = 0 THEN DATE '2099-01-01' END,
                   50000, 'EUR', 1000 + n % 40000, 'EUR', 1.5, n % 20, n % 5, 'EMAIL', '[]', 1, now()
              FROM unnest(ARRAY[?, ?]) AS p, generate_series(0, ? - 1) AS n
            ON CONFLICT (reference) DO NOTHING""";

    private ReferenceSeed() {
    }

    /** Writes the load's customers into the running suite's intake database. */
    static void customers(LocalSuite suite) throws SQLException {
        try (Connection connection = FlowLags.connect(suite, "intake-service");
                PreparedStatement insert = connection.prepareStatement(CUSTOMERS)) {
            insert.setString(1, RequestBodies.MEASURED);
            insert.setString(2, RequestBodies.WARM_UP);
            insert.setInt(3, RequestBodies.CUSTOMERS);
            insert.executeUpdate();
            connection.commit();
        }
    }
}
