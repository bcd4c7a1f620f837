package dev.liaison.it;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.io.ByteArrayInputStream;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;

/** Mail as a user's mail client sees it: SMTP to Liaison's listener, IMAP from the mail server. */
public final class Mailboxes {

    public static final int LIAISON_SMTP_PORT = 2525;

    private Mailboxes() {
    }

    /** Sends raw RFC 5322 text to Liaison's SMTP listener with the given envelope. */
    public static void send(String rawMessage, String envelopeFrom, String... envelopeTo) {
        send(LIAISON_SMTP_PORT, rawMessage, envelopeFrom, envelopeTo);
    }

    /** Sends to the SMTP listener on this port; returns once the listener answered 250 to the data. */
    public static void send(int smtpPort, String rawMessage, String envelopeFrom, String... envelopeTo) {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", String.valueOf(smtpPort));
        properties.put("mail.smtp.from", envelopeFrom);
        Session session = Session.getInstance(properties);
        try {
            MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(
                    rawMessage.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8))) {
                @Override
                protected void updateMessageID() {
                    // the test decides the Message-ID, as a mail client does
                }
            };
            InternetAddress[] recipients = new InternetAddress[envelopeTo.length];
            for (int i = 0; i < envelopeTo.length; i++) {
                recipients[i] = new InternetAddress(envelopeTo[i]);
            }
            try (Transport transport = session.getTransport("smtp")) {
                transport.connect();
                transport.sendMessage(message, recipients);
            }
        } catch (MessagingException e) {
            throw new IllegalStateException("SMTP send failed: " + e.getMessage(), e);
        }
    }

    /** An SMTP conversation line by line; returns every reply line of the server. */
    public static List<String> converse(String... commands) {
        List<String> replies = new ArrayList<>();
        try (Socket socket = new Socket("127.0.0.1", LIAISON_SMTP_PORT)) {
            socket.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            Writer out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.US_ASCII);
            replies.add(readReply(in));
            for (String command : commands) {
                out.write(command + "\r\n");
                out.flush();
                replies.add(readReply(in));
            }
        } catch (Exception e) {
            throw new IllegalStateException("SMTP conversation failed: " + e, e);
        }
        return replies;
    }

    private static String readReply(BufferedReader in) throws java.io.IOException {
        String line = in.readLine();
        String last = line;
        while (line != null && line.length() > 3 && line.charAt(3) == '-') {
            line = in.readLine();
            last = line;
        }
        return last;
    }

    /** Waits until the mailbox holds at least {@code count} messages matching, and returns them all. */
    public static List<Mail> await(String address, Predicate<Mail> which, int count, Duration timeout) {
        return await(TestMailServer.IMAP_PORT, address, which, count, timeout);
    }

    /** As {@link #await(String, Predicate, int, Duration)}, reading the IMAP server on this port. */
    public static List<Mail> await(int imapPort, String address, Predicate<Mail> which, int count, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        List<Mail> found = List.of();
        while (Instant.now().isBefore(deadline)) {
            try {
                found = read(imapPort, address).stream().filter(which).toList();
            } catch (IllegalStateException dropped) {
                // the test mail server may drop a connection while it creates the mailbox that the
                // first delivery opens ("Connection dropped by server"): read again until the deadline
                sleep(250);
                continue;
            }
            if (found.size() >= count) {
                return found;
            }
            sleep(250);
        }
        throw new AssertionError("expected " + count + " matching mail(s) for " + address + " within " + timeout
                + ", found " + found.size() + ": " + read(imapPort, address).stream().map(Mail::subject).toList());
    }

    /** Everything in the mailbox now, over IMAP, logging in as the development mail server expects. */
    public static List<Mail> read(String address) {
        return read(TestMailServer.IMAP_PORT, address);
    }

    /** Everything in the mailbox now, on the IMAP server on this port. */
    public static List<Mail> read(int imapPort, String address) {
        Properties properties = new Properties();
        Session session = Session.getInstance(properties);
        List<Mail> mails = new ArrayList<>();
        try (Store store = session.getStore("imap")) {
            store.connect("127.0.0.1", imapPort, address, address);
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            for (Message message : inbox.getMessages()) {
                mails.add(Mail.of((MimeMessage) message));
            }
            inbox.close(false);
        } catch (jakarta.mail.AuthenticationFailedException e) {
            return List.of();
        } catch (MessagingException e) {
            throw new IllegalStateException("IMAP read failed for " + address + ": " + e, e);
        }
        return mails;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A received mail: headers of interest, its plain text, and its calendar part if any. */
    public record Mail(String messageId, String subject, String from, String to, String text, String calendar,
                       String calendarContentType, String session) {

        static Mail of(MimeMessage message) {
            try {
                StringBuilder text = new StringBuilder();
                String[] calendar = new String[2];
                collect(message, text, calendar);
                return new Mail(message.getMessageID(), message.getSubject(),
                        message.getFrom() == null ? null : ((InternetAddress) message.getFrom()[0]).getAddress(),
                        message.getHeader("To", ","), text.toString(), calendar[0], calendar[1],
                        message.getHeader("X-Liaison-Session", null));
            } catch (Exception e) {
                throw new IllegalStateException("unreadable mail: " + e, e);
            }
        }

        private static void collect(Part part, StringBuilder text, String[] calendar) throws Exception {
            if (part.isMimeType("text/calendar")) {
                Object content = part.getContent();
                calendar[0] = content instanceof String s ? s
                        : new String(((java.io.InputStream) content).readAllBytes(), StandardCharsets.UTF_8);
                calendar[1] = part.getContentType();
            } else if (part.isMimeType("text/plain")) {
                text.append(part.getContent());
            } else if (part.isMimeType("multipart/*")) {
                Multipart multipart = (Multipart) part.getContent();
                for (int i = 0; i < multipart.getCount(); i++) {
                    collect(multipart.getBodyPart(i), text, calendar);
                }
            }
        }

        /** The personal join link of an invitation. */
        public String joinLink() {
            var matcher = java.util.regex.Pattern.compile("(http\\S+/join/\\S+\\?credential=\\S+)").matcher(text);
            if (!matcher.find()) {
                throw new AssertionError("no join link in: " + text);
            }
            return matcher.group(1);
        }
    }
}
