package dev.liaison.mail.boundary;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;

import java.util.logging.Logger;

/**
 * The development mail server: when {@code liaison.devmail.enabled} is true, an SMTP server
 * (default port 3025) that accepts mail for every address and an IMAP server (default 3143)
 * where anyone reads it, logging in with the full address as both user name and password.
 * Never enable it in production: it keeps mail in memory and asks no real password.
 */
@Singleton
@Startup
public class DevelopmentMailServer {

    private static final Logger LOG = Logger.getLogger(DevelopmentMailServer.class.getName());

    private GreenMail server;

    @PostConstruct
    void start() {
        if (!MailEdgeSettings.DEVMAIL_ENABLED.get()) {
            return;
        }
        String host = MailEdgeSettings.DEVMAIL_HOST.get();
        ServerSetup smtp = new ServerSetup(MailEdgeSettings.DEVMAIL_SMTP_PORT.get(), host, ServerSetup.PROTOCOL_SMTP);
        ServerSetup imap = new ServerSetup(MailEdgeSettings.DEVMAIL_IMAP_PORT.get(), host, ServerSetup.PROTOCOL_IMAP);
        server = new GreenMail(new ServerSetup[]{smtp, imap});
        server.start();
        LOG.info(() -> "Development mail server: SMTP " + host + ":" + smtp.getPort() + ", IMAP " + host + ":"
                + imap.getPort() + " (log in with the full address as user and password)");
    }

    @PreDestroy
    void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
