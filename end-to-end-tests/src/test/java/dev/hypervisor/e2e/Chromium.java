package dev.hypervisor.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The system's headless Chromium (Debian's {@code chromium} and {@code chromium-driver} packages), driven through
 * its own chromedriver: nothing downloads a browser or a driver. Without them the browser tests are skipped and
 * say how to install them, unless {@code HV_BROWSER_TESTS=required} (CI's setting) makes their absence a failure.
 */
final class Chromium {

    private static final Path BROWSER = Path.of(System.getenv().getOrDefault("HV_CHROMIUM", "/usr/bin/chromium"));
    private static final Path DRIVER = Path.of(System.getenv().getOrDefault("HV_CHROMEDRIVER", "/usr/bin/chromedriver"));
    private static final String HOW_TO_INSTALL = "the console's browser tests need Chromium and its driver at " + BROWSER
            + " and " + DRIVER + " (on Debian or Ubuntu: apt-get update && apt-get install -y chromium chromium-driver;"
            + " elsewhere set HV_CHROMIUM and HV_CHROMEDRIVER)";

    private Chromium() {
    }

    /** Skips the calling test when Chromium is missing, or fails it when the browser tests are required. */
    static void assumeInstalled() {
        if (Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER)) {
            return;
        }
        if ("required".equals(System.getenv("HV_BROWSER_TESTS"))) {
            Assertions.fail("HV_BROWSER_TESTS=required, but " + HOW_TO_INSTALL);
        }
        System.out.println("SKIPPED: " + HOW_TO_INSTALL);
        Assumptions.abort("skipped: " + HOW_TO_INSTALL);
    }

    /** A new headless browser window of this size (CSS pixels). */
    static ChromeDriver open(int width, int height) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=" + width + "," + height, "--lang=en-GB");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }
}
