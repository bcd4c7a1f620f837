package dev.liaison.it;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * The mail server the application under test sends to: SMTP on 3025 and IMAP on 3143, as the
 * development mail server would be, but in the test JVM so it outlives server restarts.
 */
public final class TestMailServer {

    public static final int SMTP_PORT = 3025;
    public static final int IMAP_PORT = 3143;

    private static GreenMail server;

    private TestMailServer() {
    }

    public static synchronized GreenMail start() {
        if (server == null) {
            // Any login opens the mailbox, empty or not: tests read mailboxes before their first mail
            // (and ones that must stay empty), and a failed login would only fail the read.
            server = new GreenMail(new ServerSetup[]{
                    new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                    new ServerSetup(IMAP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)})
                    .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        }
        return server;
    }

    /** Delivers raw RFC 5322 text to a mailbox through the test mail server's own SMTP. */
    public static void deliver(String mailbox, String rawMessage) {
        Mailboxes.send(SMTP_PORT, rawMessage, "sender@client.example.com", mailbox);
    }
}
