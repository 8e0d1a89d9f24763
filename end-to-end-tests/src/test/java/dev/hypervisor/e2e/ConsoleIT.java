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
import org.openqa.selenium.Keys;
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

        Map<String, Object> residentRequest = deploymentRequest(cluster, "resident", "LOW", "3");
        residentRequest.put("maxRunDuration", "1h"); // so what waits for it has an estimated start
        String resident = submit(stack, token, residentRequest);
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
        assertThat(browser.findElement(By.id("pending-reason")).getText())
                .as("it waits for the resident, which may run an hour").contains("Estimated start");
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

    @Test
    void theSessionIsRefreshedBeforeItsTokenRunsOutAndWhenTheApiRefusesIt(StackUnderTest stack) {
        String username = "refresh-" + UUID.randomUUID().toString().substring(0, 8);
        JsonPath organization = newOrganization(stack, username);
        newCluster(stack, organization.getString("accessToken"), organization.getString("id"), "refresh-lab",
                Map.of("cpu", "4", "memory", "16Gi", "gpu", 0));
        browser.get(stack.gateway() + "/console");
        waitFor.until(ExpectedConditions.presenceOfElementLocated(By.id("sign-in")));
        // The stack's tokens live 15 minutes: the sign-in's answer is made to say 7 seconds, as a stack with
        // short-lived tokens would, and every call the page makes is counted. Refreshes are the real API's.
        browser.executeScript(String.join("\n",
                "const realFetch = window.fetch;",
                "window.calls = { refreshes: 0, bearers: [], refuseNext: false };",
                "window.fetch = async (url, options = {}) => {",
                "  const bearer = (options.headers || {}).Authorization;",
                "  if (bearer && !window.calls.bearers.includes(bearer)) window.calls.bearers.push(bearer);",
                "  if (String(url).endsWith('/api/v1/auth/refresh')) window.calls.refreshes++;",
                "  if (bearer && window.calls.refuseNext) {",
                "    window.calls.refuseNext = false;",
                "    return new Response('{\"status\":401,\"title\":\"Unauthorized\"}',",
                "        { status: 401, headers: { 'Content-Type': 'application/problem+json' } });",
                "  }",
                "  const answer = await realFetch(url, options);",
                "  if (!String(url).endsWith('/api/v1/auth/login') || !answer.ok) return answer;",
                "  const pair = await answer.json();",
                "  return new Response(JSON.stringify({ ...pair, expiresIn: 7 }),",
                "      { status: answer.status, headers: answer.headers });",
                "};"));
        signIn(username);
        waitFor.until(ExpectedConditions.textToBe(By.tagName("h1"), "Organizations and clusters"));

        waitFor.until(driver -> calls("refreshes") >= 1);
        browser.findElement(By.linkText("refresh-lab")).click();
        waitFor.until(ExpectedConditions.textToBe(By.tagName("h1"), "refresh-lab"));
        assertThat(calls("bearers")).as("the page asks with the refreshed token").isGreaterThanOrEqualTo(2);

        browser.executeScript("window.calls.refuseNext = true;");
        browser.findElement(By.cssSelector("a.brand")).click();
        waitFor.until(ExpectedConditions.textToBe(By.tagName("h1"), "Organizations and clusters"));
        assertThat(calls("refreshes")).as("a 401 refreshed the token once more").isGreaterThanOrEqualTo(2);
        assertThat(browser.findElement(By.id("view")).getText()).contains("refresh-lab");
        assertThat(browser.findElements(By.id("sign-in"))).as("nobody was asked to sign in again").isEmpty();
    }

    @Test
    void theKeyboardAloneSignsInOpensAClusterSubmitsAndCancels(StackUnderTest stack) {
        String username = "keys-" + UUID.randomUUID().toString().substring(0, 8);
        JsonPath organization = newOrganization(stack, username);
        String cluster = newCluster(stack, organization.getString("accessToken"), organization.getString("id"),
                "keyboard-lab", Map.of("cpu", "4", "memory", "16Gi", "gpu", 0));
        browser.get(stack.gateway() + "/console");
        waitFor.until(ExpectedConditions.presenceOfElementLocated(By.id("sign-in")));

        assertThat(focused().getAttribute("name")).as("the sign-in starts in the username field").isEqualTo("username");
        focused().sendKeys(username, Keys.TAB);
        focused().sendKeys(PASSWORD, Keys.ENTER);
        waitFor.until(ExpectedConditions.textToBe(By.tagName("h1"), "Organizations and clusters"));

        tabUntil(element -> "keyboard-lab".equals(element.getText()));
        assertThat(outlineOf(focused())).as("the focused link shows it").isNotEqualTo("none");
        focused().sendKeys(Keys.ENTER);
        waitFor.until(ExpectedConditions.textToBe(By.tagName("h1"), "keyboard-lab"));

        tabUntil(element -> "name".equals(element.getAttribute("name")));
        focused().sendKeys("typed", Keys.TAB);
        focused().sendKeys(Gateway.IMAGE);
        focused().sendKeys(Keys.ENTER); // Enter in a field submits its form
        waitFor.until(ExpectedConditions.textToBe(By.tagName("h1"), "typed"));
        waitFor.until(ExpectedConditions.textToBe(By.id("status"), "RUNNING"));

        tabUntil(element -> "cancel".equals(element.getAttribute("id")));
        focused().sendKeys(Keys.SPACE);
        waitFor.until(ExpectedConditions.textToBe(By.id("status"), "CANCELLED"));
        String submitted = browser.getCurrentUrl().replaceAll(".*#/deployments/", "");
        assertThat(as(stack, organization.getString("accessToken")).get("/api/v1/deployments/" + submitted).then()
                .statusCode(200).extract().jsonPath().getString("clusterId")).isEqualTo(cluster);
    }

    private long calls(String what) {
        Object value = browser.executeScript("const v = window.calls." + what
                + "; return Array.isArray(v) ? v.length : v;");
        return ((Number) value).longValue();
    }

    private WebElement focused() {
        return browser.switchTo().activeElement();
    }

    /** Presses Tab until the focused element is the one wanted; fails if it never comes. */
    private void tabUntil(java.util.function.Predicate<WebElement> wanted) {
        waitFor.until(driver -> {
            for (int presses = 0; presses < 80; presses++) {
                if (wanted.test(focused())) {
                    return true;
                }
                focused().sendKeys(Keys.TAB);
            }
            return false;
        });
    }

    private String outlineOf(WebElement element) {
        return element.getCssValue("outline-style");
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
