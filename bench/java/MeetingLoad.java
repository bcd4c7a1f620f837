import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Meetings by mail under load, measured as a user sees them: sends meeting mails over SMTP to
 * Liaison's listener, each from one user to the chat mailbox with further users in To, and
 * watches every participant's mailbox over IMAP on the development mail server until each
 * invitation can be read there.
 *
 * <p>For each mail it notes when its {@code 250} came and when the last of its invitations
 * became readable; it prints the percentiles of that time per mail, and the time from the first
 * mail sent to the last invitation readable. In {@code burst} mode the mails are sent back to
 * back on one SMTP connection; in {@code serial} mode each is sent once the previous one's
 * invitations have all arrived (one mail alone). Invitations beyond one per participant of a
 * mail are counted as duplicates.
 *
 * <p>The mailboxes are watched over one IMAP connection each (logged in once, {@code NOOP} and
 * {@code FETCH} of the subjects of new messages), closed with {@code LOGOUT}.
 *
 * <p>Run with the JDK's source launcher: {@code java bench/java/MeetingLoad.java SMTP_PORT
 * DEVMAIL_SMTP_PORT DEVMAIL_IMAP_PORT MAILS PARTICIPANTS USER_PREFIX USERS burst|serial
 * [TIMEOUT_SECONDS]}; the users are {@code USER_PREFIX0 .. USER_PREFIX(USERS-1)}, at
 * {@code @example.com}, registered beforehand.
 */
public final class MeetingLoad {

    private static final Pattern TOKEN = Pattern.compile("Invitation: Load (\\d+) m(\\d+)\\b");

    public static void main(String[] args) throws Exception {
        if (args.length < 8 || args.length > 9) {
            System.err.println("usage: MeetingLoad SMTP_PORT DEVMAIL_SMTP_PORT DEVMAIL_IMAP_PORT MAILS PARTICIPANTS USER_PREFIX USERS"
                    + " burst|serial [TIMEOUT_SECONDS]");
            System.exit(2);
        }
        int smtpPort = Integer.parseInt(args[0]);
        int devSmtpPort = Integer.parseInt(args[1]);
        int imapPort = Integer.parseInt(args[2]);
        int mails = Integer.parseInt(args[3]);
        int participants = Integer.parseInt(args[4]);
        String prefix = args[5];
        int users = Integer.parseInt(args[6]);
        boolean serial = args[7].equals("serial");
        long timeoutNanos = (args.length == 9 ? Long.parseLong(args[8]) : 300) * 1_000_000_000L;
        if (participants > users) {
            throw new IllegalArgumentException("a mail cannot have more participants than there are users");
        }
        long run = System.currentTimeMillis() / 1000;

        List<List<String>> people = new ArrayList<>();
        for (int m = 0; m < mails; m++) {
            List<String> mailPeople = new ArrayList<>();
            for (int k = 0; k < participants; k++) {
                mailPeople.add(prefix + ((m * participants + k) % users) + "@example.com");
            }
            people.add(mailPeople);
        }
        AtomicLongArray accepted = new AtomicLongArray(mails);
        AtomicLongArray complete = new AtomicLongArray(mails);
        AtomicInteger[] arrived = new AtomicInteger[mails];
        Arrays.setAll(arrived, i -> new AtomicInteger());
        AtomicInteger duplicates = new AtomicInteger();
        AtomicInteger invitations = new AtomicInteger();

        List<Watcher> watchers = new ArrayList<>();
        for (int u = 0; u < Math.min(users, mails * participants); u++) {
            watchers.add(new Watcher(imapPort, prefix + u + "@example.com"));
        }
        // the development mail server opens a mailbox with its first mail: one each, before the clock starts
        try (Smtp devmail = new Smtp(devSmtpPort)) {
            for (Watcher watcher : watchers) {
                devmail.send("load@example.com", watcher.address, "From: <load@example.com>\r\nTo: <" + watcher.address
                        + ">\r\nSubject: mailbox opened\r\n\r\nThe load test reads this mailbox.\r\n");
            }
        }
        for (Watcher watcher : watchers) {
            watcher.open();
        }
        AtomicBoolean done = new AtomicBoolean();
        List<Thread> pollers = new ArrayList<>();
        int threads = Math.min(4, watchers.size());
        for (int t = 0; t < threads; t++) {
            List<Watcher> mine = new ArrayList<>();
            for (int w = t; w < watchers.size(); w += threads) {
                mine.add(watchers.get(w));
            }
            Thread poller = new Thread(() -> {
                while (!done.get()) {
                    for (Watcher watcher : mine) {
                        for (String subject : watcher.newSubjects()) {
                            Matcher matcher = TOKEN.matcher(subject);
                            if (!matcher.find() || Long.parseLong(matcher.group(1)) != run) {
                                continue;
                            }
                            int m = Integer.parseInt(matcher.group(2));
                            invitations.incrementAndGet();
                            int count = arrived[m].incrementAndGet();
                            if (count == participants) {
                                complete.set(m, System.nanoTime());
                            } else if (count > participants) {
                                duplicates.incrementAndGet();
                            }
                        }
                    }
                    pause(20);
                }
            }, "imap-" + t);
            poller.setDaemon(true);
            poller.start();
            pollers.add(poller);
        }

        long start = System.nanoTime();
        try (Smtp smtp = new Smtp(smtpPort)) {
            for (int m = 0; m < mails; m++) {
                List<String> mailPeople = people.get(m);
                smtp.send(mailPeople.get(0), "chat@liaison.test", mail(run, m, mailPeople));
                accepted.set(m, System.nanoTime());
                if (serial) {
                    long deadline = System.nanoTime() + timeoutNanos;
                    while (complete.get(m) == 0 && System.nanoTime() < deadline) {
                        pause(2);
                    }
                }
            }
        }
        long allAccepted = System.nanoTime();
        long deadline = start + timeoutNanos;
        while (System.nanoTime() < deadline && !allComplete(complete)) {
            pause(20);
        }
        pause(1000); // late copies would be duplicates
        done.set(true);
        for (Thread poller : pollers) {
            poller.join();
        }
        for (Watcher watcher : watchers) {
            watcher.close();
        }

        List<Long> perMail = new ArrayList<>();
        long last = 0;
        int missing = 0;
        for (int m = 0; m < mails; m++) {
            if (complete.get(m) == 0) {
                missing++;
            } else {
                perMail.add((complete.get(m) - accepted.get(m)) / 1_000_000);
                last = Math.max(last, complete.get(m));
            }
        }
        perMail.sort(null);
        System.out.printf(Locale.ROOT, "mode=%s mails=%d participants=%d accepted_in=%.1fs invitations=%d/%d missing_mails=%d duplicates=%d "
                        + "per_mail_ms p50=%d p99=%d max=%d last_invitation_after=%s%n",
                serial ? "serial" : "burst", mails, participants, (allAccepted - start) / 1e9, invitations.get(),
                mails * participants, missing, duplicates.get(), percentile(perMail, 50), percentile(perMail, 99),
                perMail.isEmpty() ? -1 : perMail.get(perMail.size() - 1),
                missing > 0 ? "never" : String.format(Locale.ROOT, "%.1fs", (last - start) / 1e9));
    }

