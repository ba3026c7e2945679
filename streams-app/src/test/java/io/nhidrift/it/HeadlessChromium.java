package io.nhidrift.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.devtools.DevTools;
import org.openqa.selenium.devtools.v156.browser.Browser;
import org.openqa.selenium.devtools.v156.browser.model.PermissionType;
import org.openqa.selenium.devtools.v156.log.Log;
import org.openqa.selenium.devtools.v156.log.model.LogEntry;
import org.openqa.selenium.devtools.v156.runtime.Runtime;
import org.openqa.selenium.devtools.v156.runtime.model.ConsoleAPICalled;
import org.openqa.selenium.devtools.v156.runtime.model.RemoteObject;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's {@code chromium}, headless, driven by its {@code chromium-driver} (never a browser or driver downloaded at
 * run time), with every JavaScript error of the page collected through the DevTools protocol: uncaught exceptions and
 * rejected promises ({@code Runtime.exceptionThrown}), {@code console.error}, and errors the browser logs about
 * scripts or security (a Content-Security-Policy violation, say). Failed network requests are not counted: the console
 * calls routes that may answer 404 on purpose (a feature this server lacks) and shows that to the analyst.
 */
final class HeadlessChromium implements AutoCloseable {

    static final List<Path> BROWSERS = List.of(Path.of("/usr/bin/chromium"), Path.of("/usr/bin/chromium-browser"));
    static final List<Path> DRIVERS = List.of(Path.of("/usr/bin/chromedriver"), Path.of("/usr/lib/chromium/chromedriver"));

    final ChromeDriver driver;
    private final DevTools devTools;
    private final List<String> errors = new ArrayList<>();

    private HeadlessChromium(Path browser, Path chromedriver) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1440,1250", "--no-first-run", "--disable-extensions", "--disable-sync",
                "--disable-background-networking", "--disable-component-update", "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        this.devTools = driver.getDevTools();
        devTools.createSession();
        devTools.send(Runtime.enable());
        devTools.send(Log.enable());
        devTools.addListener(Runtime.exceptionThrown(), e -> record("uncaught " + e.getExceptionDetails().getText() + " "
                + e.getExceptionDetails().getException().flatMap(RemoteObject::getDescription).orElse("")
                + " at " + e.getExceptionDetails().getUrl().orElse("?") + ":" + e.getExceptionDetails().getLineNumber()));
        devTools.addListener(Runtime.consoleAPICalled(), e -> {
            if (e.getType() == ConsoleAPICalled.Type.ERROR || e.getType() == ConsoleAPICalled.Type.ASSERT) {
                record("console." + e.getType() + ": " + e.getArgs().stream()
                        .map(a -> a.getDescription().or(() -> a.getValue().map(String::valueOf)).orElse("?"))
                        .collect(Collectors.joining(" ")));
            }
        });
        devTools.addListener(Log.entryAdded(), e -> {
            if (e.getLevel() == LogEntry.Level.ERROR && e.getSource() != LogEntry.Source.NETWORK) {
                record("browser log (" + e.getSource() + "): " + e.getText() + " " + e.getUrl().orElse(""));
            }
        });
    }

    /**
     * Starts chromium. Fails (never skips) when it or its driver is missing: {@code .ci/run} installs both, and on a
     * developer's machine the message says how.
     */
    static HeadlessChromium start() {
        Path browser = first(BROWSERS);
        Path chromedriver = first(DRIVERS);
        if (browser == null || chromedriver == null) {
            fail("the console's browser test needs Debian's chromium and chromium-driver (" + (browser == null ? "no browser in "
                    + BROWSERS : "no driver in " + DRIVERS) + "); install them: sudo apt-get install -y chromium chromium-driver"
                    + " (.ci/run does this by itself when they are missing)");
        }
        return new HeadlessChromium(browser, chromedriver);
    }

    private static Path first(List<Path> candidates) {
        return candidates.stream().filter(Files::isExecutable).findFirst().orElse(null);
    }

    private synchronized void record(String error) {
        errors.add(error);
    }

    synchronized List<String> errors() {
        return List.copyOf(errors);
    }

    /** Fails the test if the page has thrown or logged a JavaScript error so far. */
    void assertNoJavaScriptErrors(String when) {
        assertEquals(List.of(), errors(), "JavaScript errors " + when);
    }

    /** Waits for {@code condition} to hold (non-null, non-false) at most {@code seconds}; fails with {@code what}. */
    <T> T await(String what, int seconds, Function<WebDriver, T> condition) {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(seconds), Duration.ofMillis(200));
        wait.ignoring(StaleElementReferenceException.class); // the page re-rendered between finding and reading
        wait.withMessage(() -> what + " (JavaScript errors so far: " + errors() + ")");
        return wait.until(condition::apply);
    }

    /** Lets pages of {@code origin} write and read the clipboard (headless Chromium asks nobody, it refuses). */
    void allowClipboard(String origin) {
        devTools.send(Browser.grantPermissions(List.of(PermissionType.CLIPBOARDREADWRITE, PermissionType.CLIPBOARDSANITIZEDWRITE),
                Optional.of(origin), Optional.empty()));
    }

    /** Writes what the browser shows to {@code dir/name}. */
    void screenshot(Path dir, String name) throws IOException {
        Files.createDirectories(dir);
        Files.write(dir.resolve(name), driver.getScreenshotAs(OutputType.BYTES));
    }

    @Override
    public void close() {
        try {
            devTools.close();
        } finally {
            driver.quit();
        }
    }
}
