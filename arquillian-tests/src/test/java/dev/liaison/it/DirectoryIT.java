package dev.liaison.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import static dev.liaison.it.LiaisonClient.array;
import static dev.liaison.it.LiaisonClient.object;
import static dev.liaison.it.LiaisonClient.text;
import static dev.liaison.it.LiaisonClient.xml;
import static org.assertj.core.api.Assertions.assertThat;

/** The directory over REST and SOAP, its security, its event, and the health check, from outside. */
class DirectoryIT extends LiaisonIT {

    @BeforeAll
    static void mailServer() {
        TestMailServer.start();
    }

    private LiaisonClient admin() {
        return LiaisonClient.as(base, "admin", "admin");
    }

    private String register(String prefix, String password) {
        String username = Names.unique(prefix);
        HttpResponse<String> created = admin().postJson("api/users", Names.userJson(username, password));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return username;
    }

    @Test
    void userCreatedOverRestIsReadableOverSoap() {
        String username = Names.unique("alice");
        HttpResponse<String> created = admin().postJson("api/users", Names.userJson(username, "correct horse"));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/liaison/api/users/" + username));
        JsonObject body = object(created);
        assertThat(body.getString("username")).isEqualTo(username);
        assertThat(body.getString("email")).isEqualTo(username + "@example.com");
        assertThat(body.containsKey("password")).isFalse();
        assertThat(created.body()).doesNotContain("correct horse").doesNotContain("$2a$");

        HttpResponse<String> read = admin().soap("soap/directory",
                "<d:getUser><username>" + username + "</username></d:getUser>");
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        Document soap = xml(read);
        assertThat(text(soap, "username")).isEqualTo(username);
        assertThat(text(soap, "displayName")).isEqualTo("Test " + username);
        assertThat(text(soap, "email")).isEqualTo(username + "@example.com");
        assertThat(text(soap, "contactNumber")).isEqualTo("+33 1 02 03 04 05");
        assertThat(text(soap, "role")).isEqualTo("user");
    }

    @Test
    void newUserLogsInWithTheirPasswordAndReadsTheDirectory() {
        String username = register("bob", "bob-password");

        HttpResponse<String> own = LiaisonClient.as(base, username, "bob-password").get("api/users/" + username);
        assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
        assertThat(object(own).getString("displayName")).isEqualTo("Test " + username);

        HttpResponse<String> list = LiaisonClient.as(base, username, "bob-password").get("api/users?max=500");
        assertThat(array(list).stream().map(v -> v.asJsonObject().getString("username"))).contains("admin", username);
    }

    @Test
    void anOrdinaryUserSeesOfAnotherOnlyHowToReachThemOverRestAndSoapWhereAnAdministratorSeesAll() {
        String bob = register("bob", "bob-password");
        String carol = register("carol", "carol-password");
        LiaisonClient asBob = LiaisonClient.as(base, bob, "bob-password");

        JsonObject seen = object(asBob.get("api/users/" + carol));
        assertThat(seen.keySet()).containsExactlyInAnyOrder("username", "displayName", "address");
        assertThat(seen.getString("address")).isEqualTo("sip:" + carol + "@liaison.test");
        JsonObject listed = array(asBob.get("api/users?max=500")).stream().map(v -> v.asJsonObject())
                .filter(u -> u.getString("username").equals(carol)).findFirst().orElseThrow();
        assertThat(listed.keySet()).containsExactlyInAnyOrder("username", "displayName", "address");
        assertThat(object(asBob.get("api/users/" + bob)).keySet()).as("himself, in full")
                .contains("email", "contactNumbers", "roles", "enabled", "createdAt");
        assertThat(object(admin().get("api/users/" + carol)).keySet()).as("the administrator sees all")
                .contains("email", "contactNumbers", "roles", "enabled", "createdAt", "address");

        HttpResponse<String> one = asBob.soap("soap/directory", "<d:getUser><username>" + carol + "</username></d:getUser>");
        assertThat(one.statusCode()).as(one.body()).isEqualTo(200);
        Document soap = xml(one);
        assertThat(text(soap, "address")).isEqualTo("sip:" + carol + "@liaison.test");
        for (String hidden : new String[]{"email", "contactNumber", "role", "enabled", "createdAt"}) {
            assertThat(soap.getElementsByTagName(hidden).getLength()).as(hidden).isZero();
        }
        HttpResponse<String> all = asBob.soap("soap/directory", "<d:listUsers><first>0</first><max>500</max></d:listUsers>");
        assertThat(all.body()).contains(carol).doesNotContain(carol + "@example.com");
        Document listedOverSoap = xml(all);
        assertThat(listedOverSoap.getElementsByTagName("address").getLength()).as("every user has an address")
                .isGreaterThan(2);
        for (String hidden : new String[]{"email", "enabled", "createdAt"}) {
            assertThat(listedOverSoap.getElementsByTagName(hidden).getLength()).as(hidden + ": only bob's own").isEqualTo(1);
        }
        assertThat(admin().soap("soap/directory", "<d:getUser><username>" + carol + "</username></d:getUser>").body())
                .contains(carol + "@example.com").contains("<role>user</role>");
    }

