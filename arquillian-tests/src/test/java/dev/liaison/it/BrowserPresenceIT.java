package dev.liaison.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static dev.liaison.it.LiaisonClient.array;
import static dev.liaison.it.LiaisonClient.object;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The portal's presence pages in a real browser: a user answers the authorisation requests waiting
 * for her, sees the contacts she follows with their connectability, and chooses and clears her
 * availability mode; watchers see the effect over REST. Forged requests to those pages change nothing.
 */
class BrowserPresenceIT extends LiaisonIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private long profile(String owner) {
        HttpResponse<String> created = as(owner).postJson("api/profiles",
                "{\"name\":\"home\",\"contactNumber\":\"+33102030405\",\"defaultMode\":\"free\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return object(created).getJsonNumber("id").longValue();
    }

    private void post(String owner, String path, String json) {
        HttpResponse<String> response = as(owner).postJson(path, json);
        assertThat(response.statusCode()).as(response.body()).isIn(201, 202);
    }

    private JsonObject seen(String watcher, String target) {
        HttpResponse<String> response = as(watcher).get("api/connectability/" + target);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return object(response);
    }

    private WebDriver loggedIn(String username) {
        return Browser.loggedIn(base, username);
    }

    private static void open(WebDriver browser, String tab, String heading) {
        Browser.open(browser, tab, heading);
    }

    private static WebElement row(WebDriver browser, String rows, String text) {
        return Browser.row(browser, rows, text);
    }

    @Test
    void aUserAllowsOneWatcherAndDeniesAnotherFromThePortal() {
        String alice = user("alice");
        String bob = user("bob");
        String carol = user("carol");
        profile(alice);
        post(bob, "api/authorisations", "{\"target\":\"" + alice + "\"}");
        post(carol, "api/authorisations", "{\"target\":\"" + alice + "\"}");
        assertThat(seen(bob, alice).getString("state")).isEqualTo("SUBJECT_TO_AUTHORISATION");

        WebDriver browser = loggedIn(alice);
        try {
            open(browser, "authorisations", "Authorisations");
            assertThat(browser.findElements(By.cssSelector("tr.request .watcher")).stream().map(WebElement::getText))
                    .containsExactlyInAnyOrder(bob, carol);

            row(browser, "tr.request", bob).findElement(By.cssSelector("input[value=Allow]")).click();
            new WebDriverWait(browser, WAIT).ignoring(StaleElementReferenceException.class).until(d -> d.findElement(By.id("messages")).getText()
                    .contains(bob + " may now see your state"));
            assertThat(browser.findElements(By.cssSelector("tr.request .watcher")).stream().map(WebElement::getText))
                    .containsExactly(carol);
            JsonObject bobSees = seen(bob, alice);
            assertThat(bobSees.getString("state")).isNotEqualTo("SUBJECT_TO_AUTHORISATION").isEqualTo("NOT_CONNECTABLE");
            assertThat(bobSees.getString("reason")).as("bob is trusted now").isEqualTo("NO_TERMINAL");

            row(browser, "tr.request", carol).findElement(By.cssSelector("input[value=Deny]")).click();
            new WebDriverWait(browser, WAIT).ignoring(StaleElementReferenceException.class).until(d -> d.findElement(By.id("messages")).getText().contains(carol + " is denied"));
            assertThat(browser.findElement(By.id("none")).getText()).contains("Nobody is waiting");
            assertThat(seen(carol, alice).keySet()).containsExactlyInAnyOrder("user", "state");
            assertThat(seen(carol, alice).getString("state")).isEqualTo("UNKNOWN");
            assertThat(array(as(alice).get("api/authorisations"))).isEmpty();
            Browser.screenshot(browser, "portal-authorisations");
        } catch (RuntimeException | AssertionError e) {
            Browser.screenshot(browser, "portal-authorisations-failure");
            throw e;
        } finally {
            browser.quit();
        }
    }

    @Test
    void theContactsPageShowsEachFollowedContactAsTheyLetTheUserSeeThem() {
        String alice = user("follower");
        String bob = user("trusting");
        String carol = user("private");
        long alices = profile(alice);
        long bobs = profile(bob);
        profile(carol);
        post(bob, "api/profiles/" + bobs + "/modes",
                "{\"name\":\"away\",\"state\":\"TRANSFER\",\"transferKind\":\"MOBILE\",\"transferAddress\":\"+33611223344\"}");
        post(bob, "api/profiles/" + bobs + "/contacts", "{\"list\":\"AUTHORISED\",\"contact\":\"" + alice + "\"}");
        assertThat(as(bob).putJson("api/profiles/" + bobs + "/choice", "{\"mode\":\"away\"}").statusCode()).isEqualTo(200);
        post(alice, "api/profiles/" + alices + "/contacts", "{\"list\":\"FOLLOWED\",\"contact\":\"" + bob + "\"}");
        post(alice, "api/profiles/" + alices + "/contacts", "{\"list\":\"FOLLOWED\",\"contact\":\"" + carol + "\"}");

        WebDriver browser = loggedIn(alice);
        try {
            open(browser, "contacts", "Contacts");
            WebElement trusting = row(browser, "tr.contact", bob);
            assertThat(trusting.findElement(By.cssSelector(".state")).getText()).isEqualTo("in transfer");
            assertThat(trusting.findElement(By.cssSelector(".transfer")).getText()).isEqualTo("+33611223344");
            WebElement hiding = row(browser, "tr.contact", carol);
            assertThat(hiding.findElement(By.cssSelector(".state")).getText()).isEqualTo("unknown");
            assertThat(hiding.findElement(By.cssSelector(".transfer")).getText()).isEmpty();

            assertThat(as(bob).delete("api/profiles/" + bobs + "/choice").statusCode()).isEqualTo(204);
            browser.navigate().refresh();
            assertThat(row(browser, "tr.contact", bob).findElement(By.cssSelector(".state")).getText())
                    .isEqualTo("not connectable");
            Browser.screenshot(browser, "portal-contacts");
        } catch (RuntimeException | AssertionError e) {
            Browser.screenshot(browser, "portal-contacts-failure");
            throw e;
        } finally {
            browser.quit();
        }
    }

