package dev.resolve.bench.gatling;

import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** A Gatling feeder of unique {@code POST /api/v1/requests} bodies of some 450 bytes, like a real billing dispute. */
public final class RequestBodies implements Iterator<Map<String, Object>> {

    // The customer reference is <prefix>-<n mod CUSTOMERS>, so the benchmark finds the requests of one load step in the
    // database, and intake knows every one of them (ReferenceSeed writes them first); channel, type, amount and currency
    // vary. The requests name no invoice: any number of them may be open at once.

    /** Customer-reference prefix of the measured requests. */
    public static final String MEASURED = "LOAD";
    /** Customer-reference prefix of the warm-up requests. */
    public static final String WARM_UP = "WARM";
    /** How many customers of each prefix the requests spread over. */
    public static final int CUSTOMERS = 10_000;

    private static final List<String> CHANNELS = List.of("PORTAL", "EMAIL", "SERVICE_DESK");
    private static final List<String> TYPES = List.of("BILLING_DISPUTE", "REFUND", "CREDIT", "WRITE_OFF",
            "INVOICE_CORRECTION", "PAYMENT_QUERY", "SERVICE_ISSUE", "GENERAL_INQUIRY");
    private static final List<String> CURRENCIES = List.of("EUR", "USD", "GBP", "CHF");

    private final String prefix;
    private final AtomicLong counter = new AtomicLong();

    public RequestBodies(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public boolean hasNext() {
        return true;
    }

    @Override
    public Map<String, Object> next() {
        return Map.of("body", body(prefix, counter.incrementAndGet()));
    }

    /** The body of the {@code n}th request with {@code prefix}. */
    public static String body(String prefix, long n) {
        String channel = CHANNELS.get((int) (n % CHANNELS.size()));
        String type = TYPES.get((int) (n % TYPES.size()));
        String invoice = String.format(Locale.ROOT, "INV-2026-%06d", n % 1_000_000);
        StringBuilder json = new StringBuilder(480)
                .append("{\"channel\":\"").append(channel)
                .append("\",\"customerReference\":\"").append(prefix).append('-').append(n % CUSTOMERS)
                .append("\",\"type\":\"").append(type)
                .append("\",\"subject\":\"Invoice ").append(invoice).append(" charges the old price (").append(prefix)
                .append(' ').append(n).append(')')
                .append("\",\"description\":\"The invoice ").append(invoice)
                .append(" was issued after the price change but still charges the old monthly fee; please correct it and"
                        + " credit the difference on the next invoice.\"");
        if (!"GENERAL_INQUIRY".equals(type)) {
            long cents = 100 + (n * 7919) % 99_900;
            json.append(",\"disputedAmount\":{\"amount\":\"").append(cents / 100).append('.')
                    .append(String.format(Locale.ROOT, "%02d", cents % 100))
                    .append("\",\"currency\":\"").append(CURRENCIES.get((int) (n % CURRENCIES.size()))).append("\"}");
        }
        return json.append('}').toString();
    }
}