    @Test
    void invalidInputIsRefusedWithAProblemNamingEachField() {
        HttpResponse<String> response = admin().postJson("api/users",
                "{\"username\":\"Not Valid!\",\"email\":\"not-an-address\",\"password\":\"short\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonObject problem = object(response);
        assertThat(problem.getInt("status")).isEqualTo(400);
        assertThat(problem.getString("type")).isEqualTo("urn:liaison:problem:invalid-input");
        assertThat(problem.getJsonArray("violations").stream().map(v -> v.asJsonObject().getString("field")))
                .containsExactlyInAnyOrder("username", "displayName", "email", "password");
    }

    @Test
    void malformedJsonIsABadRequestWithAProblemBody() {
        HttpResponse<String> response = admin().postJson("api/users", "{\"username\": ");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(object(response).getString("detail")).contains("not valid JSON");
    }

    @Test
    void duplicateUsernameOrAddressIsAConflict() {
        String username = register("carol", "carol-password");

        HttpResponse<String> sameName = admin().postJson("api/users",
                Names.userJson(username, "other-password").replace(username + "@", "someone-else-" + username + "@"));
        assertThat(sameName.statusCode()).isEqualTo(409);
        assertThat(object(sameName).getJsonArray("violations").getJsonObject(0).getString("field")).isEqualTo("username");

        String other = Names.unique("carol-twin");
        HttpResponse<String> sameAddress = admin().postJson("api/users",
                Names.userJson(other, "other-password").replace(other + "@Example.COM", username.toUpperCase() + "@example.com"));
        assertThat(sameAddress.statusCode()).as(sameAddress.body()).isEqualTo(409);
        assertThat(object(sameAddress).getJsonArray("violations").getJsonObject(0).getString("field")).isEqualTo("email");

        assertThat(admin().get("api/users/" + other).statusCode()).isEqualTo(404);
    }

    @Test
    void callsWithoutValidCredentialsAreRefused() {
        HttpResponse<String> anonymous = LiaisonClient.anonymous(base).get("api/users");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                challenge -> assertThat(challenge).startsWith("Basic"));
        assertThat(object(anonymous).getInt("status")).isEqualTo(401);

        assertThat(LiaisonClient.as(base, "admin", "wrong-password").get("api/users").statusCode()).isEqualTo(401);
        assertThat(LiaisonClient.as(base, "nobody-" + Names.unique("x"), "admin").get("api/users").statusCode())
                .isEqualTo(401);
        assertThat(LiaisonClient.anonymous(base).postJson("api/users", Names.userJson(Names.unique("eve"), "password1"))
                .statusCode()).isEqualTo(401);

        HttpResponse<String> soap = LiaisonClient.anonymous(base).soap("soap/directory",
                "<d:getUser><username>admin</username></d:getUser>");
        assertThat(soap.statusCode()).isEqualTo(401);
    }

    @Test
    void keptBasicCredentialsActForTheirOwnUserWithTheirOwnRolesAndNoOtherPassword() {
        // each pair of calls: the first checks the password, the second is answered from what it established
        String username = register("kept", "kept-password");
        LiaisonClient kept = LiaisonClient.as(base, username, "kept-password");
        for (int call = 0; call < 2; call++) {
            HttpResponse<String> me = kept.get("api/users/" + username);
            assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
            assertThat(kept.postJson("api/users", Names.userJson(Names.unique("mallory"), "password1")).statusCode())
                    .as("a user is not an administrator, call %d", call).isEqualTo(403);
            assertThat(LiaisonClient.as(base, username, "kept-password-not").get("api/users/" + username).statusCode())
                    .as("another password, call %d", call).isEqualTo(401);
            HttpResponse<String> created = admin().postJson("api/users", Names.userJson(Names.unique("by-admin"), "password1"));
            assertThat(created.statusCode()).as("the administrator, call %d: %s", call, created.body()).isEqualTo(201);
        }
        HttpResponse<String> profile = kept.postJson("api/profiles",
                "{\"name\":\"home\",\"contactNumber\":\"+33102030405\",\"defaultMode\":\"free\"}");
        assertThat(profile.statusCode()).as(profile.body()).isEqualTo(201);
        String other = register("keptother", "other-password");
        LiaisonClient otherClient = LiaisonClient.as(base, other, "other-password");
        for (int call = 0; call < 2; call++) {
            assertThat(array(kept.get("api/profiles"))).as("the kept user's own profiles, call %d", call).hasSize(1);
            assertThat(array(otherClient.get("api/profiles"))).as("the other user's own profiles, call %d", call).isEmpty();
        }
        HttpResponse<String> soap = kept.soap("soap/directory", "<d:getUser><username>" + username + "</username></d:getUser>");
        assertThat(soap.statusCode()).as(soap.body()).isEqualTo(200);
        assertThat(soap.body()).contains(username);
    }

