package dev.amends.survey.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.util.UUID;

/** intake-service's GET /incidents/{id}, called with the contact-reader credential. */
@RegisterRestClient(configKey = "intake")
@Path("/incidents")
public interface IntakeClient {

    @GET
    @Path("/{id}")
    IncidentContact incident(@PathParam("id") UUID id, @HeaderParam("Authorization") String authorization);
}
