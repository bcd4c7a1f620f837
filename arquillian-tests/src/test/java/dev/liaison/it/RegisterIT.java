package dev.liaison.it;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import javax.sip.header.CSeqHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import static dev.liaison.it.LiaisonClient.array;
import static dev.liaison.it.LiaisonClient.object;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SIP registrar, over real UDP and TCP: digest authentication with SHA-256 and MD5, nonces
 * that go stale and counts that cannot be replayed, bindings of several terminals with their
 * expiry, and the RFC 3261 answers to requests it cannot take. The server runs with a minimum
 * expiry of 2 s and nonces that live 4 s (arquillian.xml).
 */
class RegisterIT extends LiaisonIT {

    private static final int MIN_EXPIRES = 2;
    private static final int NONCE_SECONDS = 4;

    private List<JsonObject> terminals(String username) {
        HttpResponse<String> response = LiaisonClient.as(base, username, password(username)).get("api/terminals");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return array(response).stream().map(JsonValue::asJsonObject).toList();
    }

    private static String realm(Response challenge) {
        return SipClient.challenges(challenge).get(0).getRealm();
    }

    @Test
    void aUserRegistersTwoTerminalsWithSha256AndMd5AndTheAnswerListsBoth() {
        String alice = user("sipalice");
        try (SipClient phone = SipClient.udp(); SipClient desk = SipClient.tcp()) {
            Response challenge = phone.send(phone.register(alice, "Contact: <" + phone.contact("") + ">", "Expires: 600"));
            assertThat(challenge.getStatusCode()).isEqualTo(401);
            List<WWWAuthenticateHeader> challenges = SipClient.challenges(challenge);
            // liaison.sip.digest-algorithms by default: MD5 first, for clients that read the topmost challenge only
            assertThat(challenges).extracting(WWWAuthenticateHeader::getAlgorithm).containsExactly("MD5", "SHA-256");
            assertThat(challenges).extracting(WWWAuthenticateHeader::getQop).containsOnly("auth");
            assertThat(challenges.get(0).getNonce()).isEqualTo(challenges.get(1).getNonce());

            Response first = phone.send(phone.authorized(challenge, "SHA-256", alice, password(alice),
                    "Contact: <" + phone.contact("") + ">", "Expires: 600"));
            assertThat(first.getStatusCode()).isEqualTo(200);
            assertThat(SipClient.contacts(first)).singleElement().satisfies(c -> {
                assertThat(c).startsWith(phone.contact(""));
                assertThat(Integer.parseInt(c.substring(c.lastIndexOf('=') + 1))).isBetween(590, 600);
            });

            Response second = desk.registerWithDigest(alice, password(alice), "MD5",
                    "Contact: <" + desk.contact("") + ">", "Expires: 300");
            assertThat(second.getStatusCode()).isEqualTo(200);
            assertThat(SipClient.contacts(second)).hasSize(2)
                    .anySatisfy(c -> assertThat(c).startsWith(phone.contact("") + ";expires="))
                    .anySatisfy(c -> assertThat(c).startsWith(desk.contact("") + ";expires="));

            assertThat(terminals(alice)).extracting(t -> t.getString("origin") + " " + t.getString("address"))
                    .containsExactlyInAnyOrder("sip " + phone.contact(""), "sip " + desk.contact(""));
        }
    }

    @Test
    void aWrongPasswordAndAnUnknownUserGetTheSameChallenge() {
        String bob = user("sipbob");
        String nobody = "nobody-" + UUID.randomUUID().toString().substring(0, 8);
        try (SipClient client = SipClient.udp()) {
            Response wrong = client.send(client.authorized(client.send(client.register(bob)), "SHA-256", bob, "not-the-password",
                    "Contact: <" + client.contact("") + ">"));
            Response unknown = client.send(client.authorized(client.send(client.register(nobody)), "SHA-256", nobody, "whatever",
                    "Contact: <" + client.contact("") + ">"));
            for (Response refused : List.of(wrong, unknown)) {
                assertThat(refused.getStatusCode()).isEqualTo(401);
                assertThat(refused.getReasonPhrase()).isEqualTo(wrong.getReasonPhrase());
                assertThat(SipClient.challenges(refused)).extracting(WWWAuthenticateHeader::getAlgorithm)
                        .containsExactly("MD5", "SHA-256");
                assertThat(SipClient.challenges(refused)).allSatisfy(c -> assertThat(c.getParameter("stale")).isNull());
            }
            assertThat(terminals(bob)).isEmpty();
        }
    }

