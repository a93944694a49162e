package dev.amends.survey.support;

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
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Chromium headless, driven by Selenium through chromedriver (installed from Debian packages when missing). */
public final class Chromium {

    /** Installs Chromium and chromedriver unless they are there (src/test/browser/ensure-chromium). */
    public static void ensureInstalled() throws Exception {
        Process install = new ProcessBuilder("src/test/browser/ensure-chromium").inheritIO().start();
        assertThat(install.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(install.exitValue()).as("src/test/browser/ensure-chromium").isZero();
    }

    /** A browser window of the given size in CSS pixels. */
    public static WebDriver open(int width, int height) {
        ChromeOptions options = new ChromeOptions()
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                        "--window-size=" + width + "," + height);
        options.setBinary(executable("chromium"));
        ChromeDriverService driver = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(executable("chromedriver"))).usingAnyFreePort().build();
        return new ChromeDriver(driver, options);
    }

    /** Saves what the browser shows to target/{name}. */
    public static void screenshot(WebDriver browser, String name) throws Exception {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), Path.of("target", name), StandardCopyOption.REPLACE_EXISTING);
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
