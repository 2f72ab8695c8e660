package dev.meridian.builder;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.core.manifest.ManifestParser;
import dev.meridian.core.manifest.ParsedManifest;
import dev.meridian.core.oci.MediaTypes;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Builds through an in-memory region (core fakes + TestRegionApi.region(...).httpApi()) and reads back. */
class ImageBuilderTest {
  private static final String MULTI_STAGE = """
      # syntax=docker/dockerfile:1
      ARG BASE=scratch
      FROM ${BASE} AS build
      COPY --chown=1000:1000 --chmod=755 src/ /src/

      FROM scratch
      ARG VERSION=1.0
      ENV APP_HOME=/app \\
          VERSION=${VERSION}
      LABEL org.opencontainers.image.version="$VERSION" team="a b"
      WORKDIR $APP_HOME
      COPY --from=build /src/main.sh bin/
      COPY config/ ./config/
      USER 1000:1000
      EXPOSE 8080 9090/udp
      ENTRYPOINT ["/app/bin/main.sh"]
      CMD ["--serve"]
      """;

  private static TestTars appContext() {
    return new TestTars()
        .file("src/main.sh", "#!/bin/sh\necho hi\n", 0644)
        .file("src/notes.log", "debug", 0644)
        .file("config/app.json", "{}", 0600)
        .file("config/local.json", "{\"secret\":1}", 0644)
        .file(".dockerignore", "**/*.log\nconfig/local.json\n");
  }

