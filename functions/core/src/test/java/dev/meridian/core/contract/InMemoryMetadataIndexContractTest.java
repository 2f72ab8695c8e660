package dev.meridian.core.contract;

import dev.meridian.core.fakes.InMemoryMetadataIndex;
import dev.meridian.core.storage.MetadataIndex;

class InMemoryMetadataIndexContractTest extends MetadataIndexContract {
  @Override
  protected MetadataIndex createIndex() {
    return new InMemoryMetadataIndex();
  }
}
