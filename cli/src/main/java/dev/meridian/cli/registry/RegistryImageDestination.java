package dev.meridian.cli.registry;

import dev.meridian.cli.image.Descriptor;
import dev.meridian.cli.image.Manifest;
import dev.meridian.cli.image.Reference;
import dev.meridian.cli.transfer.BlobContent;
import dev.meridian.cli.transfer.ImageDestination;
import dev.meridian.cli.transfer.Progress;

/** An image pushed to a registry: blobs through a {@link BlobUploader}, then manifests. */
public final class RegistryImageDestination implements ImageDestination {

  private final Repository repository;
  private final Reference reference;
  private final BlobUploader uploader;

  public RegistryImageDestination(Repository repository, Reference reference, BlobUploader uploader) {
    this.repository = repository;
    this.reference = reference;
    this.uploader = uploader;
  }

  @Override
  public boolean hasBlob(Descriptor blob) {
    return repository.hasBlob(blob.digest());
  }

  @Override
  public void putBlob(Descriptor blob, BlobContent content, Progress.Tracker progress) {
    uploader.upload(repository, blob, content, progress);
  }

  @Override
  public void putManifest(Manifest manifest, boolean top) {
    String ref = top && reference.tag() != null ? reference.tag() : manifest.digest();
    repository.putManifest(ref, manifest);
  }

  @Override
  public String describe(Manifest top) {
    return reference.registry() + "/" + reference.repository()
        + (reference.tag() != null ? ":" + reference.tag() : "") + "@" + top.digest();
  }
}