    @Test
    void anExpiredNonceIsStaleAndTheFreshOneRegisters() throws InterruptedException {
        String carol = user("sipcarol");
        try (SipClient client = SipClient.udp()) {
            Response challenge = client.send(client.register(carol));
            Thread.sleep((NONCE_SECONDS + 2) * 1000L);
            String contact = "Contact: <" + client.contact("") + ">";
            Response stale = client.send(client.authorized(challenge, "MD5", carol, password(carol), contact));
            assertThat(stale.getStatusCode()).isEqualTo(401);
            assertThat(SipClient.challenges(stale)).allSatisfy(c -> assertThat(c.getParameter("stale")).isEqualToIgnoringCase("true"));

            Response registered = client.send(client.authorized(stale, "MD5", carol, password(carol), contact));
            assertThat(registered.getStatusCode()).isEqualTo(200);
        }
    }

    @Test
    void aReplayedNonceCountIsRefusedAndTheNextCountIsAccepted() {
        String dave = user("sipdave");
        try (SipClient client = SipClient.udp()) {
            String contact = "Contact: <" + client.contact("") + ">";
            Response challenge = client.send(client.register(dave, contact));
            WWWAuthenticateHeader sha = SipClient.challengeFor(challenge, "SHA-256");
            Request first = client.authorized(sha.getNonce(), sha.getRealm(), "SHA-256", dave, password(dave), 1, contact);
            assertThat(client.send(first).getStatusCode()).isEqualTo(200);

            Request replay = client.authorized(sha.getNonce(), sha.getRealm(), "SHA-256", dave, password(dave), 1, contact);
            Response refused = client.send(replay);
            assertThat(refused.getStatusCode()).isEqualTo(401);
            assertThat(SipClient.challenges(refused).get(0).getNonce()).isNotEqualTo(sha.getNonce());

            Request next = client.authorized(sha.getNonce(), sha.getRealm(), "SHA-256", dave, password(dave), 2, contact);
            assertThat(client.send(next).getStatusCode()).isEqualTo(200);
        }
    }

    @Test
    void expiresZeroRemovesOneBindingAndTheWildcardRemovesAll() {
        String erin = user("siperin");
        try (SipClient client = SipClient.udp()) {
            String line1 = client.contact(";line=1");
            String line2 = client.contact(";line=2");
            Response both = client.registerWithDigest(erin, password(erin), "SHA-256",
                    "Contact: <" + line1 + ">", "Contact: <" + line2 + ">", "Expires: 600");
            assertThat(SipClient.contacts(both)).hasSize(2);

            Response one = client.registerWithDigest(erin, password(erin), "SHA-256", "Contact: <" + line1 + ">;expires=0");
            assertThat(one.getStatusCode()).isEqualTo(200);
            assertThat(SipClient.contacts(one)).singleElement().satisfies(c -> assertThat(c).startsWith(line2 + ";expires="));
            assertThat(terminals(erin)).extracting(t -> t.getString("address")).containsExactly(line2);

            Response badWildcard = client.registerWithDigest(erin, password(erin), "SHA-256", "Contact: *", "Expires: 60");
            assertThat(badWildcard.getStatusCode()).isEqualTo(400);

            Response none = client.registerWithDigest(erin, password(erin), "SHA-256", "Contact: *", "Expires: 0");
            assertThat(none.getStatusCode()).isEqualTo(200);
            assertThat(SipClient.contacts(none)).isEmpty();
            assertThat(terminals(erin)).isEmpty();
        }
    }

