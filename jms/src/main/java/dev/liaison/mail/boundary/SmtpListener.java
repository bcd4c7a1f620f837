package dev.liaison.mail.boundary;

import dev.liaison.collab.boundary.MeetingRequests;
import dev.liaison.collab.boundary.ServiceMailboxes;
import dev.liaison.mail.control.InboundMailQueue;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.SMTPServer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The inbound SMTP edge (default port 2525): accepts mail for the service mailboxes of the mail
 * domain, refuses any other recipient with {@code 550 5.1.1}, and answers {@code 250} only once the
 * message is committed to the inbound-mail queue ({@code 451} if that fails, so the sending MTA
 * retries). Larger than {@code liaison.smtp.max-message-size} (default 10 MB) is {@code 552}.
 */
@Singleton
@Startup
public class SmtpListener {

    private static final Logger LOG = Logger.getLogger(SmtpListener.class.getName());

    @EJB
    InboundMailQueue queue;

    @Resource
    ManagedThreadFactory threads;

    private SMTPServer server;
    private ExecutorService executor;
    private ServiceMailboxes mailboxes;
    private int maxSize;

    @PostConstruct
    void start() {
        if (!MailEdgeSettings.SMTP_ENABLED.get()) {
            LOG.info("The inbound SMTP listener is disabled (liaison.smtp.enabled=false)");
            return;
        }
        mailboxes = MeetingRequests.mailboxes();
        int port = MailEdgeSettings.SMTP_PORT.get();
        String bind = MailEdgeSettings.SMTP_BIND.get();
        maxSize = MailEdgeSettings.SMTP_MAX_MESSAGE_SIZE.get();
        executor = Executors.newCachedThreadPool(threads);
        try {
            server = SMTPServer.port(port)
                    .bindAddress(InetAddress.getByName(bind))
                    .hostName(mailboxes.domain())
                    .softwareName("Liaison")
                    .maxMessageSize(maxSize)
                    .maxRecipients(MailEdgeSettings.SMTP_MAX_RECIPIENTS.get())
                    .connectionTimeoutMs(60_000)
                    .executorService(executor)
                    .messageHandlerFactory(Handler::new)
                    .build();
        } catch (UnknownHostException e) {
            throw new IllegalStateException("liaison.smtp.bind is not an address: " + bind, e);
        }
        server.start();
        LOG.info(() -> "SMTP listener on " + bind + ":" + port + " for " + mailboxes.domain());
    }

    @PreDestroy
    void stop() {
        if (server != null) {
            server.stop();
        }
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    /** One SMTP transaction (MAIL FROM, RCPT TO..., DATA). */
    private final class Handler implements MessageHandler {

        private String from;
        private final List<String> recipients = new ArrayList<>();

        Handler(MessageContext context) {
        }

        @Override
        public void from(String address) {
            this.from = address == null ? "" : address.strip();
        }

        @Override
        public void recipient(String address) throws RejectException {
            String normalised = address == null ? "" : address.strip().toLowerCase(Locale.ROOT);
            if (!mailboxes.isServiceMailbox(normalised)) {
                throw new RejectException(550, "5.1.1 <" + address + ">: no such mailbox here");
            }
            recipients.add(normalised);
        }

        @Override
        public String data(InputStream data) throws RejectException, IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            // SIZE= is only a promise: the limit holds for what is actually sent too
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            for (int read = data.read(buffer); read >= 0; read = data.read(buffer)) {
                total += read;
                if (total <= maxSize) {
                    bytes.write(buffer, 0, read);
                }
            }
            if (total > maxSize) {
                throw new RejectException(552, "5.3.4 The message is larger than the " + maxSize + " bytes accepted here");
            }
            try {
                queue.accept(bytes.toByteArray(), from, recipients);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Could not queue a mail from " + from + "; the sender will retry", e);
                throw new RejectException(451, "4.3.0 Cannot store the message now, try again later");
            }
            return null;
        }

        @Override
        public void done() {
            // nothing held between transactions
        }
    }
}
