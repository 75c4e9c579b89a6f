package nl.regiopool.docs;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import nl.regiopool.testing.Directories;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The docs page in Debian's headless chromium, driven through its chromedriver, as a person uses it: open the page,
 * enter a token under Authorize, "Try it out" an operation and read the answer shown in the page. One browser for
 * all of a test class (starting it is the slow part). Missing packages fail the test: they are not optional.
 */
public final class DocsBrowser implements AutoCloseable {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(30);

    /** An operation's answer as the page shows it. */
    public record Execution(int status, String body) {
    }

    private final Path profile;
    private final ChromeDriver driver;
    private final WebDriverWait wait;

    private DocsBrowser(Path profile, ChromeDriver driver) {
        this.profile = profile;
        this.driver = driver;
        this.wait = new WebDriverWait(driver, WAIT);
        // Swagger UI (React) may replace an element between finding and reading it
        wait.ignoring(StaleElementReferenceException.class);
    }

    /**
     * Starts chromium. The network here is closed: without these flags chromium waits on Google's hosts (sync,
     * component updates, field trials) and the session hangs.
     */
    public static DocsBrowser start() throws IOException {
        for (Path program : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(program)) {
                throw new IllegalStateException(program + " is missing: install Debian's chromium and chromium-driver"
                        + " (apt-get install chromium chromium-driver; .ci/run does)");
            }
        }
        Path profile = Files.createTempDirectory("regiopool-chromium-");
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                .addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--disable-dev-shm-usage", "--window-size=1280,1024", "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort()
                .build();
        try {
            return new DocsBrowser(profile, new ChromeDriver(service, options));
        } catch (RuntimeException e) {
            Directories.delete(profile);
            throw e;
        }
    }

    /** Opens the page and waits until Swagger UI has rendered the contract's operations. */
    public void open(URI page) {
        driver.get(page.toString());
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".opblock-tag")));
    }

    /** The tags (operation groups) the page shows. */
    public List<String> tags() {
        return driver.findElements(By.cssSelector("h3.opblock-tag")).stream()
                .map(tag -> tag.getDomAttribute("data-tag")).toList();
    }

    /** Enters the bearer token under Authorize: every later "Try it out" sends it. */
    public void authorize(String token) {
        driver.findElement(By.cssSelector(".scheme-container button.authorize")).click();
        WebElement modal = await(driver.findElement(By.tagName("body")), ".modal-ux");
        await(modal, "input").sendKeys(token);
        await(modal, "button.authorize[type=submit]").click();
        await(modal, "button.btn-done").click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".modal-ux")));
    }

    /**
     * "Try it out" of one operation (found by its tag and operationId), with the parameters typed into their fields
     * by name; returns the answer the page shows.
     */
    public Execution tryOut(String tag, String operationId, Map<String, String> parameters) {
        WebElement operation = driver.findElement(By.id("operations-" + tag + "-" + operationId));
        if (operation.findElements(By.cssSelector("button.try-out__btn")).isEmpty()) {
            operation.findElement(By.cssSelector(".opblock-summary-control")).click();
        }
        WebElement tryOut = await(operation, "button.try-out__btn");
        if (!tryOut.getDomAttribute("class").contains("cancel")) {
            tryOut.click();
        }
        parameters.forEach((name, value) -> {
            WebElement field = await(operation, "tr[data-param-name='" + name + "'] input");
            field.clear();
            field.sendKeys(value);
        });
        await(operation, "button.execute").click();
        String status = await(operation, ".live-responses-table .response .response-col_status").getText();
        String body = await(operation, ".live-responses-table .response-col_description pre").getText();
        return new Execution(Integer.parseInt(status.trim().split("\\s+")[0]), body);
    }

    /** The first visible element under {@code scope} that matches {@code css}, once the page shows one. */
    private WebElement await(WebElement scope, String css) {
        return wait.until(page -> scope.findElements(By.cssSelector(css)).stream()
                .filter(WebElement::isDisplayed).findFirst().orElse(null));
    }

    /** The console errors (and failed loads) since the last call: the browser's log at SEVERE. */
    public List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::toString).toList();
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            Directories.delete(profile);
        }
    }
}
