package dev.meridian.cli.layout;

import dev.meridian.cli.error.CliException;
import dev.meridian.cli.image.Descriptor;
import dev.meridian.cli.image.Manifest;
import dev.meridian.cli.transfer.BlobContent;
import dev.meridian.cli.transfer.ImageDestination;
import dev.meridian.cli.transfer.ImageSource;
import dev.meridian.cli.transfer.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code oci-archive:FILE[:TAG]}: a tar of an OCI layout. Read by extracting it to a temporary
 * directory (disk, not memory: layers may be GiBs); written as a layout in a temporary directory,
 * tarred into place on commit.
 */
public final class OciArchive implements ImageSource, ImageDestination {

  private final Path file;
  private final Path work;
  private final OciLayout layout;
  private final String tag;

  private OciArchive(Path file, Path work, String tag) {
    this.file = file;
    this.work = work;
    this.tag = tag;
    this.layout = new OciLayout(work, tag);
  }

  public static OciArchive reading(Path file, String tag) {
    Path work = TempDirs.create("oci-archive-");
    try {
      Tar.extract(file, work);
    } catch (IOException e) {
      TempDirs.delete(work);
      throw CliException.invalid("cannot read " + file + ": " + e.getMessage());
    }
    return new OciArchive(file, work, tag);
  }

  public static OciArchive writing(Path file, String tag) {
    return new OciArchive(file, TempDirs.create("oci-archive-"), tag);
  }

  @Override
  public Manifest manifest() {
    return layout.manifest();
  }

  @Override
  public Manifest child(Descriptor descriptor) {
    return layout.child(descriptor);
  }

  @Override
  public BlobContent blob(Descriptor descriptor) {
    return layout.blob(descriptor);
  }

  @Override
  public boolean hasBlob(Descriptor blob) {
    return false;
  }

  @Override
  public void putBlob(Descriptor blob, BlobContent content, Progress.Tracker progress) {
    layout.putBlob(blob, content, progress);
  }

  @Override
  public void putManifest(Manifest manifest, boolean top) {
    layout.putManifest(manifest, top);
  }

  @Override
  public void commit() {
    layout.commit();
    try (Stream<Path> walk = Files.walk(work)) {
      List<String> files = walk.filter(Files::isRegularFile)
          .map(p -> work.relativize(p).toString().replace('\\', '/')).sorted().toList();
      Tar.writeReplacing(work, files, file);
    } catch (IOException e) {
      throw CliException.io("writing " + file + ": " + e.getMessage());
    }
  }

  @Override
  public String describe(Manifest top) {
    return "oci-archive:" + file + (tag != null ? ":" + tag : "") + "@" + top.digest();
  }

  @Override
  public void close() {
    TempDirs.delete(work);
  }
}
