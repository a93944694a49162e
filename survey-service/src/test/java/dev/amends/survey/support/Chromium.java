package dev.amends.survey.support;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Chromium headless, driven by Selenium through chromedriver (installed from Debian packages when
 * missing), and axe-core (the version src/test/browser/package-lock.json pins, from npm) to check
 * what it shows.
 */
public final class Chromium {

    private static final Path BROWSER_TOOLS = Path.of("src/test/browser");
    private static final Path AXE = BROWSER_TOOLS.resolve("node_modules/axe-core/axe.min.js");
    private static final String RUN_AXE = "const done = arguments[arguments.length - 1];"
            + "axe.run(document).then(result => done(result.violations.map(violation =>"
            + "  violation.id + ': ' + violation.help + ' (' + violation.nodes.map(node => node.target).join(', ') + ')')))"
            + ".catch(error => done(['axe-core failed: ' + error]));";

    /** Installs Chromium, chromedriver (src/test/browser/ensure-chromium) and axe-core unless they are there. */
    public static void ensureInstalled() throws Exception {
        run(new ProcessBuilder(BROWSER_TOOLS.resolve("ensure-chromium").toString()));
        if (!Files.exists(AXE)) {
            run(new ProcessBuilder("npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund").directory(BROWSER_TOOLS.toFile()));
        }
    }

    /** A browser window of the given size in CSS pixels. */
    public static WebDriver open(int width, int height) {
        return open(width, height, "en-GB");
    }

    /** A browser window whose person reads {@code language} (its Accept-Language). */
    public static WebDriver open(int width, int height, String language) {
        ChromeOptions options = new ChromeOptions()
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                        "--window-size=" + width + "," + height, "--lang=" + language);
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
        options.setBinary(executable("chromium"));
        ChromeDriverService driver = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(executable("chromedriver"))).usingAnyFreePort().build();
        ChromeDriver browser = new ChromeDriver(driver, options);
        resize(browser, width, height);
        return browser;
    }

    /** Headless Chromium keeps its window at least 500 pixels wide, so the viewport is set exactly instead. */
    public static void resize(WebDriver browser, int width, int height) {
        ((ChromeDriver) browser).executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", width < 600));
    }

    /** What axe-core finds wrong with the page the browser shows, one line per rule broken. */
    @SuppressWarnings("unchecked")
    public static List<String> accessibilityViolations(WebDriver browser) throws Exception {
        JavascriptExecutor page = (JavascriptExecutor) browser;
        page.executeScript(Files.readString(AXE));
        return (List<String>) page.executeAsyncScript(RUN_AXE);
    }

    /** How far the page scrolls sideways, in CSS pixels (0 or less: not at all). */
    public static long sidewaysScroll(WebDriver browser) {
        return (Long) ((JavascriptExecutor) browser)
                .executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
    }

    /** Saves what the browser shows to target/{name}. */
    public static void screenshot(WebDriver browser, String name) throws Exception {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), Path.of("target", name), StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Runs an installer with its output in target/browser-tools.log and no input: surefire talks to this JVM
     * over its standard streams, and apt-get or npm reading or writing them breaks that channel.
     */
    private static void run(ProcessBuilder command) throws Exception {
        Path log = Path.of("target", "browser-tools.log");
        Process process = command.redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        process.getOutputStream().close();
        String what = String.join(" ", command.command()) + " (see " + log + ")";
        assertThat(process.waitFor(10, TimeUnit.MINUTES)).as(what).isTrue();
        assertThat(process.exitValue()).as(what).isZero();
    }

    private static String executable(String name) {
        for (String folder : System.getenv("PATH").split(File.pathSeparator)) {
            Path candidate = Path.of(folder, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new IllegalStateException(name + " is not on the PATH");
    }

    private Chromium() {
    }
}
