package dev.amends.survey.support;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A customer's inbox on the test SMTP server, read over IMAP like any mail client would. */
public final class Mailbox {

    private static final Pattern LINK = Pattern.compile("https?://\\S+/s/([A-Za-z0-9_-]+)");

    /** A delivered mail: its subject, text and the survey token its link carries. */
    public record Mail(String subject, String text, String token) {
    }

    private Mailbox() {
    }

    public static List<Mail> of(String email) {
        List<Mail> mails = new ArrayList<>();
        for (MimeMessage message : messages(email)) {
            try {
                String text = text(message.getContent());
                Matcher link = LINK.matcher(text);
                mails.add(new Mail(message.getSubject(), text, link.find() ? link.group(1) : null));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return mails;
    }

    /** The customer's mails as they arrived, headers and parts. */
    public static List<MimeMessage> messages(String email) {
        int port = ConfigProvider.getConfig().getValue("amends.test.imap-port", Integer.class);
        Properties properties = new Properties();
        properties.put("mail.imap.host", "127.0.0.1");
        properties.put("mail.imap.port", Integer.toString(port));
        try {
            Store store = Session.getInstance(properties).getStore("imap");
            store.connect(email, "any");
            try {
                Folder inbox = store.getFolder("INBOX");
                inbox.open(Folder.READ_ONLY);
                List<MimeMessage> mails = new ArrayList<>();
                for (Message message : inbox.getMessages()) {
                    mails.add(new MimeMessage((MimeMessage) message));
                }
                inbox.close(false);
                return mails;
            } finally {
                store.close();
            }
        } catch (jakarta.mail.AuthenticationFailedException e) {
            return List.of(); // no mail has arrived for this address yet
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
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
}
