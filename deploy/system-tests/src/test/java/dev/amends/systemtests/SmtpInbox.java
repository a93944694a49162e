package dev.amends.systemtests;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.amends.local.servers.Ports;
import jakarta.mail.Address;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A real SMTP server (GreenMail) on a free loopback port for survey-service's mail, and what reached it. */
final class SmtpInbox implements AutoCloseable {

    private static final Pattern LINK = Pattern.compile("https?://\\S+/s/([A-Za-z0-9_-]+)");
    private static final Pattern INTERVIEW_LINK = Pattern.compile("https?://\\S+/i/([A-Za-z0-9_-]+)");

    private final GreenMail smtp;

    private SmtpInbox(GreenMail smtp) {
        this.smtp = smtp;
    }

    static SmtpInbox start() throws IOException {
        GreenMail smtp = new GreenMail(new ServerSetup(Ports.free(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        smtp.start();
        return new SmtpInbox(smtp);
    }

    /** survey-service's settings for mailing through this server. */
    Map<String, String> surveyEnvironment() {
        return Map.of("AMENDS_SURVEY_MAIL_DELIVERY", "smtp", "QUARKUS_MAILER_HOST", "127.0.0.1",
                "QUARKUS_MAILER_PORT", Integer.toString(smtp.getSmtp().getPort()), "QUARKUS_MAILER_START_TLS", "DISABLED");
    }

    /** The subject and text of each mail to the address, once there are {@code count}. */
    List<List<String>> awaitMails(String email, int count, Duration within) {
        List<List<String>> mails = new ArrayList<>();
        await().atMost(within).until(() -> {
            mails.clear();
            mails.addAll(byRecipient().getOrDefault(email, List.of()));
            return mails.size() >= count;
        });
        return List.copyOf(mails);
    }

    /** Once {@code count} recipients starting with {@code prefix} have mail: the survey link's token of each one's first. */
    Map<String, String> awaitFirstTokens(String prefix, int count, Duration within) {
        Map<String, String> tokens = new HashMap<>();
        await().atMost(within).pollInterval(Duration.ofSeconds(1)).until(() -> {
            tokens.clear();
            byRecipient().forEach((recipient, mails) -> {
                if (recipient.startsWith(prefix)) {
                    tokens.put(recipient, token(mails.get(0).get(1)));
                }
            });
            return tokens.size() >= count;
        });
        return tokens;
    }

    /** Once {@code count} recipients starting with {@code prefix} have an exit interview mail: each one's interview token. */
    Map<String, String> awaitInterviewTokens(String prefix, int count, Duration within) {
        Map<String, String> tokens = new HashMap<>();
        await().atMost(within).pollInterval(Duration.ofSeconds(1)).until(() -> {
            tokens.clear();
            byRecipient().forEach((recipient, mails) -> mails.stream().map(mail -> INTERVIEW_LINK.matcher(mail.get(1)))
                    .filter(Matcher::find).findFirst()
                    .filter(link -> recipient.startsWith(prefix))
                    .ifPresent(link -> tokens.put(recipient, link.group(1))));
            return tokens.size() >= count;
        });
        return tokens;
    }

    /** The survey link's token in a mail's text. */
    static String token(String mailText) {
        Matcher link = LINK.matcher(mailText);
        assertThat(link.find()).as("a survey link in " + mailText).isTrue();
        return link.group(1);
    }

    private Map<String, List<List<String>>> byRecipient() throws Exception {
        Map<String, List<List<String>>> mails = new HashMap<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            for (Address recipient : message.getAllRecipients()) {
                mails.computeIfAbsent(recipient.toString(), key -> new ArrayList<>())
                        .add(List.of(message.getSubject(), text(message.getContent())));
            }
        }
        return mails;
    }

    private static String text(Object content) throws Exception {
        if (content instanceof Multipart multipart) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < multipart.getCount(); i++) {
                text.append(text(multipart.getBodyPart(i).getContent()));
            }
            return text.toString();
        }
        return String.valueOf(content);
    }

    @Override
    public void close() {
        smtp.stop();
    }
}
