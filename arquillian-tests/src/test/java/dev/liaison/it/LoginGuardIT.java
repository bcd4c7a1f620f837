package dev.liaison.it;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import javax.sip.message.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One policy against password guessing, over HTTP Basic and SIP digest, with the default limits:
 * five wrong passwords for an account from one address hold that address off for that account (the
 * right password is then refused the same way) while the real user from another address goes on;
 * fifty from one address for any accounts hold the address off; twenty for one account from several
 * addresses hold it off from addresses it never logged in from. An administrator sees what is held
 * off and releases it. Requests come from several loopback addresses (127.0.0.x) so that each
 * address is a different client, as the server sees it.
 */
class LoginGuardIT extends LiaisonIT {

    private static URL server;

    @AfterAll
    static void releaseTheTestsAddress() {
        if (server != null) {
            // the wrong passwords sent from 127.0.0.1 here must not count against the other tests
            LiaisonClient.as(server, "admin", "admin").delete("api/login-throttles?source=127.0.0.1");
        }
    }

    /** The status of {@code GET path} as {@code user} with {@code password}, sent from the local address {@code from}. */
    private int getFrom(String from, String path, String user, String password) throws IOException {
        server = base;
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5_000);
            socket.setSoTimeout(15_000);
            String credentials = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + base.getPath() + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                    + "\r\nAuthorization: Basic " + credentials + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder status = new StringBuilder();
            for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
                status.append((char) c);
            }
            return Integer.parseInt(status.toString().split(" ")[1]);
        }
    }

    private LiaisonClient admin() {
        return LiaisonClient.as(base, "admin", "admin");
    }

    private List<JsonObject> heldOff() {
        return LiaisonClient.array(admin().get("api/login-throttles")).stream().map(JsonValue::asJsonObject).toList();
    }

    private boolean isHeldOff(String kind, String account, String source) {
        return heldOff().stream().anyMatch(h -> h.getString("kind").equals(kind)
                && (account == null || account.equals(h.getString("account", null)))
                && (source == null || source.equals(h.getString("source", null))));
    }

    private void awaitHeldOff(String kind, String account, String source) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!isHeldOff(kind, account, source)) {
            assertThat(System.nanoTime()).as(kind + " " + account + " " + source + " held off in " + heldOff()).isLessThan(end);
            Thread.sleep(100);
        }
    }

    @Test
    void fiveWrongPasswordsHoldOffThatAddressForThatAccountButNotTheRealUserElsewhere() throws Exception {
        String alice = user("guessed");
        String path = "api/users/" + alice;
        assertThat(getFrom("127.0.0.2", path, alice, password(alice))).as("alice, at home").isEqualTo(200);
        for (int i = 0; i < 5; i++) {
            assertThat(getFrom("127.0.0.3", path, alice, "guess-" + i)).isEqualTo(401);
        }
        assertThat(getFrom("127.0.0.3", path, alice, password(alice))).as("the right password, from the guesser's address")
                .isEqualTo(401);
        assertThat(getFrom("127.0.0.2", path, alice, password(alice))).as("alice goes on from her own address").isEqualTo(200);
        assertThat(getFrom("127.0.0.4", path, alice, password(alice))).as("and from a new one").isEqualTo(200);
        assertThat(isHeldOff("PAIR", alice, "127.0.0.3")).isTrue();
        assertThat(isHeldOff("SOURCE", null, "127.0.0.3")).as("five wrong passwords are not fifty").isFalse();

        assertThat(admin().delete("api/login-throttles?account=" + alice).statusCode()).isEqualTo(200);
        assertThat(getFrom("127.0.0.3", path, alice, password(alice))).as("released").isEqualTo(200);
    }

    @Test
    void fiftyWrongPasswordsFromOneAddressHoldItOffForEveryAccount() throws Exception {
        String bob = user("sprayed");
        for (int i = 0; i < 50; i++) {
            assertThat(getFrom("127.0.0.5", "api/users", "nobody-" + UUID.randomUUID(), "guess")).isEqualTo(401);
        }
        assertThat(getFrom("127.0.0.5", "api/users/" + bob, bob, password(bob))).as("a real account from that address")
                .isEqualTo(401);
        assertThat(getFrom("127.0.0.6", "api/users/" + bob, bob, password(bob))).isEqualTo(200);
        assertThat(isHeldOff("SOURCE", null, "127.0.0.5")).isTrue();
        assertThat(admin().delete("api/login-throttles?source=127.0.0.5").statusCode()).isEqualTo(200);
        assertThat(getFrom("127.0.0.5", "api/users/" + bob, bob, password(bob))).as("released").isEqualTo(200);
    }

    @Test
    void twentyWrongPasswordsFromManyAddressesHoldTheAccountOffFromAddressesItNeverLoggedInFrom() throws Exception {
        String carol = user("targeted");
        String path = "api/users/" + carol;
        assertThat(getFrom("127.0.0.7", path, carol, password(carol))).as("carol's usual address").isEqualTo(200);
        for (int address = 10; address < 14; address++) {
            for (int i = 0; i < 5; i++) {
                assertThat(getFrom("127.0.0." + address, path, carol, "guess-" + i)).isEqualTo(401);
            }
        }
        assertThat(isHeldOff("ACCOUNT", carol, null)).isTrue();
        assertThat(getFrom("127.0.0.7", path, carol, password(carol))).as("from where she logged in before").isEqualTo(200);
        assertThat(getFrom("127.0.0.20", path, carol, password(carol))).as("from an address she never used").isEqualTo(401);
        assertThat(admin().delete("api/login-throttles?account=" + carol).statusCode()).isEqualTo(200);
        assertThat(getFrom("127.0.0.20", path, carol, password(carol))).as("released").isEqualTo(200);
    }

    @Test
    void wrongDigestsOverSipMeetTheSamePolicy() throws Exception {
        String dave = user("sipguessed");
        try (SipClient phone = SipClient.udp()) {
            for (int i = 0; i < 5; i++) {
                assertThat(phone.registerWithDigest(dave, "guess-" + i, "SHA-256").getStatusCode()).isEqualTo(401);
            }
            awaitHeldOff("PAIR", dave, "127.0.0.1");
            Response right = phone.registerWithDigest(dave, password(dave), "SHA-256");
            assertThat(right.getStatusCode()).as("the right digest, from the guesser's address").isEqualTo(401);
            assertThat(getFrom("127.0.0.8", "api/users/" + dave, dave, password(dave))).as("dave elsewhere, over REST")
                    .isEqualTo(200);

            assertThat(admin().delete("api/login-throttles?account=" + dave).statusCode()).isEqualTo(200);
            assertThat(phone.registerWithDigest(dave, password(dave), "SHA-256").getStatusCode()).as("released").isEqualTo(200);
        }
    }

    @Test
    void onlyAnAdministratorSeesOrReleasesWhatIsHeldOff() {
        String erin = user("curious");
        assertThat(as(erin).get("api/login-throttles").statusCode()).isEqualTo(403);
        assertThat(as(erin).delete("api/login-throttles?account=admin").statusCode()).isEqualTo(403);
        assertThat(admin().delete("api/login-throttles").statusCode()).isEqualTo(400);
    }
}
