package dev.amends.survey.page;

import dev.amends.common.domain.DomainException;
import dev.amends.common.domain.InvalidInputException;
import dev.amends.common.problem.ProblemException;
import dev.amends.common.problem.Violation;
import dev.amends.survey.service.AnswerInput;
import dev.amends.survey.service.SurveyAnswers;
import dev.amends.survey.text.PageLocale;
import dev.amends.survey.text.SurveyMessages;
import dev.amends.survey.text.Texts;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The customer's survey page: plain HTML forms, no JavaScript, in the customer's language. An
 * unknown, expired or answered link gets a friendly page with the status 404, 410 or 409.
 */
@Path("/s/{token}")
@PermitAll
@Produces(MediaType.TEXT_HTML)
@Tag(name = "survey pages", description = "The customer's survey page, reached through the link in the mail.")
public class SurveyPageResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance form(String lang, String token, boolean compensationOffered, List<String> errors,
                                            String chosen);

        static native TemplateInstance notice(String lang, String heading, String text);
    }

    private static final Set<String> CHOICES = Set.of("YES", "PARTLY", "NO");

    private final SurveyAnswers answers;

    public SurveyPageResource(SurveyAnswers answers) {
        this.answers = answers;
    }

    @GET
    @Operation(operationId = "showSurveyPage", summary = "The survey page of a link",
            description = "An accessible page in the customer's language, no JavaScript; the link is the credential.")
    @APIResponse(responseCode = "200", description = "The questions.", content = @Content(mediaType = MediaType.TEXT_HTML))
    @APIResponse(responseCode = "404", description = "A page: no survey has this link.",
            content = @Content(mediaType = MediaType.TEXT_HTML))
    @APIResponse(responseCode = "409", description = "A page: answered already.", content = @Content(mediaType = MediaType.TEXT_HTML))
    @APIResponse(responseCode = "410", description = "A page: the link has expired.",
            content = @Content(mediaType = MediaType.TEXT_HTML))
    public Response page(@Parameter(description = "The token of the survey link.") @PathParam("token") String token,
                         @Parameter(description = "The answer chosen in the mail, shown chosen (never recorded: "
                                 + "mail scanners open every link); another value chooses nothing.",
                                 schema = @Schema(enumeration = {"YES", "PARTLY", "NO"}))
                         @QueryParam("resolvedSatisfactorily") String chosen) {
        try {
            SurveyAnswers.OpenSurvey survey = answers.open(token);
            String lang = PageLocale.of(survey.locale());
            return html(200, lang, Templates.form(lang, token, survey.compensationOffered(), List.of(),
                    chosen != null && CHOICES.contains(chosen) ? chosen : null));
        } catch (DomainException refused) {
            return notice(token, refused);
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(operationId = "answerSurveyPage", summary = "Answer the survey from the page's form",
            description = "The form's fields are those of the JSON answer.")
    @APIResponse(responseCode = "200", description = "The thank-you page.", content = @Content(mediaType = MediaType.TEXT_HTML))
    @APIResponse(responseCode = "400", description = "The form again, saying what to fix.",
            content = @Content(mediaType = MediaType.TEXT_HTML))
    @APIResponse(responseCode = "404", description = "A page: no survey has this link.",
            content = @Content(mediaType = MediaType.TEXT_HTML))
    @APIResponse(responseCode = "409", description = "A page: answered already.", content = @Content(mediaType = MediaType.TEXT_HTML))
    @APIResponse(responseCode = "410", description = "A page: the link has expired.",
            content = @Content(mediaType = MediaType.TEXT_HTML))
    public Response answer(@Parameter(description = "The token of the survey link.") @PathParam("token") String token,
                           @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_FORM_URLENCODED,
                                   schema = @Schema(ref = "Answer"))) MultivaluedMap<String, String> form) {
        SurveyAnswers.OpenSurvey survey;
        try {
            survey = answers.open(token);
        } catch (DomainException refused) {
            return notice(token, refused);
        }
        String lang = PageLocale.of(survey.locale());
        List<Violation> violations = new ArrayList<>();
        Map<String, String> fields = new HashMap<>();
        form.forEach((name, values) -> fields.put(name, values.isEmpty() ? null : values.get(0)));
        AnswerInput input = AnswerInput.fromForm(fields, violations);
        try {
            if (violations.isEmpty()) {
                answers.answer(token, input);
                SurveyMessages messages = Texts.in(lang);
                return html(200, lang, Templates.notice(lang, messages.thanksTitle(), messages.thanksText()));
            }
        } catch (DomainException refused) {
            if (!(refused instanceof InvalidInputException)) {
                return notice(token, refused);
            }
        }
        SurveyMessages messages = Texts.in(lang);
        List<String> errors = violations.stream()
                .map(violation -> "resolvedSatisfactorily".equals(violation.field()) ? messages.errorResolved()
                        : messages.errorInvalid())
                .distinct().toList();
        return html(400, lang, Templates.form(lang, token, survey.compensationOffered(),
                errors.isEmpty() ? List.of(messages.errorInvalid()) : errors, fields.get("resolvedSatisfactorily")));
    }

    private Response notice(String token, DomainException refused) {
        int status = ProblemException.of(refused).status();
        String lang = PageLocale.of(answers.localeOf(token));
        SurveyMessages messages = Texts.in(lang);
        TemplateInstance page = switch (status) {
            case 409 -> Templates.notice(lang, messages.answeredTitle(), messages.answeredText());
            case 410 -> Templates.notice(lang, messages.expiredTitle(), messages.expiredText());
            default -> Templates.notice(lang, messages.notFoundTitle(), messages.notFoundText());
        };
        return html(status == 409 || status == 410 ? status : 404, lang, page);
    }

    static Response html(int status, String lang, TemplateInstance page) {
        String body = page.setLocale(Locale.forLanguageTag(lang)).render();
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Content-Language", lang).entity(body).build();
    }
}
