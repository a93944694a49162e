package dev.amends.survey.page;

import dev.amends.common.domain.NotFoundException;
import dev.amends.survey.service.OptOuts;
import dev.amends.survey.text.PageLocale;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * "No more surveys" from the link in every survey mail: a confirmation page, its form, and the
 * one-click unsubscribe of RFC 8058 that mail clients post to the List-Unsubscribe address.
 */
@Path("/s/{token}/opt-out")
@PermitAll
@Produces(MediaType.TEXT_HTML)
@Tag(name = "survey pages")
public class OptOutPageResource {

    /** The body RFC 8058 prescribes for a one-click unsubscribe. */
    private static final String ONE_CLICK_FIELD = "List-Unsubscribe";
    private static final String ONE_CLICK_VALUE = "One-Click";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance confirm(String lang, String token);

        static native TemplateInstance done(String lang);

        static native TemplateInstance unknown(String lang);
    }

    private final OptOuts optOuts;

    public OptOutPageResource(OptOuts optOuts) {
        this.optOuts = optOuts;
    }

    @GET
    @Operation(operationId = "showOptOutPage", summary = "Asks whether the customer wants no more surveys",
            description = "A GET changes nothing: mail scanners open every link.")
    @APIResponse(responseCode = "200", description = "The question, with a button.", content = @Content(mediaType = MediaType.TEXT_HTML))
    @APIResponse(responseCode = "404", description = "A page: no survey was mailed with this link.",
            content = @Content(mediaType = MediaType.TEXT_HTML))
    public Response page(@Parameter(description = "The token of any survey link the customer was mailed.")
                         @PathParam("token") String token) {
        try {
            String lang = PageLocale.of(optOuts.localeOf(token));
            return SurveyPageResource.html(200, lang, Templates.confirm(lang, token));
        } catch (NotFoundException unknown) {
            return SurveyPageResource.html(404, "en", Templates.unknown("en"));
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(operationId = "optOut", summary = "No more surveys to this customer",
            description = "From the page's button (200, a page) or a mail client's one-click unsubscribe with the body "
                    + "List-Unsubscribe=One-Click (204). Publishes survey.opted-out once per customer; every further "
                    + "invitation and reminder to them is stopped.")
    @APIResponse(responseCode = "200", description = "A page: done.", content = @Content(mediaType = MediaType.TEXT_HTML))
    @APIResponse(responseCode = "204", description = "Done (one-click).")
    @APIResponse(responseCode = "404", description = "A page: no survey was mailed with this link.",
            content = @Content(mediaType = MediaType.TEXT_HTML))
    public Response optOut(@Parameter(description = "The token of any survey link the customer was mailed.")
                           @PathParam("token") String token,
                           @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_FORM_URLENCODED, schema = @Schema(
                                   type = SchemaType.OBJECT, properties = {
                                           @SchemaProperty(name = "List-Unsubscribe", type = SchemaType.STRING,
                                                   enumeration = ONE_CLICK_VALUE,
                                                   description = "One-Click from a mail client (RFC 8058): 204."),
                                           @SchemaProperty(name = "confirm", type = SchemaType.STRING,
                                                   description = "The page's button: a page.")})))
                           MultivaluedMap<String, String> form) {
        String lang;
        try {
            lang = PageLocale.of(optOuts.optOut(token));
        } catch (NotFoundException unknown) {
            return SurveyPageResource.html(404, "en", Templates.unknown("en"));
        }
        if (ONE_CLICK_VALUE.equals(form.getFirst(ONE_CLICK_FIELD))) {
            return Response.noContent().build();
        }
        return SurveyPageResource.html(200, lang, Templates.done(lang));
    }
}
