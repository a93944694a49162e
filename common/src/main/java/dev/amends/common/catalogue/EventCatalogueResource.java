package dev.amends.common.catalogue;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.io.InputStream;
import java.util.Set;

/**
 * The event catalogue, served by every service beside its OpenAPI document: the page for analysts
 * at {@code /q/asyncapi}, the AsyncAPI document and the event schemas it refers to for tools.
 */
@Path("/q")
@PermitAll
public class EventCatalogueResource {

    private static final String YAML = "application/yaml";
    private static final Set<String> SCHEMA_FOLDERS = Set.of("events", "comments");

    private final String page = EventCataloguePage.render(EventCatalogue.load());

    @GET
    @Path("asyncapi")
    @Produces(MediaType.TEXT_HTML + ";charset=utf-8")
    @Operation(hidden = true)
    public String page() {
        return page;
    }

    @GET
    @Path("asyncapi/amends-events.yaml")
    @Produces(YAML)
    @Operation(hidden = true)
    public Response document() {
        return resource(EventCatalogue.DOCUMENT, YAML);
    }

    /** The schemas at the place the document's relative references point to, ../schemas/events/... */
    @GET
    @Path("schemas/{folder}/{file}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Response schema(@PathParam("folder") String folder, @PathParam("file") String file) {
        if (!SCHEMA_FOLDERS.contains(folder) || !file.matches("[a-z0-9.-]+\\.json")) {
            return Response.status(Response.Status.NOT_FOUND).build();
        }
        return resource("schemas/" + folder + "/" + file, MediaType.APPLICATION_JSON);
    }

    private static Response resource(String name, String mediaType) {
        InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(name);
        return in == null ? Response.status(Response.Status.NOT_FOUND).build() : Response.ok(in, mediaType).build();
    }
}
