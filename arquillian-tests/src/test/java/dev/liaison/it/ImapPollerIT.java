package dev.liaison.it;

import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Meeting mail read from a mailbox: the test server polls {@code meetings@inbox.example} on the
 * test mail server over IMAP (see arquillian.xml), as a deployment without an inbound MTA would.
 */
class ImapPollerIT extends LiaisonIT {

    private static final String INBOX = "meetings@inbox.example";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @BeforeAll
    static void mailServer() {
        TestMailServer.start();
    }

    @Test
    void aMeetingMailLeftInTheMailboxCreatesTheSessionAndIsMovedAside() throws Exception {
        String organiser = Names.unique("imap");
        String guest = Names.unique("imapguest");
        for (String username : new String[]{organiser, guest}) {
            assertThat(LiaisonClient.as(base, "admin", "admin").postJson("api/users",
                    Names.userJson(username, "password-" + username)).statusCode()).isEqualTo(201);
        }
        String subject = "Polled " + Names.unique("s");

        TestMailServer.deliver(INBOX, "Message-ID: <" + Names.unique("imap") + "@client.example.com>\n"
                + "From: <" + organiser + "@example.com>\nTo: whiteboard@liaison.test, " + guest + "@example.com\n"
                + "Subject: " + subject + "\n\nDrawn from the mailbox.\n");

        Mailboxes.Mail invitation = Mailboxes.await(guest + "@example.com",
                m -> m.subject().equals("Invitation: " + subject), 1, WAIT).get(0);
        assertThat(invitation.from()).isEqualTo("whiteboard@liaison.test");
        assertThat(countEventually(INBOX, "INBOX", 0)).as("the inbox is emptied").isZero();
        assertThat(countEventually(INBOX, "Liaison-Processed", 1)).as("the mail is kept aside").isGreaterThanOrEqualTo(1);
    }

    private static int countEventually(String user, String folder, int expected) throws Exception {
        Instant deadline = Instant.now().plus(WAIT);
        int count;
        do {
            count = count(user, folder);
            if (expected == 0 ? count == 0 : count >= expected) {
                return count;
            }
            Thread.sleep(250);
        } while (Instant.now().isBefore(deadline));
        return count;
    }

    private static int count(String user, String folderName) throws Exception {
        try (Store store = Session.getInstance(new Properties()).getStore("imap")) {
            store.connect("127.0.0.1", TestMailServer.IMAP_PORT, user, user);
            Folder folder = store.getFolder(folderName);
            if (!folder.exists()) {
                return 0;
            }
            folder.open(Folder.READ_ONLY);
            try {
                return folder.getMessageCount();
            } finally {
                folder.close(false);
            }
        }
    }
}
