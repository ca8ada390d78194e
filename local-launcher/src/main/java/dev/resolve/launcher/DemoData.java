package dev.resolve.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.resolve.contracts.json.Json;
import dev.resolve.contracts.security.Roles;
import dev.resolve.embedded.LocalIdentityProvider;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The small demo data set (a dozen customers across tiers and KYC states, their contracts and invoices, in
 * {@code demo-data.json}) that a suite on a new data folder starts with, so that a newcomer can log requests against
 * real references at once. It goes in through intake-service's API, as a billing system would, into an intake
 * database that does not hold its first customer yet: data changed later is not put back.
 */
final class DemoData {

    private static final String RESOURCE = "demo-data.json";

    private DemoData() {
    }

    /** Loads the set into intake-service at {@code intake} unless it holds the set's first customer already. */
    static void loadOnce(URI intake, LocalIdentityProvider identity, Consumer<String> progress) {
        JsonNode set = read();
        String token = identity.token(LocalIdentityProvider.Caller.of("demo-loader", Roles.ADMIN, Roles.BILLING_SYSTEM),
                Duration.ofMinutes(10));
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        URI first = intake.resolve("/api/v1/customers/" + set.path("customers").path(0).path("reference").asText());
        if (send(client, token, HttpRequest.newBuilder(first).GET()).statusCode() == 200) {
            return;
        }
        set.path("customers").forEach(customer ->
                put(client, token, intake.resolve("/api/v1/customers/" + customer.path("reference").asText()), without(customer, "reference")));
        set.path("contracts").forEach(contract ->
                put(client, token, intake.resolve("/api/v1/contracts/" + contract.path("contractId").asText()), without(contract, "contractId")));
        set.path("invoices").forEach(invoice ->
                put(client, token, intake.resolve("/api/v1/invoices/" + invoice.path("invoiceNumber").asText()), without(invoice, "invoiceNumber")));
        progress.accept("Loaded the demo data: " + set.path("customers").size() + " customers, "
                + set.path("contracts").size() + " contracts, " + set.path("invoices").size() + " invoices");
    }

    /** The demo data set as shipped. */
    static JsonNode read() {
        try (InputStream in = DemoData.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the launcher");
            }
            return Json.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode without(JsonNode item, String member) {
        ObjectNode body = item.deepCopy();
        body.remove(member);
        return body;
    }

    private static void put(HttpClient client, String token, URI uri, JsonNode body) {
        HttpResponse<String> response = send(client, token, HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body.toString())));
        if (response.statusCode() != 200 && response.statusCode() != 201) {
            throw new LocalSuiteException("Loading the demo data failed at " + uri + ": " + response.statusCode() + " "
                    + response.body());
        }
    }

    private static HttpResponse<String> send(HttpClient client, String token, HttpRequest.Builder request) {
        try {
            return client.send(request.timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new LocalSuiteException("Loading the demo data failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalSuiteException("Interrupted while loading the demo data", e);
        }
    }
}
