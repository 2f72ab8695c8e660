package dev.meridian.builder;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Writes images pulled from Meridian (as the run's owner, through a {@link BaseImageSource}) into
 * one docker-archive, the format {@code docker load} reads (moby {@code image/tarexport}: a
 * {@code manifest.json} listing each image's config file, repo tags and layer files). Layers are
 * written as the registry holds them (gzip): {@code docker load} decompresses each layer stream
 * it is given, and checks it against the config's {@code diff_ids}.
 */
final class EngineImages {
  private static final ObjectMapper JSON = new ObjectMapper();

  private EngineImages() {}

  /** The images as resolved, by the private tag each is loaded as. */
  static void write(Map<String, BaseImages.BaseImage> images, BaseImageSource source,
      Workspace workspace, Path target) throws IOException {
    ArrayNode manifest = JSON.createArrayNode();
    Set<String> written = new HashSet<>();
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(target), 64 * 1024)) {
      TarWriter tar = new TarWriter(out, 0);
      for (Map.Entry<String, BaseImages.BaseImage> e : images.entrySet()) {
        BaseImages.BaseImage image = e.getValue();
        byte[] config = JSON.writeValueAsBytes(image.config());
        String configName = ImageAssembler.sha256(config).encoded() + ".json";
        if (written.add(configName)) {
          file(tar, workspace, configName, new java.io.ByteArrayInputStream(config));
        }
        ObjectNode entry = manifest.addObject().put("Config", configName);
        entry.putArray("RepoTags").add(e.getKey());
        ArrayNode layers = entry.putArray("Layers");
        for (ImageLayer layer : image.layers()) {
          String name = layer.digest().encoded() + "/layer.tar";
          layers.add(name);
          if (written.add(name)) {
            try (InputStream in = source.blob(layer.origin(), layer.digest()).orElseThrow(() ->
                new RegistryAccessException("layer " + layer.digest() + " of " + image.name()
                    + " is missing"))) {
              file(tar, workspace, name, in);
            }
          }
        }
      }
      file(tar, workspace, "manifest.json",
          new java.io.ByteArrayInputStream(JSON.writeValueAsBytes(manifest)));
      tar.finish();
    }
  }

  /** One regular file of the archive (staged in a temp file: a tar header needs the size). */
  private static void file(TarWriter tar, Workspace workspace, String name, InputStream content)
      throws IOException {
    Path staged = workspace.newFile(".blob");
    Files.copy(content, staged, StandardCopyOption.REPLACE_EXISTING);
    int slash = name.lastIndexOf('/');
    if (slash > 0) {
      tar.write(name.substring(0, slash), FileNode.dir(0755, 0, 0));
    }
    tar.write(name, new FileNode(FileNode.Type.FILE, 0644, 0, 0, Files.size(staged), staged, ""));
    Files.delete(staged);
  }
}
