package dev.amends.survey.page;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;
import java.util.Set;

/**
 * The pages for people (contract section 11), signed in through the identity provider with the
 * authorization-code flow (OIDC tenant {@code pages}): without a session a page redirects to the
 * provider's sign-in, and signing out ends the provider's session too. For now the dashboard
 * greets the person and names their roles; someone without {@code analyst} or {@code agent} gets
 * an HTML 403.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class DashboardPageResource {

    private static final Set<String> DASHBOARD_ROLES = Set.of("analyst", "agent");

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance dashboard(String name, List<String> roles);

        static native TemplateInstance forbidden(String name);

        static native TemplateInstance signedOut();
    }

    private final SecurityIdentity identity;

    public DashboardPageResource(SecurityIdentity identity) {
        this.identity = identity;
    }

    @GET
    @Path("dashboard")
    @Authenticated
    @Operation(hidden = true)
    public Response dashboard() {
        String name = displayName();
        if (identity.getRoles().stream().noneMatch(DASHBOARD_ROLES::contains)) {
            return html(403, Templates.forbidden(name));
        }
        List<String> roles = identity.getRoles().stream().filter(role -> !role.startsWith("default-roles-")
                && !role.equals("offline_access") && !role.equals("uma_authorization")).sorted().toList();
        return html(200, Templates.dashboard(name, roles));
    }

    /** Where the provider sends a person back after signing out (quarkus.oidc.pages.logout.post-logout-path). */
    @GET
    @Path("signed-out")
    @PermitAll
    @Operation(hidden = true)
    public Response signedOut() {
        return html(200, Templates.signedOut());
    }

    /** The ID token's given name (the session's principal is the ID token), else the user name. */
    private String displayName() {
        if (identity.getPrincipal() instanceof JsonWebToken idToken && idToken.getClaim("given_name") != null) {
            return idToken.getClaim("given_name");
        }
        return identity.getPrincipal().getName();
    }

    private static Response html(int status, TemplateInstance page) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Content-Language", "en").header("Cache-Control", "no-store").entity(page.render()).build();
    }
}
