package dev.liaison.it;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static dev.liaison.it.LiaisonClient.object;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The join page in a real browser: two participants open their invitation links in Chromium,
 * one draws on the whiteboard and writes in the room, the other sees both.
 */
class BrowserSpaceIT extends LiaisonIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @BeforeAll
    static void mailServer() {
        TestMailServer.start();
    }

    @Test
    void aStrokeDrawnInOneBrowserAppearsOnTheBoardOfTheOther() {
        String ann = user("drawer");
        String ben = user("viewer");
        HttpResponse<String> created = LiaisonClient.as(base, ann, "password-" + ann).postJson("api/sessions",
                "{\"type\":\"whiteboard\",\"title\":\"Sketch " + Names.unique("t") + "\",\"participants\":[\"" + ben + "\"]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = object(created).getString("id");
        String annLink = invitationLink(ann, id);
        String benLink = invitationLink(ben, id);

        WebDriver annBrowser = Browser.open();
        WebDriver benBrowser = Browser.open();
        try {
            annBrowser.get(annLink);
            benBrowser.get(benLink);
            waitFor(annBrowser, "connected", By.id("connection"));
            waitFor(benBrowser, "connected", By.id("connection"));
            waitFor(annBrowser, "Test " + ben, By.id("present"));
            assertThat(annBrowser.getCurrentUrl()).doesNotContain("credential=");

            WebElement board = annBrowser.findElement(By.id("board"));
            int width = board.getRect().getWidth();
            int height = board.getRect().getHeight();
            new Actions(annBrowser).moveToElement(board, -width / 4, -height / 4).clickAndHold()
                    .moveByOffset(width / 8, height / 8).moveByOffset(width / 8, height / 8).release().perform();

            new WebDriverWait(benBrowser, WAIT).until(d -> ink(d).get(0) > 0);
            List<Long> seenByBen = ink(benBrowser);
            List<Long> drawnByAnn = ink(annBrowser);
            assertThat(seenByBen.get(0)).as("the stroke is a line, not a dot").isGreaterThan(100);
            for (int i = 1; i < 5; i++) {
                assertThat(seenByBen.get(i)).as("both boards show the stroke in the same place")
                        .isCloseTo(drawnByAnn.get(i), org.assertj.core.data.Offset.offset(8L));
            }

            annBrowser.findElement(By.id("text")).sendKeys("Here is the flow");
            annBrowser.findElement(By.cssSelector("#say button")).click();
            waitFor(benBrowser, "Here is the flow", By.id("messages"));
            assertThat(benBrowser.findElement(By.cssSelector("#messages .author")).getText()).isEqualTo("Test " + ann);
            Browser.screenshot(benBrowser, "whiteboard-viewer");

            benBrowser.findElement(By.id("clear")).click();
            new WebDriverWait(annBrowser, WAIT).until(d -> ink(d).get(0) == 0);
        } catch (RuntimeException | AssertionError e) {
            Browser.screenshot(annBrowser, "whiteboard-drawer-failure");
            Browser.screenshot(benBrowser, "whiteboard-viewer-failure");
            throw e;
        } finally {
            annBrowser.quit();
            benBrowser.quit();
        }
    }

    private static void waitFor(WebDriver browser, String text, By where) {
        new WebDriverWait(browser, WAIT).until(d -> d.findElement(where).getText().contains(text));
    }

    /** How many pixels of the board are inked, and the box around them: [count, left, top, right, bottom]. */
    @SuppressWarnings("unchecked")
    private static List<Long> ink(WebDriver browser) {
        Object box = ((JavascriptExecutor) browser).executeScript(
                "var c = document.getElementById('board');"
                        + "var d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                        + "var n = 0, l = c.width, t = c.height, r = -1, b = -1;"
                        + "for (var y = 0; y < c.height; y++) { for (var x = 0; x < c.width; x++) {"
                        + "  if (d[(y * c.width + x) * 4 + 3] > 0) { n++; if (x < l) l = x; if (x > r) r = x; if (y < t) t = y; if (y > b) b = y; } } }"
                        + "return [n, l, t, r, b];");
        return ((List<Number>) box).stream().map(Number::longValue).toList();
    }

    private static String invitationLink(String username, String sessionId) {
        return Mailboxes.await(username + "@example.com",
                m -> sessionId.equals(m.session()) && m.subject().startsWith("Invitation"), 1, WAIT).get(0).joinLink();
    }

}
