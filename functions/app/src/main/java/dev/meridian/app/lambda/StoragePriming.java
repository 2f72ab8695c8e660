package dev.meridian.app.lambda;

import dev.meridian.app.config.RegionStorage;
import dev.meridian.core.auth.PasswordHasher;
import dev.meridian.core.oci.RepositoryName;
import java.time.Duration;

/**
 * Read-only calls that load and run the storage and sign-in code a first real request needs —
 * the SDK's DynamoDB and S3 pipelines (marshalling, signing, the HTTP clients), presigning, and
 * bcrypt — without changing anything: a tag and an object that do not exist are read, a URL is
 * signed, a throwaway hash is checked. SnapStart priming runs it before the snapshot; measured
 * with and without in docs/aws.md "Cold start". Connections opened here do not survive a
 * restore; the SDK opens new ones.
 */
final class StoragePriming implements Runnable {
  private static final System.Logger LOG = System.getLogger(StoragePriming.class.getName());
  private static final RepositoryName NOWHERE = RepositoryName.parse("meridian-priming/app");

  private final RegionStorage storage;
  private final PasswordHasher hasher;

  StoragePriming(RegionStorage storage, PasswordHasher hasher) {
    this.storage = storage;
    this.hasher = hasher;
  }

  @Override
  public void run() {
    try {
      storage.index().getTag(NOWHERE, "latest");
      storage.objects().head("_priming/none");
      storage.objects().presignGet("_priming/none", Duration.ofMinutes(1));
      if (hasher != null) {
        hasher.verify("priming", hasher.hash("priming"));
      }
    } catch (RuntimeException e) { // the table or bucket unreachable at snapshot time: no harm
      LOG.log(System.Logger.Level.WARNING, "storage priming failed: " + e);
    }
  }
}
