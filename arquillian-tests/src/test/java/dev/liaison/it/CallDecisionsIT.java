package dev.liaison.it;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

import static dev.liaison.it.LiaisonClient.object;
import static dev.liaison.it.LiaisonClient.text;
import static dev.liaison.it.LiaisonClient.xml;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Call decisions as a call service sees them, over REST and SOAP: across the connectability states,
 * by the callee's CPL rules (address, time, priority, the connectability switch), with the urgent
 * bypass for authorised contacts, each with the rule that fired; and nothing told to a caller who
 * may not see the callee.
 */
class CallDecisionsIT extends LiaisonIT {

    private static final String CPL = "application/cpl+xml";
    private static final Duration WAIT = Duration.ofSeconds(20);

    private long profile(String owner, String name) {
        HttpResponse<String> created = as(owner).postJson("api/profiles",
                "{\"name\":\"" + name + "\",\"contactNumber\":\"+33102030405\",\"defaultMode\":\"free\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return object(created).getJsonNumber("id").longValue();
    }

    private void mode(String owner, long profile, String json) {
        HttpResponse<String> created = as(owner).postJson("api/profiles/" + profile + "/modes", json);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    private void list(String owner, long profile, String list, String contact) {
        HttpResponse<String> put = as(owner).postJson("api/profiles/" + profile + "/contacts",
                "{\"list\":\"" + list + "\",\"contact\":\"" + contact + "\"}");
        assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
    }

    private void choose(String owner, long profile, String mode) {
        HttpResponse<String> chosen = as(owner).putJson("api/profiles/" + profile + "/choice", "{\"mode\":\"" + mode + "\"}");
        assertThat(chosen.statusCode()).as(chosen.body()).isEqualTo(200);
    }

    private void connect(String owner, String profile, String address) {
        HttpResponse<String> connected = as(owner).postJson("api/terminals",
                "{\"profile\":\"" + profile + "\",\"address\":\"" + address + "\"}");
        assertThat(connected.statusCode()).as(connected.body()).isEqualTo(201);
    }

    private void rules(String owner, long profile, String cpl) {
        HttpResponse<String> put = as(owner).put("api/profiles/" + profile + "/call-rules", CPL, cpl);
        assertThat(put.statusCode()).as(put.body()).isIn(201, 204);
    }

    /** The decision {@code asker} is given for a call to {@code callee}, with {@code more} JSON members (",\"urgent\":true"). */
    private JsonObject decide(String asker, String callee, String more) {
        HttpResponse<String> decided = client(asker).postJson("api/calls/decide",
                "{\"callee\":\"" + callee + "\",\"service\":\"voice\"" + more + "}");
        assertThat(decided.statusCode()).as(decided.body()).isEqualTo(200);
        return object(decided);
    }

    private LiaisonClient client(String asker) {
        return asker.equals("admin") ? LiaisonClient.as(base, "admin", "admin") : as(asker);
    }

    /**
     * The decision once it satisfies {@code condition}: what a call service sees right after a
     * change it did not make itself (the decision reads committed presence, which every change
     * brings up to date before it answers; this only guards against reading between the two).
     */
    private JsonObject decisionWhen(String asker, String callee, String more, Predicate<JsonObject> condition) {
        Instant deadline = Instant.now().plus(WAIT);
        JsonObject decision = decide(asker, callee, more);
        while (!condition.test(decision) && Instant.now().isBefore(deadline)) {
            Thread.onSpinWait();
            decision = decide(asker, callee, more);
        }
        return decision;
    }

    private static List<String> strings(JsonObject decision, String name) {
        return decision.getJsonArray(name).getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }

    private static Predicate<JsonObject> outcome(String outcome) {
        return d -> d.getString("outcome").equals(outcome);
    }

    @Test
    void anAvailableCalleeIsRungOnTheTerminalsOfTheActiveProfileAndNotConnectableGoesToMessaging() {
        String ann = user("callee");
        String bob = user("caller");
        long home = profile(ann, "home");
        profile(ann, "work");
        list(ann, home, "AUTHORISED", bob);

        JsonObject before = decide(bob, ann, "");
        assertThat(before.getString("outcome")).isEqualTo("TO_MESSAGING");
        assertThat(before.getString("state")).isEqualTo("NOT_CONNECTABLE");
        assertThat(before.getString("rule")).isEqualTo("default:NOT_CONNECTABLE");
        assertThat(before.getString("reason")).as("a trusted caller is told why").contains("NO_TERMINAL");
        assertThat(strings(before, "terminals")).isEmpty();

        connect(ann, "home", "browser-home");
        connect(ann, "work", "desk-phone-work");

        JsonObject accepted = decisionWhen(bob, ann, "", outcome("ACCEPT"));
        assertThat(accepted.getString("outcome")).isEqualTo("ACCEPT");
        assertThat(accepted.getString("state")).isEqualTo("CONNECTABLE");
        assertThat(strings(accepted, "terminals")).as("the terminals of the active profile only").containsExactly("browser-home");
        assertThat(accepted.getString("rule")).isEqualTo("default:CONNECTABLE");
        assertThat(strings(accepted, "trace")).containsExactly("connectability: CONNECTABLE (AVAILABLE)",
                "default:CONNECTABLE", "ACCEPT: ring 1 terminal(s)");
        assertThat(accepted.getString("service")).isEqualTo("voice");
    }

    @Test
    void busyAndTransferringCalleesAreForwardedOrLeftToMessagingAsTheirRulesAndModesSay() {
        String ann = user("busycallee");
        String bob = user("busycaller");
        long home = profile(ann, "home");
        mode(ann, home, "{\"name\":\"busy\",\"state\":\"NOT_AVAILABLE\"}");
        mode(ann, home, "{\"name\":\"away\",\"state\":\"TRANSFER\",\"transferKind\":\"MOBILE\",\"transferAddress\":\"+33611223344\"}");
        list(ann, home, "AUTHORISED", bob);
        connect(ann, "home", "browser-busy");
        choose(ann, home, "busy");

        JsonObject byDefault = decisionWhen(bob, ann, "", outcome("TO_MESSAGING"));
        assertThat(byDefault.getString("outcome")).isEqualTo("TO_MESSAGING");
        assertThat(byDefault.getString("reason")).contains("NOT_AVAILABLE");
        assertThat(strings(byDefault, "terminals")).as("nothing rings, nothing is listed").isEmpty();

        rules(ann, home, """
                <cpl xmlns="urn:ietf:params:xml:ns:cpl" xmlns:lia="urn:liaison:cpl:connectability">
                  <incoming>
                    <lia:connectability-switch>
                      <lia:state is="NOT_CONNECTABLE">
                        <location url="sip:assistant@example.org"><redirect/></location>
                      </lia:state>
                    </lia:connectability-switch>
                  </incoming>
                </cpl>""");
        JsonObject forwarded = decide(bob, ann, "");
        assertThat(forwarded.getString("outcome")).isEqualTo("FORWARD");
        assertThat(forwarded.getString("forwardTo")).isEqualTo("sip:assistant@example.org");
        assertThat(forwarded.getString("rule"))
                .isEqualTo("/cpl/incoming/lia:connectability-switch/lia:state[1]/location/redirect");
        assertThat(strings(forwarded, "trace")).containsExactly(
                "connectability: NOT_CONNECTABLE (NOT_AVAILABLE)",
                "rules of profile home",
                "/cpl/incoming/lia:connectability-switch/lia:state[1] is=NOT_CONNECTABLE matched",
                "/cpl/incoming/lia:connectability-switch/lia:state[1]/location url=sip:assistant@example.org",
                "/cpl/incoming/lia:connectability-switch/lia:state[1]/location/redirect",
                "FORWARD to sip:assistant@example.org");

        choose(ann, home, "away");
        JsonObject transferred = decide(bob, ann, "");
        assertThat(transferred.getString("outcome")).as("no rule for IN_TRANSFER: the mode's target").isEqualTo("FORWARD");
        assertThat(transferred.getString("forwardTo")).isEqualTo("tel:+33611223344");
        assertThat(transferred.getString("rule")).isEqualTo("default:IN_TRANSFER");
        assertThat(strings(transferred, "trace")).contains(
                "/cpl/incoming/lia:connectability-switch: no state matched IN_TRANSFER", "default:IN_TRANSFER");
    }

    @Test
    void aCallerWhoMayNotSeeTheCalleeIsToldTheSameAsForAUserWhoDoesNotExist() {
        String ann = user("hiddencallee");
        String eve = user("deniedcaller");
        String carol = user("strangecaller");
        String nobody = Names.unique("nobody");
        long home = profile(ann, "home");
        list(ann, home, "DENIED", eve);
        connect(ann, "home", "browser-hidden");
        rules(ann, home, """
                <cpl xmlns="urn:ietf:params:xml:ns:cpl"><incoming><proxy/></incoming></cpl>""");
        assertThat(decisionWhen(ann, ann, "", outcome("ACCEPT")).getString("outcome"))
                .as("ann is connectable and her rules ring her").isEqualTo("ACCEPT");

        for (String outsider : List.of(eve, carol)) {
            HttpResponse<String> hidden = as(outsider).postJson("api/calls/decide",
                    "{\"callee\":\"" + ann + "\",\"service\":\"voice\"}");
            HttpResponse<String> missing = as(outsider).postJson("api/calls/decide",
                    "{\"callee\":\"" + nobody + "\",\"service\":\"voice\"}");
            assertThat(hidden.statusCode()).isEqualTo(200).isEqualTo(missing.statusCode());
            assertThat(hidden.body().replace(ann, "X")).as(outsider).isEqualTo(missing.body().replace(nobody, "X"));
            JsonObject decision = object(hidden);
            assertThat(decision.getString("outcome")).isEqualTo("TO_MESSAGING");
            assertThat(decision.getString("state")).isEqualTo("UNKNOWN");
            assertThat(strings(decision, "terminals")).isEmpty();
            assertThat(decision.getString("rule")).isEqualTo("default:UNKNOWN");
            assertThat(hidden.body()).doesNotContain("browser-hidden", "home", "AVAILABLE", "proxy");
        }

        HttpResponse<String> impersonating = as(carol).postJson("api/calls/decide",
                "{\"caller\":\"" + ann + "\",\"callee\":\"" + ann + "\",\"service\":\"voice\"}");
        assertThat(impersonating.statusCode()).as("a user decides their own calls only").isEqualTo(403);
        assertThat(decide("admin", ann, ",\"caller\":\"" + eve + "\"").toString().replace(ann, "X"))
                .as("a call service naming eve is told what eve may know")
                .isEqualTo(decide(eve, nobody, "").toString().replace(nobody, "X"));

        HttpResponse<String> bad = as(carol).postJson("api/calls/decide", "{\"callee\":\"\",\"service\":\"voice call\"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(bad.body()).contains("\"callee\"", "\"service\"");
    }

    @Test
    void addressAndTimeRulesDecideWithTheRuleThatFired() {
        String ann = user("rulecallee");
        String boss = user("rulesboss");
        String bob = user("rulecaller");
        long home = profile(ann, "home");
        list(ann, home, "AUTHORISED", boss);
        list(ann, home, "AUTHORISED", bob);
        // an outside number the rules may speak to: the lists let it know of ann (see docs/CALLS.md)
        list(ann, home, "AUTHORISATION_REQUIRED", "tel:+33612345678");
        connect(ann, "home", "browser-rules");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        rules(ann, home, """
                <cpl xmlns="urn:ietf:params:xml:ns:cpl">
                  <incoming>
                    <address-switch field="origin">
                      <address is="%s"><proxy/></address>
                      <address subdomain-of="tel:+336"><reject status="reject" reason="no mobiles"/></address>
                      <otherwise>
                        <time-switch tzid="UTC">
                          <time dtstart="20260105T000000" duration="P1D" freq="weekly" byday="%s"><proxy/></time>
                          <time dtstart="20260105T000000" duration="P1D" freq="weekly" byday="%s">
                            <reject status="busy" reason="in the lab today"/>
                          </time>
                        </time-switch>
                      </otherwise>
                    </address-switch>
                  </incoming>
                </cpl>""".formatted(boss, day(today.plusDays(1).getDayOfWeek()), day(today.getDayOfWeek())));

        JsonObject fromBoss = decisionWhen(boss, ann, "", outcome("ACCEPT"));
        assertThat(fromBoss.getString("outcome")).isEqualTo("ACCEPT");
        assertThat(strings(fromBoss, "terminals")).containsExactly("browser-rules");
        assertThat(fromBoss.getString("rule")).isEqualTo("/cpl/incoming/address-switch/address[1]/proxy");
        assertThat(strings(fromBoss, "trace")).contains(
                "/cpl/incoming/address-switch/address[1] is=" + boss + " matched the caller");

        JsonObject fromBob = decide(bob, ann, "");
        assertThat(fromBob.getString("outcome")).isEqualTo("REJECT");
        assertThat(fromBob.getString("reason")).contains("in the lab today");
        assertThat(fromBob.getString("rule"))
                .isEqualTo("/cpl/incoming/address-switch/otherwise/time-switch/time[2]/reject");
        assertThat(strings(fromBob, "trace")).anySatisfy(step -> assertThat(step)
                .startsWith("/cpl/incoming/address-switch/otherwise/time-switch/time[2] contains"));
        assertThat(strings(fromBob, "terminals")).isEmpty();

        JsonObject fromMobile = decide("admin", ann, ",\"caller\":\"tel:+33 6 12 34 56 78\"");
        assertThat(fromMobile.getString("caller")).isEqualTo("tel:+33612345678");
        assertThat(fromMobile.getString("outcome")).isEqualTo("REJECT");
        assertThat(fromMobile.getString("state")).isEqualTo("SUBJECT_TO_AUTHORISATION");
        assertThat(fromMobile.getString("rule")).isEqualTo("/cpl/incoming/address-switch/address[2]/reject");
        assertThat(strings(fromMobile, "terminals")).isEmpty();
    }

    @Test
    void anUrgentCallFromAnAuthorisedContactBypassesAvailabilityAndNoOtherCall() {
        String ann = user("urgentcallee");
        String bob = user("urgentfriend");
        String carol = user("urgentpublic");
        long home = profile(ann, "home");
        HttpResponse<String> open = as(ann).putJson("api/profiles/" + home,
                "{\"contactNumber\":\"+33102030405\",\"visibility\":\"OPEN\"}");
        assertThat(open.statusCode()).as(open.body()).isEqualTo(200);
        mode(ann, home, "{\"name\":\"busy\",\"state\":\"NOT_AVAILABLE\"}");
        list(ann, home, "AUTHORISED", bob);
        connect(ann, "home", "browser-urgent");
        choose(ann, home, "busy");

        assertThat(decisionWhen(bob, ann, "", outcome("TO_MESSAGING")).getString("outcome")).isEqualTo("TO_MESSAGING");

        JsonObject urgent = decide(bob, ann, ",\"urgent\":true");
        assertThat(urgent.getString("outcome")).isEqualTo("ACCEPT");
        assertThat(urgent.getBoolean("urgent")).isTrue();
        assertThat(urgent.getString("state")).as("what bob may see is unchanged").isEqualTo("NOT_CONNECTABLE");
        assertThat(strings(urgent, "terminals")).containsExactly("browser-urgent");
        assertThat(strings(urgent, "trace")).containsExactly(
                "connectability: NOT_CONNECTABLE (NOT_AVAILABLE)",
                "urgent call from an authorised contact: availability bypassed, NOT_CONNECTABLE taken as CONNECTABLE",
                "default:CONNECTABLE", "ACCEPT: ring 1 terminal(s)");

        JsonObject publicUrgent = decide(carol, ann, ",\"urgent\":true");
        assertThat(publicUrgent.getString("outcome")).as("carol sees the state but was not pre-authorised")
                .isEqualTo("TO_MESSAGING");
        assertThat(publicUrgent.getString("state")).isEqualTo("NOT_CONNECTABLE");
        assertThat(publicUrgent.containsKey("reason") ? publicUrgent.getString("reason") : "").doesNotContain("NOT_AVAILABLE");
        assertThat(strings(publicUrgent, "terminals")).isEmpty();

        rules(ann, home, """
                <cpl xmlns="urn:ietf:params:xml:ns:cpl" xmlns:lia="urn:liaison:cpl:connectability">
                  <incoming>
                    <priority-switch>
                      <priority greater="normal"><lia:notify-only/></priority>
                    </priority-switch>
                  </incoming>
                </cpl>""");
        JsonObject notified = decide(carol, ann, ",\"urgent\":true");
        assertThat(notified.getString("outcome")).isEqualTo("NOTIFY_ONLY");
        assertThat(notified.getString("rule")).isEqualTo("/cpl/incoming/priority-switch/priority[1]/lia:notify-only");
    }

    @Test
    void callRulesAreImportedCheckedExportedAndRemovedByTheirOwnerOrAnAdministrator() {
        String ann = user("rulesowner");
        String carol = user("rulesother");
        long home = profile(ann, "home");
        String path = "api/profiles/" + home + "/call-rules";
        String document = """
                <?xml version="1.0" encoding="UTF-8"?>
                <cpl xmlns="urn:ietf:params:xml:ns:cpl">
                  <incoming><mail url="mailto:ann@example.org"/></incoming>
                </cpl>
                """;

        assertThat(as(ann).get(path).statusCode()).isEqualTo(404);
        HttpResponse<String> bad = as(ann).put(path, CPL, """
                <cpl xmlns="urn:ietf:params:xml:ns:cpl">
                  <incoming>
                    <reject status="later"/>
                  </incoming>
                </cpl>""");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(bad.body()).contains("\"cpl\"", "line 3, column", "later");
        HttpResponse<String> entity = as(ann).put(path, CPL, "<!DOCTYPE cpl [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<cpl xmlns=\"urn:ietf:params:xml:ns:cpl\"><incoming>&x;</incoming></cpl>");
        assertThat(entity.statusCode()).isEqualTo(400);
        assertThat(entity.body()).contains("DOCTYPE").doesNotContain("root:");

        HttpResponse<String> created = as(ann).put(path, CPL, document);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        HttpResponse<String> exported = as(ann).get(path);
        assertThat(exported.statusCode()).isEqualTo(200);
        assertThat(exported.headers().firstValue("Content-Type").orElse("")).startsWith(CPL);
        assertThat(exported.body()).isEqualTo(document);
        assertThat(as(ann).put(path, CPL, document).statusCode()).as("replaced").isEqualTo(204);

        assertThat(as(carol).get(path).statusCode()).as("another user's profile is not found").isEqualTo(404);
        assertThat(as(carol).put(path, CPL, document).statusCode()).isEqualTo(404);
        assertThat(as(carol).get(path + "?user=" + ann).statusCode()).as("only an administrator acts for a user").isEqualTo(403);
        HttpResponse<String> byAdmin = LiaisonClient.as(base, "admin", "admin").get(path + "?user=" + ann);
        assertThat(byAdmin.statusCode()).isEqualTo(200);
        assertThat(byAdmin.body()).isEqualTo(document);

        assertThat(as(ann).delete(path).statusCode()).isEqualTo(204);
        assertThat(as(ann).get(path).statusCode()).isEqualTo(404);

        long work = profile(ann, "work");
        rules(ann, work, document);
        assertThat(as(ann).delete("api/profiles/" + work).statusCode()).as("the rules go with their profile").isEqualTo(204);
        assertThat(as(ann).get("api/profiles/" + work + "/call-rules").statusCode()).isEqualTo(404);
    }

    @Test
    void aCallServiceAsksOverSoap() {
        String ann = user("soapcallee");
        String bob = user("soapcaller");
        long home = profile(ann, "home");
        list(ann, home, "AUTHORISED", bob);
        connect(ann, "home", "browser-soap");
        decisionWhen(bob, ann, "", outcome("ACCEPT"));

        HttpResponse<String> decided = LiaisonClient.as(base, "admin", "admin").soap("soap/calls",
                "<c:decide xmlns:c=\"urn:liaison:calls:1\"><caller>" + bob + "</caller><callee>" + ann
                        + "</callee><service>video</service></c:decide>");
        assertThat(decided.statusCode()).as(decided.body()).isEqualTo(200);
        Document answer = xml(decided);
        assertThat(text(answer, "outcome")).isEqualTo("ACCEPT");
        assertThat(text(answer, "terminal")).isEqualTo("browser-soap");
        assertThat(text(answer, "rule")).isEqualTo("default:CONNECTABLE");
        assertThat(text(answer, "service")).isEqualTo("video");

        HttpResponse<String> invalid = as(bob).soap("soap/calls",
                "<c:decide xmlns:c=\"urn:liaison:calls:1\"><callee>" + ann + "</callee></c:decide>");
        assertThat(invalid.statusCode()).isEqualTo(500);
        assertThat(text(xml(invalid), "code")).isEqualTo("INVALID_INPUT");
        assertThat(text(xml(invalid), "field")).isEqualTo("service");
        assertThat(LiaisonClient.anonymous(base).get("soap/calls?wsdl").body())
                .contains("CallsService", "CallsPort", "urn:liaison:calls:1");
    }

    private static String day(DayOfWeek day) {
        return day.name().substring(0, 2).toUpperCase(Locale.ROOT);
    }
}
