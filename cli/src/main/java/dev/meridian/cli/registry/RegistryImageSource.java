package dev.meridian.cli.registry;

import dev.meridian.cli.image.Descriptor;
import dev.meridian.cli.image.Manifest;
import dev.meridian.cli.image.Reference;
import dev.meridian.cli.transfer.BlobContent;
import dev.meridian.cli.transfer.ImageSource;

/** An image in a registry, read by tag or digest. */
public final class RegistryImageSource implements ImageSource {

  private final Repository repository;
  private final Reference reference;
  private Manifest manifest;

  public RegistryImageSource(Repository repository, Reference reference) {
    this.repository = repository;
    this.reference = reference;
  }

  @Override
  public synchronized Manifest manifest() {
    if (manifest == null) {
      manifest = repository.manifest(reference.reference());
    }
    return manifest;
  }

  @Override
  public Manifest child(Descriptor descriptor) {
    return repository.manifest(descriptor.digest());
  }

  @Override
  public BlobContent blob(Descriptor descriptor) {
    return new BlobContent() {
      @Override
      public java.io.InputStream open() {
        return repository.openBlob(descriptor);
      }

      @Override
      public java.io.InputStream openAt(long offset) {
        return repository.openBlob(descriptor, offset);
      }
    };
  }
}
