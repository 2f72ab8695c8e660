package dev.meridian.local.runtime;

import dev.meridian.core.storage.StorageLayout;
import java.util.Map;
import software.amazon.awssdk.awscore.AwsExecutionAttribute;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/**
 * Reports every item a DynamoDB client of this JVM put successfully to {@link TableInserts}.
 * Registered for all DynamoDB clients by the SDK's classpath mechanism ({@code
 * software/amazon/awssdk/services/dynamodb/execution.interceptors} in this module's resources),
 * so it sees writes from every region's context, to its own table or a peer's — as a table
 * stream sees every writer.
 */
public final class TableInsertTap implements ExecutionInterceptor {

  @Override
  public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
    if (!TableInserts.anyone()) {
      return;
    }
    Region region = attributes.getAttribute(AwsExecutionAttribute.AWS_REGION);
    if (region == null) {
      return;
    }
    int port = context.httpRequest().port();
    SdkRequest request = context.request();
    if (request instanceof PutItemRequest put) {
      report(port, region, put.tableName(), put.item());
    } else if (request instanceof TransactWriteItemsRequest transaction) {
      for (TransactWriteItem item : transaction.transactItems()) {
        if (item.put() != null) {
          report(port, region, item.put().tableName(), item.put().item());
        }
      }
    } else if (request instanceof BatchWriteItemRequest batch) {
      batch.requestItems().forEach((table, writes) -> writes.forEach(w -> {
        if (w.putRequest() != null) {
          report(port, region, table, w.putRequest().item());
        }
      }));
    }
  }

  private static void report(int port, Region region, String table,
      Map<String, AttributeValue> item) {
    AttributeValue pk = item.get(StorageLayout.PK);
    AttributeValue sk = item.get(StorageLayout.SK);
    if (pk != null && pk.s() != null) {
      TableInserts.inserted(port, region.id(), table, pk.s(), sk == null ? null : sk.s());
    }
  }
}
