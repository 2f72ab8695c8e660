package dev.meridian.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.local.LocalOptions;
import dev.meridian.local.LocalRuntime;
import dev.meridian.local.TestAdmin;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The web console in a real browser: sign in with the bootstrap admin, open
 * every page, push an image with skopeo and watch it arrive in all three regions on the replica-
 * set map, redeliver a webhook delivery, follow a build's log, read the audit log. Screenshots of
 * each page go to {@code target/console-screenshots}, or to {@code -Dmeridian.screenshots=DIR}
 * (docs/images is made that way: docs/console.md).
 */
// A hang guard, not a speed check.
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ConsoleBrowserEndToEndTest {
  private static final Duration LIMIT = Duration.ofSeconds(90);
  private static final List<String> REGIONS = List.of("eastus", "westeurope", "canadacentral");

  @TempDir static Path work;
  static LocalRuntime runtime;
  static ConsoleBrowser browser;
  static Skopeo skopeo;
  static PlainHttp eastus;
  static String ui;

  @BeforeAll
  static void start() {
    Path chromium = RequiredTool.require("chromium", "apt-get install -y chromium chromium-driver");
    RequiredTool.require("chromedriver", "apt-get install -y chromium-driver");
    skopeo = Skopeo.locate(work);
    runtime = LocalRuntime.start(LocalOptions.ephemeralOnFreePorts());
    eastus = new PlainHttp(runtime.regionEndpoint("eastus"));
    ui = runtime.regionEndpoint("eastus").resolve("/ui/").toString();
    browser = new ConsoleBrowser(chromium, work.resolve("chromium-profile"), Path.of(
        System.getProperty("meridian.screenshots", "target/console-screenshots")));
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    if (runtime != null) {
      runtime.close();
    }
  }

  @Test
  void console_signedIn_showsEveryPageAndAPushArrivingInEveryRegion() throws Exception {
    createWebhook();
    browser.open(ui);
    browser.await(LIMIT, d -> d.findElement(By.id("signin")).isDisplayed());
    browser.screenshot("console-signin");
    browser.find("#username").sendKeys(TestAdmin.USER);
    browser.find("#password").sendKeys(TestAdmin.PASSWORD);
    browser.find("#signin-submit").click();
    browser.await(LIMIT, d -> d.findElement(By.id("user")).getText().equals(TestAdmin.USER));

    // The map first, so the push is seen arriving live.
    browser.open(ui + "#/replicas");
    browser.await(LIMIT, d -> d.findElement(By.cssSelector("#lag .card[data-region=canadacentral]")));
    OciLayout.Image image = pushImage("console/app", "v1");
    browser.await(LIMIT, d -> REGIONS.stream().allMatch(region -> "current".equals(
        d.findElement(By.cssSelector("tr[data-image='console/app:v1'] td[data-region="
            + region + "]")).getAttribute("data-state"))));
    browser.screenshot("console-replicas");

    browser.open(ui + "#/repositories");
    browser.await(LIMIT, d -> d.findElement(By.cssSelector("tr[data-repository='console/app']")));
    browser.screenshot("console-repositories");
    browser.open(ui + "#/repository/console%2Fapp");
    WebElement tag = browser.await(LIMIT, d -> d.findElement(By.cssSelector("tr[data-tag=v1]")));
    assertThat(tag.getText()).contains(image.manifestDigest().substring(7, 19)).contains("3 / 3");
    browser.screenshot("console-tags");

    browser.open(ui + "#/manifest/console%2Fapp/v1");
    browser.await(LIMIT, d -> d.findElement(By.id("config")).getText().contains("rootfs"));
    assertThat(browser.find("#manifest-json").getText()).contains(image.configDigest());
    browser.screenshot("console-manifest");

    String run = queueBuild();
    browser.open(ui + "#/builds");
    browser.await(LIMIT, d -> d.findElement(By.cssSelector("tr[data-run='" + run + "']")));
    browser.await(LIMIT, d -> d.findElement(By.id("run-log")).getText().contains("COPY"));
    browser.screenshot("console-builds");

    browser.open(ui + "#/webhooks");
    WebElement redeliver = browser.await(LIMIT, d -> d.findElement(
        By.cssSelector("#deliveries button[data-redeliver]")));
    String delivery = redeliver.getAttribute("data-redeliver");
    redeliver.click();
    browser.await(LIMIT, d -> d.findElement(By.cssSelector("tr[data-delivery='" + delivery
        + "'] button")).isEnabled());
    browser.screenshot("console-webhooks");

    browser.open(ui + "#/audit");
    browser.await(LIMIT, d -> d.findElement(By.cssSelector("#audit-table tr[data-action='image.push']")));
    browser.await(LIMIT, d -> d.findElements(By.cssSelector("#audit-chains .state-intact")).size()
        == REGIONS.size());
    assertThat(browser.find("#audit-table").getText()).contains("webhooks")
        .contains("token.grant").contains("console/app");
    browser.screenshot("console-audit");
  }

  @Test
  void consoleAssets_carryTheContentSecurityPolicy_andRefuseEscapes() {
    HttpResponse<byte[]> index = eastus.send(HttpRequest.newBuilder(URI.create(ui))
        .timeout(LIMIT).GET().build());
    HttpResponse<byte[]> escape = eastus.send(HttpRequest.newBuilder(URI.create(ui
        + "..%2f..%2fapplication.properties")).timeout(LIMIT).GET().build());

    assertThat(index.statusCode()).isEqualTo(200);
    assertThat(index.headers().firstValue("Content-Security-Policy")).get().asString()
        .contains("script-src 'self'").doesNotContain("unsafe");
    assertThat(new String(index.body(), StandardCharsets.UTF_8)).contains("app.js");
    assertThat(escape.statusCode()).isEqualTo(404);
  }

  private static OciLayout.Image pushImage(String repository, String tag) {
    Path source = work.resolve("console-source");
    OciLayout.Image image = OciLayoutBuilder.create(source)
        .layer(new OciLayoutBuilder.RandomFile("etc/console.bin", 4096, 7))
        .env("CONSOLE=1")
        .build(tag);
    ProcessRunner.Result push = skopeo.push(source, tag,
        runtime.regionEndpoint("eastus").getAuthority(), repository + ":" + tag);
    assertThat(push.succeeded()).as(push.describe()).isTrue();
    return image;
  }

  /** A webhook whose receiver refuses connections: its deliveries fail and are retried. */
  private static void createWebhook() {
    HttpResponse<byte[]> created = eastus.send(eastus.request("/meridian/v1/webhooks")
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"consolehook\",\"serviceUri\":"
            + "\"http://127.0.0.1:9/hook\",\"actions\":[\"push\"]}")).build());
    assertThat(created.statusCode()).as(PlainHttp.describe(created)).isEqualTo(201);
  }

  /** A build of {@code FROM scratch} + one file, queued through the builds API. */
  private static String queueBuild() throws IOException {
    byte[] context = contextTarGz("FROM scratch\nCOPY hello.txt /hello.txt\nLABEL from=console\n",
        "hello from the console test\n");
    HttpResponse<byte[]> upload = eastus.send(eastus.request("/meridian/v1/builds/contexts")
        .POST(HttpRequest.BodyPublishers.ofByteArray(context)).build());
    assertThat(upload.statusCode()).as(PlainHttp.describe(upload)).isBetween(200, 201);
    String ctx = new com.fasterxml.jackson.databind.ObjectMapper().readTree(upload.body())
        .path("context").asText();
    HttpResponse<byte[]> queued = eastus.send(eastus.request("/meridian/v1/builds")
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"context\":\"" + ctx
            + "\",\"images\":[\"console/built:{{.Run.ID}}\"]}")).build());
    assertThat(queued.statusCode()).as(PlainHttp.describe(queued)).isBetween(200, 202);
    return new com.fasterxml.jackson.databind.ObjectMapper().readTree(queued.body())
        .path("runId").asText();
  }

  /** The context as {@code tar -czf - -C dir .} makes it, as docs/builds.md's quick start. */
  private static byte[] contextTarGz(String dockerfile, String hello) throws IOException {
    Path dir = java.nio.file.Files.createDirectories(work.resolve("build-context"));
    java.nio.file.Files.writeString(dir.resolve("Dockerfile"), dockerfile);
    java.nio.file.Files.writeString(dir.resolve("hello.txt"), hello);
    Process tar = new ProcessBuilder("tar", "-czf", "-", "-C", dir.toString(), ".")
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    byte[] bytes = tar.getInputStream().readAllBytes();
    try {
      assertThat(tar.waitFor()).isZero();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return bytes;
  }
}