    @Test
    void aBindingExpiresUnlessRefreshedAndTooBriefAnIntervalIsRefused() throws InterruptedException {
        String frank = user("sipfrank");
        try (SipClient client = SipClient.udp()) {
            String contact = "Contact: <" + client.contact("") + ">";
            Response tooBrief = client.registerWithDigest(frank, password(frank), "MD5", contact, "Expires: " + (MIN_EXPIRES - 1));
            assertThat(tooBrief.getStatusCode()).isEqualTo(423);
            assertThat(tooBrief.getHeader("Min-Expires").toString()).contains(Integer.toString(MIN_EXPIRES));

            Response registered = client.registerWithDigest(frank, password(frank), "MD5", contact, "Expires: " + MIN_EXPIRES);
            assertThat(registered.getStatusCode()).isEqualTo(200);
            assertThat(SipClient.contacts(registered)).hasSize(1);

            Thread.sleep((MIN_EXPIRES + 2) * 1000L);
            Response query = client.registerWithDigest(frank, password(frank), "MD5");
            assertThat(query.getStatusCode()).isEqualTo(200);
            assertThat(SipClient.contacts(query)).isEmpty();
            assertThat(terminals(frank)).isEmpty();
        }
    }

    @Test
    void registeringAnotherUsersAddressIsForbidden() {
        String grace = user("sipgrace");
        String heidi = user("sipheidi");
        try (SipClient client = SipClient.udp()) {
            Response challenge = client.send(client.register(heidi));
            WWWAuthenticateHeader sha = SipClient.challengeFor(challenge, "SHA-256");
            Request request = client.register(heidi, "Contact: <" + client.contact("") + ">",
                    "Authorization: " + SipClient.authorization(sha.getNonce(), realm(challenge), "SHA-256", grace, password(grace), 1));
            assertThat(client.send(request).getStatusCode()).isEqualTo(403);
            assertThat(terminals(heidi)).isEmpty();
            assertThat(terminals(grace)).isEmpty();
        }
    }

    @Test
    void anUnknownProfileIsRefusedAfterTheRoundTripAndNothingIsStored() {
        String ivan = user("sipivan");
        try (SipClient client = SipClient.tcp()) {
            Response refused = client.registerWithDigest(ivan, password(ivan), "SHA-256",
                    "Contact: <" + client.contact("") + ">;profile=nosuchprofile");
            assertThat(refused.getStatusCode()).isEqualTo(400);
            assertThat(refused.getReasonPhrase()).contains("nosuchprofile");
            assertThat(terminals(ivan)).isEmpty();
        }
    }

