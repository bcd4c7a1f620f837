package dev.liaison.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;

import static dev.liaison.it.LiaisonClient.object;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The join page in a real browser: two participants open their invitation links in Chromium,
 * one draws on the whiteboard and writes in the room, the other sees both.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BrowserSpaceIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.liaisonEar();
    }

    @ArquillianResource
    URL base;

    @BeforeAll
    static void mailServer() {
        TestMailServer.start();
    }

    private String user(String prefix) {
        String username = Names.unique(prefix);
        assertThat(LiaisonClient.as(base, "admin", "admin").postJson("api/users",
                Names.userJson(username, "password-" + username)).statusCode()).isEqualTo(201);
        return username;
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

            new WebDriverWait(benBrowser, WAIT).until(d -> inkAtCentreOfStroke(d) > 0);
            assertThat(inkAtCentreOfStroke(annBrowser)).as("the drawer sees the stroke too").isPositive();
            assertThat(inkAt(benBrowser, 0.9, 0.9)).as("elsewhere the board is blank").isZero();

            annBrowser.findElement(By.id("text")).sendKeys("Here is the flow");
            annBrowser.findElement(By.cssSelector("#say button")).click();
            waitFor(benBrowser, "Here is the flow", By.id("messages"));
            assertThat(benBrowser.findElement(By.cssSelector("#messages .author")).getText()).isEqualTo("Test " + ann);
            Browser.screenshot(benBrowser, "whiteboard-viewer");

            benBrowser.findElement(By.id("clear")).click();
            new WebDriverWait(annBrowser, WAIT).until(d -> inkAtCentreOfStroke(d) == 0);
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

    /** The stroke goes from a quarter to a half of the board; the point at 3/8 lies on it. */
    private static long inkAtCentreOfStroke(WebDriver browser) {
        return inkAt(browser, 0.375, 0.375);
    }

    /** The alpha of the board's pixel at these fractions of its size, summed over a 5×5 square. */
    private static long inkAt(WebDriver browser, double x, double y) {
        Object alpha = ((JavascriptExecutor) browser).executeScript(
                "var c = document.getElementById('board');"
                        + "var d = c.getContext('2d').getImageData(Math.round(arguments[0] * c.width) - 2, Math.round(arguments[1] * c.height) - 2, 5, 5).data;"
                        + "var sum = 0; for (var i = 3; i < d.length; i += 4) { sum += d[i]; } return sum;", x, y);
        return ((Number) alpha).longValue();
    }

    private static String invitationLink(String username, String sessionId) {
        return Mailboxes.await(username + "@example.com",
                m -> sessionId.equals(m.session()) && m.subject().startsWith("Invitation"), 1, WAIT).get(0).joinLink();
    }

}