    private static String mail(long run, int m, List<String> people) {
        return "Message-ID: <load." + run + "." + m + "@client.example>\r\n"
                + "Date: " + java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(java.time.ZonedDateTime.now()) + "\r\n"
                + "From: <" + people.get(0) + ">\r\n"
                + "To: chat@liaison.test, " + String.join(", ", people.subList(1, people.size())) + "\r\n"
                + "Subject: Load " + run + " m" + m + "\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n"
                + "A meeting for the load test.\r\n";
    }

    private static boolean allComplete(AtomicLongArray complete) {
        for (int i = 0; i < complete.length(); i++) {
            if (complete.get(i) == 0) {
                return false;
            }
        }
        return true;
    }

    private static long percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return -1;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One SMTP connection, kept open across mails. */
    private static final class Smtp implements AutoCloseable {
        private final Socket socket;
        private final BufferedReader in;
        private final OutputStream out;

        Smtp(int port) throws IOException {
            socket = new Socket("127.0.0.1", port);
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            out = socket.getOutputStream();
            expect("220");
            command("EHLO load.example", "250");
        }

        void send(String from, String to, String message) throws IOException {
            command("MAIL FROM:<" + from + ">", "250");
            command("RCPT TO:<" + to + ">", "250");
            command("DATA", "354");
            command(message.replace("\r\n.", "\r\n..") + ".", "250");
        }

        private void command(String line, String expected) throws IOException {
            out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            expect(expected);
        }

        private void expect(String code) throws IOException {
            String line;
            do {
                line = in.readLine();
                if (line == null) {
                    throw new IOException("the SMTP server closed the connection");
                }
            } while (line.length() > 3 && line.charAt(3) == '-');
            if (!line.startsWith(code)) {
                throw new IOException("expected " + code + ", got: " + line);
            }
        }

        @Override
        public void close() throws IOException {
            try {
                command("QUIT", "221");
            } finally {
                socket.close();
            }
        }
    }

    /** One mailbox, watched over one IMAP connection. */
    private static final class Watcher {
        private final int port;
        private final String address;
        private Socket socket;
        private BufferedReader in;
        private OutputStream out;
        private int seen;
        private int tag;

        Watcher(int port, String address) {
            this.port = port;
            this.address = address;
        }

        void open() throws IOException {
            socket = new Socket("127.0.0.1", port);
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            out = socket.getOutputStream();
            in.readLine();
            command("LOGIN \"" + address + "\" \"" + address + "\"");
            // what was there before this run is not this run's
            seen = exists(command("SELECT INBOX"), 0);
        }

        /** The subjects of the messages that arrived since the last call. */
        List<String> newSubjects() {
            try {
                int now = exists(command("NOOP"), seen);
                if (now <= seen) {
                    return List.of();
                }
                List<String> subjects = new ArrayList<>();
                for (String line : command("FETCH " + (seen + 1) + ":" + now + " (BODY.PEEK[HEADER.FIELDS (SUBJECT)])")) {
                    if (line.regionMatches(true, 0, "Subject:", 0, 8)) {
                        subjects.add(line.substring(8).strip());
                    }
                }
                seen = now;
                return subjects;
            } catch (IOException e) {
                throw new IllegalStateException("IMAP for " + address + ": " + e.getMessage(), e);
            }
        }

        private static int exists(List<String> lines, int otherwise) {
            int count = otherwise;
            for (String line : lines) {
                if (line.startsWith("* ") && line.endsWith(" EXISTS")) {
                    count = Integer.parseInt(line.substring(2, line.length() - 7).strip());
                }
            }
            return count;
        }

        private List<String> command(String command) throws IOException {
            String id = "a" + (++tag);
            out.write((id + " " + command + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            List<String> lines = new ArrayList<>();
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith(id + " ")) {
                    if (!line.startsWith(id + " OK")) {
                        throw new IOException(command + ": " + line);
                    }
                    return lines;
                }
                lines.add(line);
            }
            throw new IOException("the IMAP server closed the connection");
        }

        void close() {
            try {
                command("LOGOUT");
            } catch (IOException e) {
                // closing anyway
            }
            try {
                socket.close();
            } catch (IOException e) {
                // nothing left to do
            }
        }
    }
}
