package dev.meridian.local.replication;

import dev.meridian.local.LocalOptions;

/**
 * {@link PullWhileReplicatingEndToEndTest} through {@code --front lambda}: API Gateway's HTTP API
 * emulated from template.yaml before the pull and push Lambda entry points, the {@code
 * replicateS3} entry point fed S3's event JSON, blob reads as 307s to presigned URLs — a
 * read-through blob redirects to the peer's bucket.
 */
class PullWhileReplicatingLambdaEndToEndTest extends PullWhileReplicatingEndToEndTest {

  @Override
  LocalOptions options() {
    return LocalOptions.ephemeralOnFreePorts().withFront(LocalOptions.Front.LAMBDA);
  }
}
