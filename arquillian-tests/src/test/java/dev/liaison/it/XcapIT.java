package dev.liaison.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static dev.liaison.it.LiaisonClient.array;
import static dev.liaison.it.LiaisonClient.object;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A SIP client's authorisation rules kept on the server over XCAP (RFC 4825, pres-rules of RFC
 * 5025): read with an ETag, replaced as a whole to answer watchers, refused with an XCAP error
 * when it cannot be applied, and private to its owner.
 */
class XcapIT extends LiaisonIT {

    private static final String RULES = "application/auth-policy+xml";

    private void profile(String owner, String name) {
        HttpResponse<String> created = as(owner).postJson("api/profiles",
                "{\"name\":\"" + name + "\",\"contactNumber\":\"+33102030405\",\"defaultMode\":\"free\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    private static String rulesPath(String owner) {
        return "api/xcap/pres-rules/users/sip:" + owner + "@liaison.test/index";
    }

    private String seen(String watcher, String target) {
        HttpResponse<String> response = as(watcher).get("api/connectability/" + target);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonObject view = object(response);
        return view.getString("state");
    }

    private static String ruleset(String... rules) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<cr:ruleset xmlns:cr=\"urn:ietf:params:xml:ns:common-policy\" xmlns:pr=\"urn:ietf:params:xml:ns:pres-rules\">"
                + String.join("", rules) + "</cr:ruleset>";
    }

    private static String rule(String id, String handling, String... identities) {
        StringBuilder ones = new StringBuilder();
        for (String identity : identities) {
            ones.append("<cr:one id=\"").append(identity).append("\"/>");
        }
        return "<cr:rule id=\"" + id + "\"><cr:conditions><cr:identity>" + ones + "</cr:identity></cr:conditions>"
                + "<cr:actions><pr:sub-handling>" + handling + "</pr:sub-handling></cr:actions>"
                + "<cr:transformations><pr:provide-all-attributes/></cr:transformations></cr:rule>";
    }

    private static String sip(String user) {
        return "sip:" + user + "@liaison.test";
    }

    @Test
    void theRulesDocumentAnswersWaitingWatchersAndIsGuardedByItsEtag() {
        String ann = user("xcapann");
        String bob = user("xcapbob");
        String dave = user("xcapdave");
        profile(ann, "home");
        assertThat(as(bob).postJson("api/authorisations", "{\"target\":\"" + ann + "\"}").statusCode()).isEqualTo(202);
        assertThat(as(dave).postJson("api/authorisations", "{\"target\":\"" + ann + "\"}").statusCode()).isEqualTo(202);
        assertThat(seen(bob, ann)).isEqualTo("SUBJECT_TO_AUTHORISATION");

        HttpResponse<String> first = as(ann).get(rulesPath(ann));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(first.headers().firstValue("Content-Type").orElse("")).startsWith(RULES);
        assertThat(first.body()).contains("urn:ietf:params:xml:ns:common-policy").doesNotContain("<cp:rule ");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(as(ann).get(rulesPath(ann)).headers().firstValue("ETag")).as("the same document, the same tag").contains(etag);

        HttpResponse<String> put = as(ann).put(rulesPath(ann), RULES,
                ruleset(rule("friends", "allow", sip(bob)), rule("nope", "polite-block", sip(dave))), "If-Match", etag);
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        String next = put.headers().firstValue("ETag").orElseThrow();
        assertThat(next).isNotEqualTo(etag);

        assertThat(seen(bob, ann)).as("allowed").isEqualTo("NOT_CONNECTABLE");
        assertThat(seen(dave, ann)).as("politely blocked, like a user who does not exist").isEqualTo("UNKNOWN");
        assertThat(array(as(ann).get("api/authorisations"))).as("both requests are answered").isEmpty();
        long home = array(as(ann).get("api/profiles")).getJsonObject(0).getJsonNumber("id").longValue();
        assertThat(array(as(ann).get("api/profiles/" + home + "/contacts")).stream()
                .map(c -> c.asJsonObject().getString("list") + " " + c.asJsonObject().getString("contact")))
                .containsExactlyInAnyOrder("AUTHORISED " + bob, "DENIED " + dave);

        HttpResponse<String> read = as(ann).get(rulesPath(ann));
        assertThat(read.headers().firstValue("ETag")).contains(next);
        assertThat(read.body()).contains("<cp:one id=\"" + sip(bob) + "\"/>", "<pr:sub-handling>allow</pr:sub-handling>",
                "<cp:one id=\"" + sip(dave) + "\"/>", "<pr:sub-handling>polite-block</pr:sub-handling>");

        HttpResponse<String> stale = as(ann).put(rulesPath(ann), RULES, ruleset(rule("friends", "allow", sip(dave))),
                "If-Match", etag);
        assertThat(stale.statusCode()).as("a stale tag changes nothing").isEqualTo(412);
        assertThat(seen(dave, ann)).isEqualTo("UNKNOWN");
        assertThat(as(ann).put(rulesPath(ann), RULES, ruleset(), "If-None-Match", "*").statusCode())
                .as("the document exists").isEqualTo(412);
    }