  @Test
  void build_multiStage_pushesValidImageWithConfig() {
    BuilderRegistry r = new BuilderRegistry();
    BuildResult result = r.build(appContext(), Map.of("VERSION", "2.1"), MULTI_STAGE,
        "team/app:v1", "team/app:latest");

    assertThat(result).isInstanceOf(BuildResult.Succeeded.class);
    List<BuildResult.PushedImage> images = ((BuildResult.Succeeded) result).images();
    assertThat(images).extracting(i -> i.name().toString())
        .containsExactly("team/app:v1", "team/app:latest");
    assertThat(images.get(0).manifest()).isEqualTo(images.get(1).manifest());

    FetchedManifest fetched = r.manifest("team/app", "v1");
    assertThat(fetched.digest()).isEqualTo(images.get(0).manifest());
    ParsedManifest parsed = new ManifestParser().parse(fetched.bytes(), fetched.mediaType());
    assertThat(parsed.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
    assertThat(parsed.requiredBlobs()).hasSize(4); // config + WORKDIR + 2 COPY layers

    JsonNode config = r.config("team/app", "v1");
    assertThat(config.path("os").asText()).isEqualTo("linux");
    assertThat(config.path("architecture").asText()).isEqualTo("amd64");
    JsonNode c = config.path("config");
    assertThat(c.path("Env").toString()).isEqualTo("[\"PATH=/usr/local/sbin:/usr/local/bin:"
        + "/usr/sbin:/usr/bin:/sbin:/bin\",\"APP_HOME=/app\",\"VERSION=2.1\"]");
    assertThat(c.path("Labels").toString())
        .isEqualTo("{\"org.opencontainers.image.version\":\"2.1\",\"team\":\"a b\"}");
    assertThat(c.path("WorkingDir").asText()).isEqualTo("/app");
    assertThat(c.path("User").asText()).isEqualTo("1000:1000");
    assertThat(c.path("ExposedPorts").toString()).isEqualTo("{\"8080/tcp\":{},\"9090/udp\":{}}");
    assertThat(c.path("Entrypoint").toString()).isEqualTo("[\"/app/bin/main.sh\"]");
    assertThat(c.path("Cmd").toString()).isEqualTo("[\"--serve\"]");
    assertThat(config.path("rootfs").path("diff_ids")).hasSize(3);
    assertThat(config.path("history")).hasSize(9); // ARG leaves none
    assertThat(config.path("history").get(0).path("created_by").asText())
        .isEqualTo("ENV APP_HOME=/app \\\n    VERSION=${VERSION}".replace("\\\n", ""));

    // WORKDIR /app created the directory in its own layer
    assertThat(r.layer("team/app", "v1", 0)).containsOnlyKeys("app");
    // COPY --from=build: the file keeps the chown/chmod of the build stage
    Map<String, TestTars.Read> bin = r.layer("team/app", "v1", 1);
    assertThat(bin).containsOnlyKeys("app/bin", "app/bin/main.sh");
    assertThat(bin.get("app/bin/main.sh")).isEqualTo(
        new TestTars.Read('0', 0755, 1000, 1000, "#!/bin/sh\necho hi\n", ""));
    assertThat(bin.get("app/bin").type()).isEqualTo('5');
    // COPY from the context: root-owned, modes kept, .dockerignore applied
    Map<String, TestTars.Read> cfg = r.layer("team/app", "v1", 2);
    assertThat(cfg).containsOnlyKeys("app/config", "app/config/app.json");
    assertThat(cfg.get("app/config/app.json")).isEqualTo(
        new TestTars.Read('0', 0600, 0, 0, "{}", ""));
    assertThat(r.log).anyMatch(l -> l.startsWith("#") && l.contains("line 12: COPY --from=build"));
  }

  @Test
  void build_layer_isReadableBySystemTar() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        java.nio.file.Files.isExecutable(java.nio.file.Path.of("/usr/bin/tar")));
    BuilderRegistry r = new BuilderRegistry();
    r.build(appContext(), MULTI_STAGE, "team/app:v1");
    JsonNode manifest = r.json(r.manifest("team/app", "v1").bytes());
    java.nio.file.Path file = java.nio.file.Files.createTempFile("layer", ".tar.gz");
    try {
      java.nio.file.Files.write(file, r.blob("team/app", dev.meridian.core.oci.Digest.parse(
          manifest.path("layers").get(1).path("digest").asText())));
      Process tar = new ProcessBuilder("/usr/bin/tar", "--numeric-owner", "-tvzf",
          file.toString()).redirectErrorStream(true).start();
      String listing = new String(tar.getInputStream().readAllBytes());
      assertThat(tar.waitFor()).as(listing).isZero();
      assertThat(listing).contains("drwxr-xr-x 0/0", "app/bin/")
          .contains("-rwxr-xr-x 1000/1000", "app/bin/main.sh").contains("1970-01-01");
    } finally {
      java.nio.file.Files.delete(file);
    }
  }

  @Test
  void build_leavesNoTempFiles() throws Exception {
    java.nio.file.Path tmp = java.nio.file.Path.of(System.getProperty("java.io.tmpdir"));
    java.util.function.Supplier<Long> count = () -> {
      try (var s = java.nio.file.Files.list(tmp)) {
        return s.filter(p -> p.getFileName().toString().startsWith("meridian-build-")).count();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    };
    long before = count.get();
    new BuilderRegistry().build(appContext(), MULTI_STAGE, "team/app:v1");
    new BuilderRegistry().build(new TestTars(), "FROM scratch\nRUN x\n", "team/app:v1");
    assertThat(count.get()).isEqualTo(before);
  }

  @Test
  void build_sameInputTwice_sameDigests() {
    BuildResult first = new BuilderRegistry().build(appContext(), MULTI_STAGE, "team/app:v1");
    BuildResult second = new BuilderRegistry().build(appContext(), MULTI_STAGE, "team/app:v1");
    assertThat(((BuildResult.Succeeded) first).images().get(0).manifest())
        .isEqualTo(((BuildResult.Succeeded) second).images().get(0).manifest());
  }

  @Test
  void build_run_failsNamingInstructionAndLine() {
    BuilderRegistry r = new BuilderRegistry();
    BuildResult result = r.build(new TestTars().file("a", "x"),
        "FROM scratch\nCOPY a /a\n\nRUN echo hi\nCMD [\"x\"]\n", "team/app:v1");
    assertThat(result).isInstanceOfSatisfying(BuildResult.Failed.class, f -> {
      assertThat(f.line()).isEqualTo(4);
      assertThat(f.instruction()).isEqualTo("RUN");
      assertThat(f.system()).isFalse();
      assertThat(f.logLine()).startsWith("ERROR: line 4: RUN: RUN needs a container engine");
    });
    assertThat(r.log).last().asString().startsWith("ERROR: line 4: RUN");
    assertThat(r.source.manifest(dev.meridian.core.oci.RepositoryName.parse("team/app"), "v1"))
        .isEmpty();
  }

  @Test
  void build_unusedStageWithRun_isSkipped() {
    BuildResult result = new BuilderRegistry().build(new TestTars().file("a", "x"),
        "FROM scratch AS unused\nRUN make\nFROM scratch\nCOPY a /a\n", "team/app:v1");
    assertThat(result).isInstanceOf(BuildResult.Succeeded.class);
  }

  @Test
  void build_fromRegistryImage_reusesLayersAndInheritsConfig() {
    BuilderRegistry r = new BuilderRegistry();
    assertThat(r.build(new TestTars().file("etc/os-release", "ID=meridian\n"), """
        FROM scratch
        COPY etc /etc
        ENV PATH=/usr/bin LANG=C.UTF-8
        CMD ["/bin/sh"]
        LABEL base=yes
        """, "base/os:1")).isInstanceOf(BuildResult.Succeeded.class);
    JsonNode baseManifest = r.json(r.manifest("base/os", "1").bytes());
    String baseLayer = baseManifest.path("layers").get(0).path("digest").asText();

    r.uploaded.clear();
    BuildResult result = r.build(new TestTars().file("app.txt", "app"), """
        FROM base/os:1
        COPY app.txt /srv/
        ENTRYPOINT /srv/run
        """, "team/app:v2");

    assertThat(result).isInstanceOf(BuildResult.Succeeded.class);
    JsonNode manifest = r.json(r.manifest("team/app", "v2").bytes());
    assertThat(manifest.path("layers")).hasSize(2);
    assertThat(manifest.path("layers").get(0).path("digest").asText()).isEqualTo(baseLayer);
    assertThat(manifest.path("annotations").path("org.opencontainers.image.base.name").asText())
        .isEqualTo("base/os:1");
    JsonNode c = r.config("team/app", "v2").path("config");
    assertThat(c.path("Env").toString()).isEqualTo("[\"PATH=/usr/bin\",\"LANG=C.UTF-8\"]");
    assertThat(c.path("Labels").path("base").asText()).isEqualTo("yes");
    assertThat(c.path("Entrypoint").toString()).isEqualTo("[\"/bin/sh\",\"-c\",\"/srv/run\"]");
    assertThat(c.has("Cmd")).as("ENTRYPOINT resets an inherited CMD").isFalse();
    assertThat(r.config("team/app", "v2").path("history").size()).isEqualTo(6);
    // the base layer is linked into team/app (mounted), its bytes were not uploaded again
    assertThat(r.blob("team/app", dev.meridian.core.oci.Digest.parse(baseLayer))).isNotEmpty();
    assertThat(r.uploaded).hasSize(2) // the new layer and the config
        .doesNotContain(dev.meridian.core.oci.Digest.parse(baseLayer));
    // /srv is new: its directory is part of the layer; /etc from the base is not touched
    assertThat(r.layer("team/app", "v2", 1)).containsOnlyKeys("srv", "srv/app.txt");
  }

  @Test
  void build_copyFromRegistryImage_andWorkdirThatExists_addsNoDirectoryLayer() {
    BuilderRegistry r = new BuilderRegistry();
    r.build(new TestTars().file("etc/motd", "hello"), "FROM scratch\nCOPY etc /etc\n",
        "base/os:1");
    BuildResult result = r.build(new TestTars(), """
        FROM base/os:1
        WORKDIR /etc
        COPY --from=base/os:1 /etc/motd /copied/motd
        """, "team/app:v3");
    assertThat(result).isInstanceOf(BuildResult.Succeeded.class);
    JsonNode config = r.config("team/app", "v3");
    assertThat(config.path("rootfs").path("diff_ids")).hasSize(2);
    assertThat(r.layer("team/app", "v3", 1).get("copied/motd").content()).isEqualTo("hello");
  }

  @Test
  void build_addTarGz_extractsKeepingOwners_andRefusesUrls() {
    BuilderRegistry r = new BuilderRegistry();
    byte[] archive = new TestTars().file("bin/tool", "tool".getBytes(), 0755, 7, 8).tarGz();
    TestTars context = new TestTars().file("tool.tar.gz", archive, 0644, 0, 0);
    BuildResult ok = r.build(context, "FROM scratch\nADD tool.tar.gz /opt/\n", "team/tool:1");
    assertThat(ok).isInstanceOf(BuildResult.Succeeded.class);
    assertThat(r.layer("team/tool", "1", 0).get("opt/bin/tool"))
        .isEqualTo(new TestTars.Read('0', 0755, 7, 8, "tool", ""));

    BuildResult url = r.build(new TestTars(),
        "FROM scratch\nADD https://example.com/x.tgz /opt/\n", "team/tool:2");
    assertThat(url).isInstanceOfSatisfying(BuildResult.Failed.class, f -> {
      assertThat(f.line()).isEqualTo(2);
      assertThat(f.message()).contains("from a URL");
    });
  }

  @Test
  void build_copyOfIgnoredFile_failsWithHint() {
    BuildResult result = new BuilderRegistry().build(
        new TestTars().file("secret.env", "x").file(".dockerignore", "*.env\n"),
        "FROM scratch\nCOPY secret.env /\n", "team/app:1");
    assertThat(result).isInstanceOfSatisfying(BuildResult.Failed.class, f ->
        assertThat(f.logLine()).isEqualTo("ERROR: line 2: COPY: 'secret.env' not found in the "
            + "build context (excluded by .dockerignore)"));
  }

  @Test
  void build_globAndSeveralSources_needDirectoryDestination() {
    BuilderRegistry r = new BuilderRegistry();
    TestTars context = new TestTars().file("a.txt", "a").file("b.txt", "b").file("c.md", "c");
    BuildResult bad = r.build(context, "FROM scratch\nCOPY *.txt /dst\n", "team/app:1");
    assertThat(bad).isInstanceOfSatisfying(BuildResult.Failed.class,
        f -> assertThat(f.message()).contains("must be a directory and end with a /"));
    BuildResult good = r.build(context, "FROM scratch\nCOPY *.txt /dst/\n", "team/app:2");
    assertThat(good).isInstanceOf(BuildResult.Succeeded.class);
    assertThat(r.layer("team/app", "2", 0)).containsOnlyKeys("dst", "dst/a.txt", "dst/b.txt");
  }

  @Test
  void build_envSeesPriorValues_andStageRedeclaresGlobalArg() {
    BuilderRegistry r = new BuilderRegistry();
    BuildResult result = r.build(new TestTars(), """
        ARG V=global
        FROM scratch
        ARG V
        ENV abc=hello
        ENV abc=bye def=$abc
        ENV G=$V N=${NOPE:-fallback}
        CMD echo $abc
        """, "team/env:1");
    assertThat(result).isInstanceOf(BuildResult.Succeeded.class);
    JsonNode c = r.config("team/env", "1").path("config");
    assertThat(c.path("Env").toString()).isEqualTo("[\"PATH=/usr/local/sbin:/usr/local/bin:"
        + "/usr/sbin:/usr/bin:/sbin:/bin\",\"abc=bye\",\"def=hello\",\"G=global\","
        + "\"N=fallback\"]");
    assertThat(c.path("Cmd").toString()).isEqualTo("[\"/bin/sh\",\"-c\",\"echo $abc\"]");
    assertThat(r.config("team/env", "1").path("rootfs").path("diff_ids")).isEmpty();
  }

  @Test
  void build_missingBaseImage_failsOnFromLine() {
    BuildResult result = new BuilderRegistry().build(new TestTars(),
        "ARG TAG=9\nFROM nothing/here:$TAG\n", "team/app:1");
    assertThat(result).isInstanceOfSatisfying(BuildResult.Failed.class, f -> {
      assertThat(f.line()).isEqualTo(2);
      assertThat(f.message()).isEqualTo("image nothing/here:9 not found in this registry");
    });
  }
}
