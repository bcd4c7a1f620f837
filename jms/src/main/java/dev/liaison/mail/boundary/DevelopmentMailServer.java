package dev.liaison.mail.boundary;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.liaison.platform.Settings;
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
        if (!Settings.getBoolean("liaison.devmail.enabled", false)) {
            return;
        }
        String host = Settings.get("liaison.devmail.host", "127.0.0.1");
        ServerSetup smtp = new ServerSetup(Settings.getInt("liaison.devmail.smtp.port", 3025), host, ServerSetup.PROTOCOL_SMTP);
        ServerSetup imap = new ServerSetup(Settings.getInt("liaison.devmail.imap.port", 3143), host, ServerSetup.PROTOCOL_IMAP);
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
