package dev.meridian.local.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.function.Function;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through the system chromedriver: no driver or browser is
 * downloaded (Selenium Manager is never asked: both paths are given). Flags keep the browser off
 * the network beyond loopback (no component updates, sync, QUIC or background requests), and a
 * fresh profile directory per run.
 */
final class ConsoleBrowser implements AutoCloseable {
  static final String CHROMEDRIVER = "/usr/bin/chromedriver";

  private final ChromeDriver driver;
  private final Path screenshots;

  ConsoleBrowser(Path chromium, Path profile, Path screenshots) {
    this.screenshots = screenshots;
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.toFile());
    LoggingPreferences logging = new LoggingPreferences();
    logging.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logging);
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--disable-dev-shm-usage", "--window-size=1280,900",
        "--user-data-dir=" + profile);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(Path.of(CHROMEDRIVER).toFile()).usingAnyFreePort().build();
    this.driver = new ChromeDriver(service, options);
  }

  WebDriver driver() {
    return driver;
  }

  void open(String url) {
    driver.get(url);
  }

  WebElement find(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  /** Waits up to {@code limit} for {@code condition} to be truthy, re-checking every 250 ms. */
  <T> T await(Duration limit, Function<WebDriver, T> condition) {
    try {
      return new WebDriverWait(driver, limit, Duration.ofMillis(250))
          .ignoring(org.openqa.selenium.NoSuchElementException.class)
          .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
          .until(condition);
    } catch (org.openqa.selenium.TimeoutException e) {
      // What the page showed and what the browser logged: the failure's evidence.
      StringBuilder logs = new StringBuilder();
      driver.manage().logs().get(LogType.BROWSER).forEach(l -> logs.append(l).append('\n'));
      throw new AssertionError("waited " + limit + " on " + driver.getCurrentUrl() + "\npage: "
          + driver.findElement(By.tagName("body")).getText() + "\nbrowser log:\n" + logs, e);
    }
  }

  /** A PNG of the viewport as {@code name}.png in the screenshot folder. */
  void screenshot(String name) {
    try {
      Files.createDirectories(screenshots);
      Path png = driver.getScreenshotAs(OutputType.FILE).toPath();
      Files.copy(png, screenshots.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    driver.quit();
  }
}
