package dev.hypervisor.e2e;

import static dev.hypervisor.e2e.Gateway.PASSWORD;
import static dev.hypervisor.e2e.Gateway.as;
import static dev.hypervisor.e2e.Gateway.deploymentRequest;
import static dev.hypervisor.e2e.Gateway.newCluster;
import static dev.hypervisor.e2e.Gateway.newOrganization;
import static dev.hypervisor.e2e.Gateway.submit;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web console in a real headless Chromium, through the gateway of the local stack: sign in, a cluster's bars
 * following a deployment that starts, a pending reason, a submission previewed by a dry run, a timeline updating
 * live from its stream, and a cancel. Each page is saved as a screenshot under target/console-screenshots.
 */
@ExtendWith(SharedStack.class)
class ConsoleIT {

    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    /** How long the console may take to show a change: it follows the streams, so this is only a ceiling. */
    private static final Duration SHOWS_WITHIN = Duration.ofSeconds(20);

    private ChromeDriver browser;
    private WebDriverWait waitFor;

    @BeforeEach
    void openBrowser() {
        Chromium.assumeInstalled();
        browser = Chromium.open(1280, 900);
        // Live parts are drawn again on every event, so an element found a moment ago may be gone: ask again.
        waitFor = new WebDriverWait(browser, SHOWS_WITHIN);
        waitFor.ignoring(StaleElementReferenceException.class);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aMemberWatchesTheirClusterSubmitsWithAPreviewAndCancels(StackUnderTest stack) throws Exception {
        String username = "console-" + UUID.randomUUID().toString().substring(0, 8);
        JsonPath organization = newOrganization(stack, username);
        String token = organization.getString("accessToken");
        String cluster = newCluster(stack, token, organization.getString("id"), "console-lab",
                Map.of("cpu", "4", "memory", "16Gi", "gpu", 1));
        as(stack, token).contentType(ContentType.JSON)
                .body(Map.of("quota", Map.of("cpu", "4", "memory", "16Gi", "gpu", 1), "default", true))
                .put("/api/v1/clusters/" + cluster + "/queues/research").then().statusCode(201);

        browser.get(stack.gateway() + "/console");
        signIn(username);
        waitFor.until(ExpectedConditions.textToBe(By.tagName("h1"), "Organizations and clusters"));
        assertThat(browser.findElement(By.id("view")).getText()).contains("Lab of " + username);
        screenshot("1-organizations");

        browser.findElement(By.linkText("console-lab")).click();
        waitFor.until(ExpectedConditions.textToBe(By.tagName("h1"), "console-lab"));
        assertThat(cpuBar().getAttribute("aria-valuenow")).isEqualTo("0");

        String resident = submit(stack, token, deploymentRequest(cluster, "resident", "LOW", "3"));
        waitFor.until(driver -> "cpu: 3 allocated, 1 available of 4".equals(cpuBar().getAttribute("aria-label")));
        assertThat(cpuBar().getAttribute("aria-valuenow")).isEqualTo("3");
        waitFor.until(ExpectedConditions.textToBePresentInElementLocated(By.id("running"), "resident"));
        waitFor.until(driver -> queueRow().equals(List.of("research (default)", "4 cpu, 16Gi memory, 1 gpu",
                "3 cpu, 1Gi memory", "0 cpu, 0 memory", "0.75", "1", "0")));

        submit(stack, token, deploymentRequest(cluster, "waiting", "LOW", "2"));
        waitFor.until(ExpectedConditions.textToBePresentInElementLocated(By.id("pending"), "QUOTA_EXHAUSTED"));
        waitFor.until(ExpectedConditions.textToBePresentInElementLocated(By.id("pending-total"), "1 waiting"));
        screenshot("2-cluster");

        fillSubmission("from-console", "2", "LOW");
        browser.findElement(By.id("preview")).click();
        waitFor.until(ExpectedConditions.textToBePresentInElementLocated(By.id("submit-outcome"),
                "Would wait: QUOTA_EXHAUSTED"));
        assertThat(as(stack, token).get("/api/v1/deployments?clusterId=" + cluster).then().statusCode(200)
                .extract().jsonPath().getList("items")).as("the preview stored nothing").hasSize(2);

        browser.findElement(By.cssSelector("#submit button[type=submit]")).click();
        waitFor.until(ExpectedConditions.textToBe(By.tagName("h1"), "from-console"));
        waitFor.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#timeline li[data-type=DeploymentQueued]")));
        waitFor.until(ExpectedConditions.textToBePresentInElementLocated(By.id("pending-reason"), "QUOTA_EXHAUSTED"));
        screenshot("3-deployment-pending");

        as(stack, token).post("/api/v1/deployments/" + resident + "/cancel").then().statusCode(200);
        waitFor.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#timeline li[data-type=DeploymentPlaced]")));
        waitFor.until(ExpectedConditions.textToBe(By.id("status"), "RUNNING"));
        screenshot("4-deployment-running");

        waitFor.until(driver -> {
            driver.findElement(By.id("cancel")).click();
            return true;
        });
        waitFor.until(ExpectedConditions.textToBe(By.id("status"), "CANCELLED"));
        waitFor.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#timeline li[data-type=DeploymentCancelled]")));
        assertThat(browser.findElements(By.cssSelector("#timeline li")).stream().map(item -> item.getAttribute("data-type")))
                .containsSubsequence("DeploymentQueued", "DeploymentPlaced", "DeploymentCancelled");
        String submitted = browser.getCurrentUrl().replaceAll(".*#/deployments/", "");
        assertThat(as(stack, token).get("/api/v1/deployments/" + submitted).then().statusCode(200)
                .extract().jsonPath().getString("status")).isEqualTo("CANCELLED");
        screenshot("5-deployment-cancelled");

        browser.manage().window().setSize(new Dimension(390, 844));
        browser.get(stack.gateway() + "/console/#/clusters/" + cluster);
        waitFor.until(ExpectedConditions.textToBe(By.tagName("h1"), "console-lab"));
        Object overflow = ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertThat(((Number) overflow).intValue()).as("the page is no wider than a phone's screen").isLessThanOrEqualTo(0);
        screenshot("6-cluster-phone");
    }

    private void signIn(String username) {
        waitFor.until(ExpectedConditions.presenceOfElementLocated(By.id("sign-in")));
        browser.findElement(By.name("username")).sendKeys(username);
        browser.findElement(By.name("password")).sendKeys(PASSWORD);
        browser.findElement(By.cssSelector("#sign-in button[type=submit]")).click();
    }

    private void fillSubmission(String name, String cpu, String priority) {
        WebElement form = browser.findElement(By.id("submit"));
        form.findElement(By.name("name")).sendKeys(name);
        form.findElement(By.name("image")).sendKeys(Gateway.IMAGE);
        WebElement cpuField = form.findElement(By.name("cpu"));
        cpuField.clear();
        cpuField.sendKeys(cpu);
        new Select(form.findElement(By.name("priority"))).selectByVisibleText(priority);
    }

    /** The cells of the queues table's first row, as the page shows them. */
    private List<String> queueRow() {
        return browser.findElements(By.cssSelector("#queues tbody tr:first-child td")).stream()
                .map(WebElement::getText).toList();
    }

    private WebElement cpuBar() {
        return browser.findElement(By.cssSelector("[data-resource=cpu] [role=meter]"));
    }

    private void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOTS.resolve(name + ".png"),
                StandardCopyOption.REPLACE_EXISTING);
    }
}
