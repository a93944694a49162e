package dev.amends.survey.client;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.util.UUID;

/**
 * intake-service's GET /incidents/{id}, called with survey-service's own token (role
 * contact-reader) from the identity provider's client-credentials grant.
 */
@RegisterRestClient(configKey = "intake")
@OidcClientFilter
@Path("/incidents")
public interface IntakeClient {

    @GET
    @Path("/{id}")
    IncidentContact incident(@PathParam("id") UUID id);
}
