package dev.meridian.aws.contract;

import dev.meridian.aws.testing.LocalS3Server;
import dev.meridian.core.contract.ObjectStoreContract;
import dev.meridian.core.storage.ObjectStore;

/** The object store contract against {@code S3ObjectStore} on s3proxy (one new bucket per test). */
class S3ObjectStoreContractTest extends ObjectStoreContract {
  @Override
  protected ObjectStore createStore() {
    return LocalS3Server.shared().newStore("contract");
  }
}
