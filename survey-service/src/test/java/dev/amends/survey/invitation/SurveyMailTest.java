package dev.amends.survey.invitation;

import dev.amends.survey.support.Mailbox;
import dev.amends.survey.support.SurveyTest;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

/**
 * The survey mail at a real SMTP server (GreenMail, read over IMAP): plain text and HTML in the
 * customer's language, the first question as three links, the opt-out link and the one-click
 * headers of RFC 8058; a link's chosen answer is shown on the page and never recorded by a GET.
 */
@QuarkusTest
class SurveyMailTest extends SurveyTest {

    @ParameterizedTest
    @CsvSource({"nb-NO, nb, Løste vi problemet ditt?, Ja, Delvis, Nei",
            "sv-SE, sv, Löste vi ditt problem?, Ja, Delvis, Nej",
            "de-DE, en, Did we solve your problem?, Yes, Partly, No"})
    void theMailAsksTheFirstQuestionInTextAndHtmlInTheCustomersLanguage(String locale, String lang, String subject,
                                                                        String yes, String partly, String no) throws Exception {
        Customer customer = Customer.fresh();
        String id = report(customer, locale, true);
        resolveAndInvite(id, "YES", "SUPPLIER");

        MimeMessage mail = Mailbox.messages(customer.email()).get(0);
        String token = Mailbox.of(customer.email()).get(0).token();
        String link = "/s/" + token;
        assertThat(mail.getSubject()).isEqualTo(subject);
        assertThat(mail.getHeader("List-Unsubscribe")).singleElement().asString().startsWith("<http").endsWith(link + "/opt-out>");
        assertThat(mail.getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
        List<BodyPart> parts = parts(mail);
        assertThat(parts).extracting(part -> part.getContentType().replaceFirst(";.*", "").toLowerCase())
                .containsExactly("text/plain", "text/html");
        String text = (String) parts.get(0).getContent();
        String html = (String) parts.get(1).getContent();
        for (String answer : List.of("YES", "PARTLY", "NO")) {
            assertThat(text).contains(link + "?resolvedSatisfactorily=" + answer);
            assertThat(html).contains(link + "?resolvedSatisfactorily=" + answer);
        }
        assertThat(text).contains(yes + ": ", partly + ": ", no + ": ", link + "/opt-out");
        assertThat(html).contains("lang=\"" + lang + "\"", ">" + yes + "</a>", ">" + partly + "</a>", ">" + no + "</a>",
                "href=\"http", link + "/opt-out\"");
    }

    @Test
    void aReminderIsTheSameMailMarkedAsOne() throws Exception {
        Customer customer = Customer.fresh();
        String id = report(customer, "nb-NO", true);
        Instant sent = resolveAndInvite(id, "YES", "SUPPLIER");

        runAt(sent.plus(Duration.ofDays(3)).plus(Duration.ofMinutes(1)));

        List<MimeMessage> mails = Mailbox.messages(customer.email());
        assertThat(mails).hasSize(2);
        assertThat(mails.get(1).getSubject()).isEqualTo("Påminnelse: løste vi problemet ditt?");
        String reminder = (String) parts(mails.get(1)).get(0).getContent();
        assertThat(reminder).contains("påminnelse", "?resolvedSatisfactorily=NO", "/opt-out");
        assertThat(mails.get(1).getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
    }

    @Test
    void theLinksChosenAnswerIsShownChosenAndAGetRecordsNothing() {
        String token = mailedSurvey(Customer.fresh(), false);
        long answers = answers();

        given().get("/s/" + token + "?resolvedSatisfactorily=NO").then().statusCode(200)
                .body(containsString("value=\"NO\" checked"))
                .body(not(containsString("value=\"YES\" required checked")));
        given().get("/s/" + token + "?resolvedSatisfactorily=MAYBE").then().statusCode(200)
                .body(not(containsString("checked")));

        assertThat(answers()).isEqualTo(answers);
        given().get("/s/" + token).then().statusCode(200);
    }

    private static List<BodyPart> parts(MimeMessage mail) throws Exception {
        List<BodyPart> parts = new ArrayList<>();
        collect(mail.getContent(), parts);
        return parts;
    }

    private static void collect(Object content, List<BodyPart> parts) throws Exception {
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                if (part.getContent() instanceof Multipart nested) {
                    collect(nested, parts);
                } else {
                    parts.add(part);
                }
            }
        }
    }

    private static long answers() {
        return QuarkusTransaction.requiringNew().call(() -> dev.amends.survey.repository.SurveyAnswer.count());
    }
}
