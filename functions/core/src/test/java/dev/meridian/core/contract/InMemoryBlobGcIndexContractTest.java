package dev.meridian.core.contract;

import dev.meridian.core.fakes.InMemoryMetadataIndex;
import dev.meridian.core.storage.MetadataIndex;

class InMemoryBlobGcIndexContractTest extends BlobGcIndexContract {
  @Override
  protected MetadataIndex createIndex() {
    return new InMemoryMetadataIndex();
  }
}
