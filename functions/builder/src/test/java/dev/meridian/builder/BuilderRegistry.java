package dev.meridian.builder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meridian.core.fakes.InMemoryMetadataIndex;
import dev.meridian.core.fakes.InMemoryObjectStore;
import dev.meridian.core.fakes.TestRegionApi;
import dev.meridian.core.http.HttpHandler;
import dev.meridian.core.naming.Seed;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.ImageName;
import dev.meridian.core.oci.RepositoryName;
import dev.meridian.core.settings.RegistrySettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One in-memory region (core fakes + TestRegionApi.region(...).httpApi()) and a builder wired to it. */
final class BuilderRegistry {
  static final ObjectMapper JSON = new ObjectMapper();
  final InMemoryObjectStore objects = new InMemoryObjectStore();
  final InMemoryMetadataIndex index = new InMemoryMetadataIndex();
  final Clock clock = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);
  final HttpHandler api = TestRegionApi.region(
      RegistrySettings.defaults("meridian", "eastus", new Seed("aa")), objects, index, clock)
      .httpApi();
  final RegistryImageSource source =
      new RegistryImageSource(api, objects, index, "eastus.test", "meridian-builder");
  final RegistryImageSink registrySink =
      new RegistryImageSink(api, "eastus.test", "meridian-builder");
  /** Blobs whose bytes the builder uploaded (not skipped, not mounted), in order. */
  final List<Digest> uploaded = new ArrayList<>();
  final ImageSink sink = new ImageSink() {
    @Override
    public boolean hasBlob(RepositoryName repository, Digest digest) {
      return registrySink.hasBlob(repository, digest);
    }

    @Override
    public boolean mountBlob(RepositoryName repository, Digest digest, RepositoryName from) {
      return registrySink.mountBlob(repository, digest, from);
    }

    @Override
    public void pushBlob(RepositoryName repository, Digest digest, long size, InputStream in) {
      uploaded.add(digest);
      registrySink.pushBlob(repository, digest, size, in);
    }

    @Override
    public Digest pushManifest(RepositoryName repository, dev.meridian.core.oci.Tag tag,
        String mediaType, byte[] manifest) {
      return registrySink.pushManifest(repository, tag, mediaType, manifest);
    }
  };
  final List<String> log = new ArrayList<>();

  BuildResult build(TestTars context, String dockerfile, String... images) {
    return build(context, Map.of(), dockerfile, images);
  }

  BuildResult build(TestTars context, Map<String, String> args, String dockerfile,
      String... images) {
    context.file("Dockerfile", dockerfile);
    List<ImageName> names = new ArrayList<>();
    for (String image : images) {
      names.add(ImageName.parse(image));
    }
    return ImageBuilder.create().build(BuildInput.of(context.context(), "Dockerfile", args,
        Platform.LINUX_AMD64, names, source, sink, log::add));
  }

  FetchedManifest manifest(String repo, String reference) {
    return source.manifest(RepositoryName.parse(repo), reference).orElseThrow();
  }

  JsonNode json(byte[] bytes) {
    try {
      return JSON.readTree(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  byte[] blob(String repo, Digest digest) {
    try (InputStream in = source.blob(RepositoryName.parse(repo), digest).orElseThrow()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  JsonNode config(String repo, String reference) {
    JsonNode manifest = json(manifest(repo, reference).bytes());
    return json(blob(repo, Digest.parse(manifest.path("config").path("digest").asText())));
  }

  Map<String, TestTars.Read> layer(String repo, String reference, int n) {
    JsonNode manifest = json(manifest(repo, reference).bytes());
    Digest digest = Digest.parse(manifest.path("layers").get(n).path("digest").asText());
    return TestTars.read(source.blob(RepositoryName.parse(repo), digest).orElseThrow());
  }
}
