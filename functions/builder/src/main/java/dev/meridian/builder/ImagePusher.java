package dev.meridian.builder;

import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.ImageName;
import dev.meridian.core.oci.MediaTypes;
import dev.meridian.core.oci.RepositoryName;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * Pushes a built image under each name as a client would: every blob before the manifest (the
 * registry refuses a manifest whose blobs the repository lacks), a blob the repository already
 * links is skipped, a base layer from another repository is mounted (no bytes move), and only
 * when a mount is refused are its bytes streamed from the registry to the registry.
 */
final class ImagePusher {
  private final BaseImageSource source;
  private final ImageSink sink;
  private final BuildLog log;

  ImagePusher(BaseImageSource source, ImageSink sink, BuildLog log) {
    this.source = source;
    this.sink = sink;
    this.log = log;
  }

  List<BuildResult.PushedImage> push(ImageAssembler.Image image, List<ImageName> names) {
    List<BuildResult.PushedImage> pushed = new ArrayList<>();
    for (ImageName name : names) {
      RepositoryName repo = name.repository();
      for (ImageLayer layer : image.layers()) {
        pushLayer(repo, layer);
      }
      if (!sink.hasBlob(repo, image.configDigest())) {
        sink.pushBlob(repo, image.configDigest(), image.config().length,
            new ByteArrayInputStream(image.config()));
      }
      Digest digest = sink.pushManifest(repo, name.tag(), MediaTypes.OCI_MANIFEST,
          image.manifest());
      if (!digest.equals(image.manifestDigest())) {
        throw new RegistryAccessException("registry stored " + name + " as " + digest
            + ", expected " + image.manifestDigest());
      }
      log.line("pushed " + name + " " + digest);
      pushed.add(new BuildResult.PushedImage(name, digest, image.configDigest(),
          image.manifest().length));
    }
    return pushed;
  }

  private void pushLayer(RepositoryName repo, ImageLayer layer) {
    if (sink.hasBlob(repo, layer.digest())) {
      return;
    }
    if (layer.origin() != null && !layer.origin().equals(repo)
        && sink.mountBlob(repo, layer.digest(), layer.origin())) {
      return;
    }
    try (InputStream in = open(layer)) {
      sink.pushBlob(repo, layer.digest(), layer.size(), in);
    } catch (IOException e) {
      throw new RegistryAccessException("cannot read layer " + layer.digest(), e);
    }
  }

  private InputStream open(ImageLayer layer) throws IOException {
    if (layer.file() != null) {
      return Files.newInputStream(layer.file());
    }
    return source.blob(layer.origin(), layer.digest()).orElseThrow(() ->
        new RegistryAccessException("layer " + layer.digest() + " is missing from "
            + layer.origin()));
  }
}
