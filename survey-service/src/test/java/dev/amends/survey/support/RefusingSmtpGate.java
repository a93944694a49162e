package dev.amends.survey.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The SMTP server survey-service talks to in the tests: each conversation is relayed line by line
 * to the real server behind it (GreenMail), except that recipients are refused as a strict server
 * refuses them: a local part starting {@value #REFUSED} gets {@code 550} (permanent), one starting
 * {@value #UNAVAILABLE} gets {@code 451} (try again later). Pipelining is not offered, so every
 * command waits for its reply and a reply given here never crosses one from behind.
 */
public final class RefusingSmtpGate implements AutoCloseable {

    public static final String REFUSED = "refused-";
    public static final String UNAVAILABLE = "unavailable-";
    public static final String HELD = "held-";
    public static final String BEFORE_DELIVERY = "amends.test.smtp-before-delivery";

    private final ServerSocket server;
    private final int upstreamPort;

    public RefusingSmtpGate(int upstreamPort) throws IOException {
        this.upstreamPort = upstreamPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        daemon(this::accept, "smtp-gate").start();
    }

    public int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                daemon(() -> relay(client), "smtp-gate-conversation").start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    /** ISO-8859-1 both ways: every byte passes unchanged, whatever the mail's encoding. */
    private void relay(Socket client) {
        try (client; Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort)) {
            OutputStream toClient = client.getOutputStream();
            OutputStream toUpstream = upstream.getOutputStream();
            Thread replies = daemon(() -> copyReplies(upstream, client, toClient), "smtp-gate-replies");
            replies.start();
            BufferedReader commands = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.ISO_8859_1));
            boolean held = false;
            for (String line = commands.readLine(); line != null; line = commands.readLine()) {
                held |= line.toUpperCase(Locale.ROOT).startsWith("RCPT TO:<" + HELD.toUpperCase(Locale.ROOT));
                if (held && line.equals(".") && System.getProperties().get(BEFORE_DELIVERY) instanceof Runnable before) {
                    before.run();
                }
                String refusal = refusal(line);
                if (refusal != null) {
                    write(toClient, refusal);
                } else {
                    write(toUpstream, line);
                }
            }
        } catch (IOException e) {
            // The conversation ended: the client or the server closed it.
        }
    }

    private static void copyReplies(Socket upstream, Socket client, OutputStream toClient) {
        try {
            BufferedReader replies = new BufferedReader(new InputStreamReader(upstream.getInputStream(), StandardCharsets.ISO_8859_1));
            for (String line = replies.readLine(); line != null; line = replies.readLine()) {
                write(toClient, line.replace("PIPELINING", "X-NO-PIPELINING"));
            }
            client.close();
        } catch (IOException e) {
            // closed
        }
    }

    /** The reply to give instead of relaying the command, or null to relay it. */
    private static String refusal(String command) {
        String upper = command.toUpperCase(Locale.ROOT);
        if (!upper.startsWith("RCPT TO:")) {
            return null;
        }
        String recipient = command.substring(command.indexOf('<') + 1).toLowerCase(Locale.ROOT);
        if (recipient.startsWith(REFUSED)) {
            return "550 5.1.1 No such mailbox";
        }
        if (recipient.startsWith(UNAVAILABLE)) {
            return "451 4.3.0 Mailbox busy, try again later";
        }
        return null;
    }

    private static void write(OutputStream out, String line) throws IOException {
        synchronized (out) {
            out.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }
    }

    private static Thread daemon(Runnable work, String name) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        return thread;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
