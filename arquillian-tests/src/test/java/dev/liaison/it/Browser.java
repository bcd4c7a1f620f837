package dev.liaison.it;

import org.openqa.selenium.OutputType;
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