    @Test
    void everyoneMakesTheProfileOpenAndTakingRulesAwayClosesIt() {
        String ann = user("xcapopen");
        String stranger = user("xcapstranger");
        String dave = user("xcapblocked");
        profile(ann, "home");
        assertThat(seen(stranger, ann)).isEqualTo("UNKNOWN");

        String everyone = "<cr:rule id=\"all\"><cr:conditions><cr:identity><cr:many/></cr:identity></cr:conditions>"
                + "<cr:actions><pr:sub-handling>allow</pr:sub-handling></cr:actions></cr:rule>";
        HttpResponse<String> put = as(ann).put(rulesPath(ann), RULES, ruleset(everyone, rule("b", "block", sip(dave))));
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        assertThat(seen(stranger, ann)).isEqualTo("NOT_CONNECTABLE");
        assertThat(seen(dave, ann)).isEqualTo("UNKNOWN");
        assertThat(as(ann).get(rulesPath(ann)).body()).contains("<cp:except id=\"" + sip(dave) + "\"/>");

        assertThat(as(ann).delete(rulesPath(ann)).statusCode()).isEqualTo(200);
        assertThat(seen(stranger, ann)).isEqualTo("UNKNOWN");
        assertThat(seen(dave, ann)).isEqualTo("UNKNOWN");
        assertThat(as(ann).get(rulesPath(ann)).body()).doesNotContain("<cp:rule ");
    }

    @Test
    void documentsThatCannotBeAppliedGetAnXcapErrorAndChangeNothing() {
        String ann = user("xcapbad");
        String bob = user("xcapfriend");
        profile(ann, "home");
        HttpResponse<String> allowed = as(ann).put(rulesPath(ann), RULES, ruleset(rule("friends", "allow", sip(bob))));
        assertThat(allowed.statusCode()).isEqualTo(200);
        String before = as(ann).get(rulesPath(ann)).body();

        HttpResponse<String> broken = as(ann).put(rulesPath(ann), RULES, "<cr:ruleset xmlns:cr=\"urn:ietf:params:xml:ns:common-policy\">");
        assertThat(broken.statusCode()).isEqualTo(409);
        assertThat(broken.headers().firstValue("Content-Type").orElse("")).startsWith("application/xcap-error+xml");
        assertThat(broken.body()).contains("<not-well-formed/>");

        HttpResponse<String> entity = as(ann).put(rulesPath(ann), RULES, "<?xml version=\"1.0\"?>"
                + "<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<cr:ruleset xmlns:cr=\"urn:ietf:params:xml:ns:common-policy\"><cr:rule id=\"&x;\"/></cr:ruleset>");
        assertThat(entity.statusCode()).as("no DTD, no external entity").isEqualTo(409);
        assertThat(entity.body()).contains("<not-well-formed/>").doesNotContain("root:");

        String timed = "<cr:rule id=\"later\"><cr:conditions><cr:validity><cr:from>2030-01-01T00:00:00Z</cr:from>"
                + "<cr:until>2030-02-01T00:00:00Z</cr:until></cr:validity></cr:conditions>"
                + "<cr:actions><pr:sub-handling>allow</pr:sub-handling></cr:actions></cr:rule>";
        HttpResponse<String> validity = as(ann).put(rulesPath(ann), RULES, ruleset(timed));
        assertThat(validity.statusCode()).isEqualTo(409);
        assertThat(validity.body()).contains("<constraint-failure", "validity");

        HttpResponse<String> notAUser = as(ann).put(rulesPath(ann), RULES, ruleset(rule("x", "allow", "http://example.org/")));
        assertThat(notAUser.statusCode()).isEqualTo(409);
        assertThat(notAUser.body()).contains("<constraint-failure");

        assertThat(as(ann).put(rulesPath(ann), "application/json", "{}").statusCode()).isEqualTo(415);
        assertThat(as(ann).get(rulesPath(ann) + "/~~/cr:ruleset/cr:rule").statusCode()).isEqualTo(409);
        assertThat(as(ann).get(rulesPath(ann)).body()).as("nothing changed").isEqualTo(before);
        assertThat(seen(bob, ann)).isEqualTo("NOT_CONNECTABLE");
    }

    @Test
    void onlyTheOwnerReachesADocumentAndNobodyLearnsWhoExists() {
        String ann = user("xcapowner");
        String carol = user("xcapother");
        String nobody = Names.unique("xcapnobody");
        profile(ann, "home");
        HttpResponse<String> others = as(carol).get(rulesPath(ann));
        HttpResponse<String> nobodys = as(carol).get(rulesPath(nobody));
        assertThat(others.statusCode()).isEqualTo(404);
        assertThat(nobodys.statusCode()).isEqualTo(404);
        assertThat(others.body()).isEqualTo(nobodys.body().replace(nobody, ann));
        assertThat(as(carol).put(rulesPath(ann), RULES, ruleset(rule("me", "allow", sip(carol)))).statusCode()).isEqualTo(404);
        assertThat(seen(carol, ann)).isEqualTo("UNKNOWN");
        assertThat(LiaisonClient.anonymous(base).get(rulesPath(ann)).statusCode()).isEqualTo(401);

        HttpResponse<String> caps = as(carol).get("api/xcap/xcap-caps/global/index");
        assertThat(caps.statusCode()).isEqualTo(200);
        assertThat(caps.body()).contains("<auid>pres-rules</auid>");
    }
}
