package dev.amends.common.idempotency;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** A successful answer as sent, or as replayed for a repeated Idempotency-Key. */
public record Answer(int status, String body, String location, boolean replayed) {

    public static final String REPLAYED_HEADER = "Idempotency-Replayed";

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
