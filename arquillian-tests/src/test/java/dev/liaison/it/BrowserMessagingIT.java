package dev.liaison.it;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static dev.liaison.it.LiaisonClient.array;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The portal's messages page in a real browser: a user reads what the offline store kept for her
 * (sent over REST and over SIP, a CPIM one shown by the text it carries), marks one read so that
 * no SIP client receives it, and sends messages that the recipient finds in turn; a message the
 * page cannot send says why.
 */
class BrowserMessagingIT extends LiaisonIT {

    private List<JsonObject> kept(String username) {
        return array(as(username).get("api/messages")).stream().map(JsonValue::asJsonObject).toList();
    }

    private static void submitted(WebDriver browser, String expected) {
        new WebDriverWait(browser, Browser.WAIT).ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElement(By.id("messages")).getText().contains(expected));
    }

    private static void send(WebDriver browser, String to, String text) {
        WebElement toField = browser.findElement(By.id("send:to"));
        toField.clear();
        toField.sendKeys(to);
        WebElement textField = browser.findElement(By.id("send:text"));
        textField.clear();
        textField.sendKeys(text);
        browser.findElement(By.id("send:submit")).click();
    }

    @Test
    void aUserReadsWhatWasKeptForHerMarksOneReadAndSendsAReply() {
        String alice = user("webalice");
        String bob = user("webbob");
        String carol = user("webcarol");
        HttpResponse<String> sent = as(bob).postJson("api/messages", "{\"to\":\"" + alice + "\",\"text\":\"lunch at noon?\"}");
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
        String cpim = "From: <sip:" + carol + "@liaison.test>\r\nTo: <sip:" + alice + "@liaison.test>\r\n"
                + "DateTime: 2026-12-03T10:00:00Z\r\n\r\nContent-Type: text/plain;charset=UTF-8\r\n\r\nsee you at the meeting\r\n";
        try (SipClient phone = SipClient.tcp()) {
            assertThat(phone.message(carol, password(carol), alice, "message/cpim", cpim.getBytes(StandardCharsets.UTF_8))
                    .getStatusCode()).isEqualTo(202);
        }

        WebDriver browser = Browser.loggedIn(base, alice);
        try {
            Browser.open(browser, "messages", "Messages");
            assertThat(browser.findElements(By.cssSelector("tr.message .text")).stream().map(WebElement::getText))
                    .containsExactly("lunch at noon?", "see you at the meeting");
            assertThat(Browser.row(browser, "tr.message", "lunch").findElement(By.cssSelector(".sender")).getText())
                    .contains(bob);

            Browser.row(browser, "tr.message", "lunch at noon?").findElement(By.cssSelector("input[value='Mark read']")).click();
            submitted(browser, "is read: it is no longer kept");
            assertThat(browser.findElements(By.cssSelector("tr.message .text")).stream().map(WebElement::getText))
                    .containsExactly("see you at the meeting");
            assertThat(kept(alice)).singleElement().satisfies(m -> assertThat(m.getString("contentType"))
                    .startsWith("message/cpim"));

            send(browser, bob, "yes, at noon");
            submitted(browser, "Sent to sip:" + bob + "@liaison.test.");
            assertThat(kept(bob)).singleElement().satisfies(m -> {
                assertThat(m.getString("text")).isEqualTo("yes, at noon");
                assertThat(m.getString("from")).contains(alice);
            });
            Browser.screenshot(browser, "portal-messages");
        } catch (RuntimeException | AssertionError e) {
            Browser.screenshot(browser, "portal-messages-failure");
            throw e;
        } finally {
            browser.quit();
        }
    }

    @Test
    void aMessageThePageCannotSendSaysWhyAndNothingIsKept() {
        String alice = user("webalice");
        String bob = user("webbob");
        WebDriver browser = Browser.loggedIn(base, alice);
        try {
            Browser.open(browser, "messages", "Messages");
            assertThat(browser.findElement(By.id("none")).getText()).contains("No message is waiting");

            send(browser, "bob@elsewhere.test", "hello");
            submitted(browser, "is in another domain (elsewhere.test): no relay to it");

            send(browser, "sip:nosuchgroup@groups.liaison.test", "hello");
            submitted(browser, "There is no group nosuchgroup that you are a member of.");

            send(browser, bob, " ");
            submitted(browser, "Write a message first: nothing was sent.");
            assertThat(kept(bob)).isEmpty();
        } catch (RuntimeException | AssertionError e) {
            Browser.screenshot(browser, "portal-messages-refused-failure");
            throw e;
        } finally {
            browser.quit();
        }
    }
}
