package dev.liaison.it;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real browser for the tests: Chromium, headless, driven through chromedriver. Both come from
 * the system ({@code scripts/install-test-tools.sh} installs them); their paths can be set with
 * {@code liaison.it.chromium} and {@code liaison.it.chromedriver}.
 */
public final class Browser {

    private Browser() {
    }

    public static WebDriver open() {
        String chromium = System.getProperty("liaison.it.chromium", "/usr/bin/chromium");
        String chromedriver = System.getProperty("liaison.it.chromedriver", "/usr/bin/chromedriver");
        if (!new File(chromium).canExecute() || !new File(chromedriver).canExecute()) {
            throw new IllegalStateException("No browser for the tests at " + chromium + " and " + chromedriver
                    + ": run scripts/install-test-tools.sh");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        // no sandbox: the tests may run as root; no background traffic: the tests talk to localhost only
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,1600");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(chromedriver))
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return driver;
    }

    /** How long a page may take to show what a test waits for. */
    public static final Duration WAIT = Duration.ofSeconds(30);

    /** A browser logged in to the portal at {@code base} as {@code username} (password {@link Accounts#password}). */
    public static WebDriver loggedIn(java.net.URL base, String username) {
        WebDriver browser = open();
        browser.get(base + "portal/");
        browser.findElement(By.id("j_username")).sendKeys(username);
        browser.findElement(By.id("j_password")).sendKeys(Accounts.password(username));
        browser.findElement(By.cssSelector("#login button")).click();
        new WebDriverWait(browser, WAIT).ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElement(By.id("current-user")).getText().equals(username));
        return browser;
    }

    /** Follows the portal's tab {@code tab} until the page's heading is {@code heading}. */
    public static void open(WebDriver browser, String tab, String heading) {
        browser.findElement(By.id("nav-" + tab)).click();
        new WebDriverWait(browser, WAIT).ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElement(By.tagName("h1")).getText().equals(heading));
    }

    /** The first of the rows {@code rows} (a CSS selector) whose text contains {@code text}. */
    public static WebElement row(WebDriver browser, String rows, String text) {
        return browser.findElements(By.cssSelector(rows)).stream().filter(r -> r.getText().contains(text))
                .findFirst().orElseThrow(() -> new AssertionError("no row with " + text + " in " + browser.getPageSource()));
    }

    /** Keeps what the browser shows, for a person to look at when a test fails. */
    public static void screenshot(WebDriver driver, String name) {
        try {
            Path target = Path.of("target", "screenshots", name + ".png");
            Files.createDirectories(target.getParent());
            Files.write(target, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException | RuntimeException e) {
            System.err.println("no screenshot " + name + ": " + e);
        }
    }
}
