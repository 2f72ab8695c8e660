package dev.meridian.aws.contract;

import dev.meridian.aws.dynamodb.DynamoDbRunIdAllocator;
import dev.meridian.aws.testing.LocalDynamoDb;
import dev.meridian.core.builds.RunIdAllocator;
import dev.meridian.core.contract.RunIdAllocatorContract;
import dev.meridian.core.naming.Seed;
import java.util.IdentityHashMap;
import java.util.Map;

/** The allocator contract against the conditional-write counter on DynamoDB Local. */
class DynamoDbRunIdAllocatorContractTest extends RunIdAllocatorContract {
  private final Map<RunIdAllocator, String> tables = new IdentityHashMap<>();

  @Override
  protected RunIdAllocator newCounter(String seed) {
    LocalDynamoDb dynamoDb = LocalDynamoDb.shared();
    String table = dynamoDb.newTable("runids-contract");
    RunIdAllocator a = new DynamoDbRunIdAllocator(dynamoDb.client(), table, new Seed(seed));
    tables.put(a, table);
    return a;
  }

  @Override
  protected RunIdAllocator sameCounter(RunIdAllocator first) {
    return new DynamoDbRunIdAllocator(LocalDynamoDb.shared().client(), tables.get(first),
        first.seed());
  }
}
