package dev.amends.survey;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.amends.survey.support.RefusingSmtpGate;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;

/**
 * A real SMTP server (GreenMail) on loopback that survey-service mails to, with IMAP beside it so
 * tests read the delivered messages the way a mail client would. survey-service reaches it through
 * a {@link RefusingSmtpGate}, which refuses the recipients a test picks for it.
 */
public class SmtpServer implements QuarkusTestResourceLifecycleManager {

    private GreenMail greenMail;
    private RefusingSmtpGate gate;

    @Override
    public Map<String, String> start() {
        int smtp = freePort();
        int imap = freePort();
        greenMail = new GreenMail(new ServerSetup[]{
                new ServerSetup(smtp, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(imap, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)})
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        greenMail.start();
        try {
            gate = new RefusingSmtpGate(smtp);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return Map.of(
                "quarkus.mailer.host", "127.0.0.1",
                "quarkus.mailer.port", Integer.toString(gate.port()),
                "quarkus.mailer.mock", "false",
                "quarkus.mailer.start-tls", "DISABLED",
                "amends.test.imap-port", Integer.toString(imap));
    }

    @Override
    public void stop() {
        if (gate != null) {
            try {
                gate.close();
            } catch (IOException e) {
                // stopping anyway
            }
        }
        if (greenMail != null) {
            greenMail.stop();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