    /** {@code request} with its CSeq number set to {@code cseq}, as a delayed or replayed REGISTER carries it. */
    private static Request withCseq(Request request, long cseq) {
        try {
            ((CSeqHeader) request.getHeader(CSeqHeader.NAME)).setSeqNumber(cseq);
            return request;
        } catch (javax.sip.InvalidArgumentException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long cseqOf(Request request) {
        return ((CSeqHeader) request.getHeader(CSeqHeader.NAME)).getSeqNumber();
    }

    @Test
    void aRegisterOlderThanTheOneThatWroteTheBindingFailsAndChangesNothing() {
        String kate = user("sipkate");
        try (SipClient client = SipClient.udp()) {
            String contact = "Contact: <" + client.contact("") + ">";
            Response challenge = client.send(client.register(kate, contact, "Expires: 600"));
            WWWAuthenticateHeader sha = SipClient.challengeFor(challenge, "SHA-256");
            Request stored = client.authorized(sha.getNonce(), sha.getRealm(), "SHA-256", kate, password(kate), 1,
                    contact, "Expires: 600");
            assertThat(client.send(stored).getStatusCode()).isEqualTo(200);
            long storedCseq = cseqOf(stored);

            // same Call-ID, a lower CSeq: a REGISTER that was overtaken on the way
            Request delayed = withCseq(client.authorized(sha.getNonce(), sha.getRealm(), "SHA-256", kate, password(kate), 2,
                    contact + ";expires=0"), storedCseq - 1);
            Response refusedDelayed = client.send(delayed);
            assertThat(refusedDelayed.getStatusCode()).isEqualTo(500);
            assertThat(refusedDelayed.getReasonPhrase()).containsIgnoringCase("out of order");

            // same Call-ID, the same CSeq: the stored REGISTER sent again (with a fresh digest count)
            Request replayed = withCseq(client.authorized(sha.getNonce(), sha.getRealm(), "SHA-256", kate, password(kate), 3,
                    "Contact: *", "Expires: 0"), storedCseq);
            assertThat(client.send(replayed).getStatusCode()).isEqualTo(500);
            assertThat(terminals(kate)).extracting(t -> t.getString("address")).containsExactly(client.contact(""));

            // a higher CSeq applies
            Request next = client.authorized(sha.getNonce(), sha.getRealm(), "SHA-256", kate, password(kate), 4,
                    "Contact: *", "Expires: 0");
            assertThat(cseqOf(next)).isGreaterThan(storedCseq);
            Response removed = client.send(next);
            assertThat(removed.getStatusCode()).isEqualTo(200);
            assertThat(SipClient.contacts(removed)).isEmpty();
            assertThat(terminals(kate)).isEmpty();
        }
    }

    @Test
    void aRegisterWithAnotherCallIdUpdatesTheBindingWhateverItsCseq() {
        String liam = user("sipliam");
        try (SipClient phone = SipClient.udp(); SipClient restarted = SipClient.udp()) {
            String contact = "Contact: <" + phone.contact("") + ">";
            for (int i = 0; i < 3; i++) {
                assertThat(phone.registerWithDigest(liam, password(liam), "MD5", contact, "Expires: 600").getStatusCode())
                        .isEqualTo(200);
            }
            // the phone restarted: a new Call-ID whose CSeq starts again from 1
            Request challengeRequest = restarted.register(liam, contact, "Expires: 300");
            Response challenge = restarted.send(challengeRequest);
            Request again = restarted.authorized(challenge, "MD5", liam, password(liam), contact, "Expires: 300");
            assertThat(cseqOf(again)).isLessThan(6);
            Response updated = restarted.send(again);
            assertThat(updated.getStatusCode()).isEqualTo(200);
            assertThat(SipClient.contacts(updated)).singleElement().satisfies(c -> {
                assertThat(c).startsWith(phone.contact(""));
                assertThat(Integer.parseInt(c.substring(c.lastIndexOf('=') + 1))).isBetween(290, 300);
            });
        }
    }

    private static String[] request(String method, String uri, String... extra) {
        String branch = "z9hG4bK" + UUID.randomUUID().toString().replace("-", "");
        List<String> lines = new java.util.ArrayList<>(List.of(
                method + " " + uri + " SIP/2.0",
                "Via: SIP/2.0/UDP 127.0.0.1:{port};branch=" + branch,
                "Max-Forwards: 70",
                "From: <sip:raw@liaison.test>;tag=" + UUID.randomUUID().toString().substring(0, 8),
                "To: <sip:raw@liaison.test>",
                "Call-ID: " + UUID.randomUUID() + "@127.0.0.1",
                "CSeq: 1 " + method));
        lines.addAll(List.of(extra));
        if (lines.stream().noneMatch(l -> l.startsWith("Content-Length"))) {
            lines.add("Content-Length: 0");
            lines.add("");
        }
        return lines.toArray(String[]::new);
    }

    private static String statusLine(String response) {
        assertThat(response).as("an answer").isNotNull();
        return response.substring(0, response.indexOf("\r\n"));
    }

    @Test
    void requestsTheRegistrarCannotTakeGetTheirRfc3261Answers() {
        String badExpires = SipClient.raw(request("REGISTER", "sip:liaison.test", "Expires: soon"));
        assertThat(statusLine(badExpires)).startsWith("SIP/2.0 400").contains("Expires");

        String telUri = SipClient.raw(request("REGISTER", "tel:+33123456789"));
        assertThat(statusLine(telUri)).startsWith("SIP/2.0 416");

        String extension = SipClient.raw(request("REGISTER", "sip:liaison.test", "Require: foo, bar"));
        assertThat(statusLine(extension)).startsWith("SIP/2.0 420");
        assertThat(extension).containsPattern("(?im)^Unsupported:.*foo").containsPattern("(?im)^Unsupported:.*bar");

        String body = "hello";
        String withBody = SipClient.raw(request("REGISTER", "sip:liaison.test", "Content-Type: text/plain",
                "Content-Length: " + body.length(), "", body));
        assertThat(statusLine(withBody)).startsWith("SIP/2.0 415");
        assertThat(withBody).containsPattern("(?im)^Accept:");

        String refer = SipClient.raw(request("REFER", "sip:someone@liaison.test", "Contact: <sip:raw@127.0.0.1:{port}>",
                "Refer-To: <sip:other@liaison.test>"));
        assertThat(statusLine(refer)).startsWith("SIP/2.0 405");
        assertThat(refer).containsPattern("(?im)^Allow: .*REGISTER");

        // an INVITE is served (MSRP sessions), but one that offers no MSRP session is not acceptable here
        String invite = SipClient.raw(request("INVITE", "sip:someone@liaison.test", "Contact: <sip:raw@127.0.0.1:{port}>"));
        assertThat(statusLine(invite)).startsWith("SIP/2.0 488");

        String subscribe = SipClient.raw(request("SUBSCRIBE", "sip:someone@liaison.test", "Event: foo",
                "Contact: <sip:raw@127.0.0.1:{port}>"));
        assertThat(statusLine(subscribe)).startsWith("SIP/2.0 489");

        String cancel = SipClient.raw(request("CANCEL", "sip:liaison.test"));
        assertThat(statusLine(cancel)).startsWith("SIP/2.0 481");

        String options = SipClient.raw(request("OPTIONS", "sip:liaison.test"));
        assertThat(statusLine(options)).startsWith("SIP/2.0 200");
    }

    @Test
    void aWebTerminalConnectsAndDisconnectsThroughTheAccessMonitor() {
        String judy = user("webjudy");
        String mallory = user("webmallory");
        LiaisonClient client = LiaisonClient.as(base, judy, password(judy));

        HttpResponse<String> created = client.postJson("api/terminals", "{\"address\":\"browser-1\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonObject terminal = object(created);
        long id = terminal.getJsonNumber("id").longValue();
        assertThat(terminal.getString("origin")).isEqualTo("web");
        assertThat(terminal.getString("address")).isEqualTo("browser-1");
        assertThat(created.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/api/terminals/" + id));
        assertThat(terminals(judy)).extracting(t -> t.getJsonNumber("id").longValue()).containsExactly(id);

        assertThat(client.postJson("api/terminals", "{\"address\":\"browser-2\",\"profile\":\"nosuchprofile\"}").statusCode())
                .isEqualTo(400);
        assertThat(client.postJson("api/terminals", "{\"profile\":\"x\"}").statusCode()).isEqualTo(400);

        assertThat(LiaisonClient.as(base, mallory, password(mallory)).delete("api/terminals/" + id).statusCode()).isEqualTo(404);
        assertThat(terminals(judy)).hasSize(1);
        assertThat(client.delete("api/terminals/" + id).statusCode()).isEqualTo(204);
        assertThat(terminals(judy)).isEmpty();
        assertThat(LiaisonClient.anonymous(base).get("api/terminals").statusCode()).isEqualTo(401);
    }
}