    @Test
    void aModeChosenInThePortalIsWhatWatchersSeeUntilItIsCleared() {
        String alice = user("chooser");
        String bob = user("watching");
        long alices = profile(alice);
        post(alice, "api/profiles/" + alices + "/modes", "{\"name\":\"hidden\",\"state\":\"UNKNOWN\"}");
        post(alice, "api/profiles/" + alices + "/contacts", "{\"list\":\"AUTHORISED\",\"contact\":\"" + bob + "\"}");
        assertThat(seen(bob, alice).getString("reason")).isEqualTo("NO_TERMINAL");

        WebDriver browser = loggedIn(alice);
        try {
            open(browser, "availability", "Availability");
            new WebDriverWait(browser, WAIT).ignoring(StaleElementReferenceException.class)
                    .until(d -> d.findElement(By.id("current")).getText().contains("No mode chosen"));
            new Select(browser.findElement(By.id("choice:mode"))).selectByVisibleText("home / hidden (UNKNOWN)");
            browser.findElement(By.id("choice:choose")).click();
            new WebDriverWait(browser, WAIT).ignoring(StaleElementReferenceException.class).until(d -> d.findElement(By.id("current")).getText().contains("home / hidden"));
            assertThat(seen(bob, alice).getString("state")).isEqualTo("UNKNOWN");
            assertThat(seen(bob, alice).getString("reason")).isEqualTo("HIDDEN");
            assertThat(object(as(alice).get("api/connectability/" + alice)).getString("reason")).isEqualTo("HIDDEN");

            browser.findElement(By.id("choice:clear")).click();
            new WebDriverWait(browser, WAIT).ignoring(StaleElementReferenceException.class).until(d -> d.findElement(By.id("current")).getText().contains("No mode chosen"));
            assertThat(seen(bob, alice).getString("reason")).isEqualTo("NO_TERMINAL");
        } catch (RuntimeException | AssertionError e) {
            Browser.screenshot(browser, "portal-availability-failure");
            throw e;
        } finally {
            browser.quit();
        }
    }

    @Test
    void aPageOpensFromALinkButAFormPostedByAnotherSiteOrWithAForgedViewStateChangesNothing() {
        String alice = user("victim");
        String mallory = user("forger");
        profile(alice);
        post(mallory, "api/authorisations", "{\"target\":\"" + alice + "\"}");

        LiaisonClient session = LiaisonClient.browser(base);
        session.get("portal/");
        HttpResponse<String> login = session.postForm("j_security_check", "j_username=" + enc(alice)
                + "&j_password=" + enc("password-" + alice));
        assertThat(login.body()).contains("<span id=\"current-user\">" + alice + "</span>");

        HttpResponse<String> direct = session.get("portal/authorisations.xhtml");
        assertThat(direct.statusCode()).as("a page opened from a bookmark or a pasted link").isEqualTo(200);
        assertThat(direct.body()).contains(mallory).contains("value=\"Allow\"");
        assertThat(direct.headers().firstValue("X-Frame-Options")).as("no other site may frame it").contains("DENY");
        java.util.regex.Matcher state = java.util.regex.Pattern.compile("jakarta\\.faces\\.ViewState\"[^>]*?value=\"([^\"]+)\"")
                .matcher(direct.body());
        assertThat(state.find()).as(direct.body()).isTrue();
        String allow = "answers=answers&" + enc("answers:pending:0:allow") + "=Allow&" + enc("jakarta.faces.ViewState") + "=";

        for (String viewState : List.of("stateless", "-2047463723412399317:-6119431358225453497", "")) {
            HttpResponse<String> forged = session.postForm("portal/authorisations.xhtml", allow + enc(viewState));
            assertThat(forged.body()).as("view state " + viewState).doesNotContain("may now see your state")
                    .contains("Nothing was changed");
            assertThat(forged.statusCode()).as("view state " + viewState).isEqualTo(403);
        }
        // the page's own view state, but posted by a page of another site
        for (String[] from : List.of(new String[]{"Origin", "http://evil.example"},
                new String[]{"Referer", "http://evil.example/prize.html"}, new String[]{"Sec-Fetch-Site", "cross-site"})) {
            HttpResponse<String> forged = session.post("portal/authorisations.xhtml", "application/x-www-form-urlencoded",
                    allow + enc(state.group(1)), from);
            assertThat(forged.statusCode()).as(from[0] + ": " + from[1]).isEqualTo(403);
            assertThat(forged.body()).contains("Nothing was changed");
        }
        assertThat(array(as(alice).get("api/authorisations")).stream()
                .map(r -> r.asJsonObject().getString("watcher") + " " + r.asJsonObject().getString("state")))
                .containsExactly(mallory + " PENDING");
        assertThat(seen(mallory, alice).getString("state")).isEqualTo("SUBJECT_TO_AUTHORISATION");

        // the same form from the portal's own page does what it says
        String own = base.getProtocol() + "://" + base.getHost() + ":" + base.getPort();
        HttpResponse<String> answered = session.post("portal/authorisations.xhtml", "application/x-www-form-urlencoded",
                allow + enc(state.group(1)), "Origin", own);
        assertThat(answered.body()).contains(mallory + " may now see your state");
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