    @Test
    void onlyAdministratorsRegisterUsers() {
        String username = register("dave", "dave-password");
        LiaisonClient dave = LiaisonClient.as(base, username, "dave-password");

        HttpResponse<String> rest = dave.postJson("api/users", Names.userJson(Names.unique("mallory"), "password1"));
        assertThat(rest.statusCode()).isEqualTo(403);
        assertThat(object(rest).getString("type")).isEqualTo("urn:liaison:problem:forbidden");

        HttpResponse<String> soap = dave.soap("soap/directory", "<d:createUser><username>" + Names.unique("mallory")
                + "</username><displayName>M</displayName><email>m@example.com</email><password>password1</password>"
                + "</d:createUser>");
        assertThat(soap.statusCode()).isEqualTo(500);
        assertThat(text(xml(soap), "code")).isEqualTo("FORBIDDEN");
    }

    @Test
    void soapRefusesInvalidInputWithAFaultListingTheFields() {
        HttpResponse<String> soap = admin().soap("soap/directory", "<d:createUser><username>BAD NAME</username>"
                + "<displayName>x</displayName><email>nope</email><password>password1</password></d:createUser>");

        assertThat(soap.statusCode()).isEqualTo(500);
        Document fault = xml(soap);
        assertThat(text(fault, "faultstring")).isNotBlank();
        assertThat(text(fault, "code")).isEqualTo("INVALID_INPUT");
        assertThat(soap.body()).contains("<field>username</field>").contains("<field>email</field>");
    }

    @Test
    void wsdlIsPublishedWithItsStableNames() {
        HttpResponse<String> wsdl = LiaisonClient.anonymous(base).get("soap/directory?wsdl");

        assertThat(wsdl.statusCode()).isEqualTo(200);
        assertThat(wsdl.body())
                .contains("targetNamespace=\"urn:liaison:directory:1\"")
                .contains("name=\"DirectoryService\"")
                .contains("name=\"DirectoryPort\"")
                .contains("createUser").contains("getUser").contains("listUsers");
    }

    @Test
    void registrationIsRecordedInTheEventLogThroughTheMessageDrivenBean() throws InterruptedException {
        String username = register("erin", "erin-password");

        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        JsonObject entry = null;
        while (entry == null && Instant.now().isBefore(deadline)) {
            HttpResponse<String> events = admin().get("api/events?subject=" + username + "&type=UserRegistered");
            assertThat(events.statusCode()).as(events.body()).isEqualTo(200);
            if (!array(events).isEmpty()) {
                assertThat(array(events)).hasSize(1);
                entry = array(events).getJsonObject(0);
            } else {
                Thread.sleep(200);
            }
        }
        assertThat(entry).as("event log entry for " + username).isNotNull();
        assertThat(entry.getString("type")).isEqualTo("UserRegistered");
        assertThat(entry.getString("detail")).contains(username + "@example.com");
    }

    @Test
    void eventLogIsForAdministratorsOnly() {
        String username = register("frank", "frank-password");

        assertThat(LiaisonClient.as(base, username, "frank-password").get("api/events").statusCode()).isEqualTo(403);
    }

    @Test
    void healthReportsDatabaseMessagingAndMail() {
        HttpResponse<String> health = LiaisonClient.anonymous(base).get("api/health");

        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        JsonObject report = object(health);
        assertThat(report.getString("status")).isEqualTo("UP");
        assertThat(report.getJsonArray("checks").stream().map(c -> c.asJsonObject().getString("name")))
                .containsExactly("database", "messaging", "mail");
        assertThat(report.getJsonArray("checks").stream().map(c -> c.asJsonObject().getString("status")))
                .containsOnly("UP");
    }
}
