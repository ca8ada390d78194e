package dev.resolve.api.idempotency;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

class StoredResponseTest {

    private static final String BODY = "{\"id\":\"REQ-1\",\"status\":\"NEW\"}";

    @Test
    void shouldAnswerAsTheFirstTimeWithStatusLocationAndJsonText() {
        Response response = new StoredResponse(201, "/api/v1/requests/REQ-1", BODY, false).toResponse();

        assertThat(response.getStatus()).isEqualTo(201);
        assertThat(response.getMediaType()).isEqualTo(MediaType.APPLICATION_JSON_TYPE);
        assertThat(response.getEntity()).isEqualTo(BODY);
        assertThat(response.getLocation()).hasPath("/api/v1/requests/REQ-1");
        assertThat(response.getHeaderString(StoredResponse.REPLAYED_HEADER)).isNull();
    }

    @Test
    void shouldMarkAReplay() {
        StoredResponse first = new StoredResponse(201, "/api/v1/requests/REQ-1", BODY, false);

        StoredResponse replay = first.asReplay();
        Response response = replay.toResponse();

        assertThat(replay).isEqualTo(new StoredResponse(201, "/api/v1/requests/REQ-1", BODY, true));
        assertThat(response.getHeaderString("Idempotent-Replayed")).isEqualTo("true");
        assertThat(response.getEntity()).isEqualTo(BODY);
        assertThat(response.getStatus()).isEqualTo(201);
    }

    @Test
    void shouldSendNoLocationOrBodyItDoesNotHave() {
        Response response = new StoredResponse(204, null, null, true).toResponse();

        assertThat(response.getStatus()).isEqualTo(204);
        assertThat(response.getLocation()).isNull();
        assertThat(response.getHeaderString(HttpHeaders.LOCATION)).isNull();
        assertThat(response.hasEntity()).isFalse();
        assertThat(response.getHeaderString(StoredResponse.REPLAYED_HEADER)).isEqualTo("true");
    }

    @Test
    void shouldKeepAnEncodedLocationAsStored() {
        Response response = new StoredResponse(201, "/api/v1/cases/CASE%2F1", BODY, false).toResponse();

        assertThat(response.getLocation()).isEqualTo(URI.create("/api/v1/cases/CASE%2F1"));
    }
}
