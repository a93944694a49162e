package dev.amends.survey.page;

import dev.amends.common.domain.DomainException;
import dev.amends.common.problem.ProblemException;
import dev.amends.common.problem.Violation;
import dev.amends.survey.service.InterviewAnswers;
import dev.amends.survey.service.InterviewInput;
import dev.amends.survey.service.SurveyMail;
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
import java.util.Map;

/**
 * The exit interview page: a plain HTML form, no JavaScript, in the customer's language, with the
 * survey page's rules (an unknown, expired or answered link gets a friendly page with 404, 410 or 409).
 */
@Path("/i/{token}")
@PermitAll
@Produces(MediaType.TEXT_HTML)
@Tag(name = "interview pages", description = "The exit interview page, reached through the link in the mail to a lapsed customer.")
public class InterviewPageResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance form(String lang, String token, List<SurveyMail.Choice> reasons,
                                            List<String> errors, String chosen);

        static native TemplateInstance notice(String lang, String heading, String text);
    }

    private final InterviewAnswers answers;

    public InterviewPageResource(InterviewAnswers answers) {
        this.answers = answers;
    }

    @GET
    @Operation(operationId = "showInterviewPage", summary = "The exit interview page of a link",
            description = "An accessible page in the customer's language, no JavaScript; the link is the credential.")
    @APIResponse(responseCode = "200", description = "The questions.", content = @Content(mediaType = MediaType.TEXT_HTML))
    @APIResponse(responseCode = "404", description = "A page: no interview has this link.",
            content = @Content(mediaType = MediaType.TEXT_HTML))
    @APIResponse(responseCode = "409", description = "A page: answered already.", content = @Content(mediaType = MediaType.TEXT_HTML))
    @APIResponse(responseCode = "410", description = "A page: the link has expired.",
            content = @Content(mediaType = MediaType.TEXT_HTML))
    public Response page(@Parameter(description = "The token of the interview link.") @PathParam("token") String token) {
        try {
            String lang = PageLocale.of(answers.open(token));
            return SurveyPageResource.html(200, lang, Templates.form(lang, token, reasons(lang), List.of(), null));
        } catch (DomainException refused) {
            return notice(token, refused);
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(operationId = "answerInterviewPage", summary = "Answer the exit interview from the page's form",
            description = "The form's fields are those of the JSON answer; mayContact is \"true\" or \"false\".")
    @APIResponse(responseCode = "200", description = "The thank-you page.", content = @Content(mediaType = MediaType.TEXT_HTML))
    @APIResponse(responseCode = "400", description = "The form again, saying what to fix.",
            content = @Content(mediaType = MediaType.TEXT_HTML))
    @APIResponse(responseCode = "404", description = "A page: no interview has this link.",
            content = @Content(mediaType = MediaType.TEXT_HTML))
    @APIResponse(responseCode = "409", description = "A page: answered already.", content = @Content(mediaType = MediaType.TEXT_HTML))
    @APIResponse(responseCode = "410", description = "A page: the link has expired.",
            content = @Content(mediaType = MediaType.TEXT_HTML))
    public Response answer(@Parameter(description = "The token of the interview link.") @PathParam("token") String token,
                           @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_FORM_URLENCODED,
                                   schema = @Schema(ref = "InterviewAnswer"))) MultivaluedMap<String, String> form) {
        String lang;
        try {
            lang = PageLocale.of(answers.open(token));
        } catch (DomainException refused) {
            return notice(token, refused);
        }
        List<Violation> violations = new ArrayList<>();
        Map<String, String> fields = new HashMap<>();
        form.forEach((name, values) -> fields.put(name, values.isEmpty() ? null : values.get(0)));
        InterviewInput input = InterviewInput.fromForm(fields, violations);
        SurveyMessages messages = Texts.in(lang);
        if (!violations.isEmpty()) {
            List<String> errors = violations.stream().map(violation -> switch (violation.field()) {
                case "reason" -> messages.interviewErrorReason();
                case "mayContact" -> messages.interviewErrorMayContact();
                default -> messages.errorInvalid();
            }).distinct().toList();
            return SurveyPageResource.html(400, lang, Templates.form(lang, token, reasons(lang), errors,
                    fields.get("reason")));
        }
        try {
            answers.answer(token, input);
        } catch (DomainException refused) {
            return notice(token, refused);
        }
        return SurveyPageResource.html(200, lang, Templates.notice(lang, messages.thanksTitle(),
                messages.interviewThanksText()));
    }

    private static List<SurveyMail.Choice> reasons(String lang) {
        SurveyMessages messages = Texts.in(lang);
        return List.of(new SurveyMail.Choice("PRICE", messages.reasonPrice()),
                new SurveyMail.Choice("QUALITY", messages.reasonQuality()),
                new SurveyMail.Choice("SERVICE", messages.reasonService()),
                new SurveyMail.Choice("INCIDENT_HANDLING", messages.reasonIncidentHandling()),
                new SurveyMail.Choice("MOVED", messages.reasonMoved()),
                new SurveyMail.Choice("COMPETITOR", messages.reasonCompetitor()),
                new SurveyMail.Choice("NO_LONGER_NEEDED", messages.reasonNoLongerNeeded()),
                new SurveyMail.Choice("OTHER", messages.reasonOther()));
    }

    private Response notice(String token, DomainException refused) {
        int status = ProblemException.of(refused).status();
        String lang = PageLocale.of(answers.localeOf(token));
        SurveyMessages messages = Texts.in(lang);
        TemplateInstance page = switch (status) {
            case 409 -> Templates.notice(lang, messages.answeredTitle(), messages.interviewAnsweredText());
            case 410 -> Templates.notice(lang, messages.interviewExpiredTitle(), messages.interviewExpiredText());
            default -> Templates.notice(lang, messages.interviewNotFoundTitle(), messages.notFoundText());
        };
        return SurveyPageResource.html(status == 409 || status == 410 ? status : 404, lang, page);
    }
}
