package dev.amends.common.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** A successful answer as sent, or as replayed for a repeated Idempotency-Key. */
public record Answer(int status, String body, String location, boolean replayed) {

    public static final String REPLAYED_HEADER = "Idempotency-Replayed";

    /** A first answer whose body is {@code view} as JSON; {@code location} null when it names none. */
    public static Answer of(ObjectMapper mapper, int status, Object view, String location) {
        try {
            return new Answer(status, mapper.writeValueAsString(view), location, false);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("answer not written as JSON", e);
        }
    }

    public Response toResponse() {
        Response.ResponseBuilder response = Response.status(status).type(MediaType.APPLICATION_JSON).entity(body);
        if (location != null) {
            response.header("Location", location);
        }
        if (replayed) {
            response.header(REPLAYED_HEADER, "true");
        }
        return response.build();
    }
}
