package dev.meridian.aws.dynamodb;

import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * A {@link DynamoDbClient} that loses responses: with probability {@code p} a write is
 * <em>performed</em> and then reported as a client timeout — what a caller sees when the network
 * drops the answer to a write that DynamoDB committed. Reads pass through. Seeded per instance.
 */
final class LostResponses implements DynamoDbClient {
  private final DynamoDbClient delegate;
  private final double p;
  private final Random random;
  private final AtomicLong lost = new AtomicLong();

  LostResponses(DynamoDbClient delegate, double p, long seed) {
    this.delegate = delegate;
    this.p = p;
    this.random = new Random(seed);
  }

  long lost() {
    return lost.get();
  }

  private <T> T maybeLose(T response) {
    boolean lose;
    synchronized (random) {
      lose = random.nextDouble() < p;
    }
    if (lose) {
      lost.incrementAndGet();
      throw SdkClientException.create("injected: the write committed, its response was lost");
    }
    return response;
  }

  @Override
  public UpdateItemResponse updateItem(UpdateItemRequest request) {
    return maybeLose(delegate.updateItem(request));
  }

  @Override
  public PutItemResponse putItem(PutItemRequest request) {
    return maybeLose(delegate.putItem(request));
  }

  @Override
  public TransactWriteItemsResponse transactWriteItems(TransactWriteItemsRequest request) {
    return maybeLose(delegate.transactWriteItems(request));
  }

  @Override
  public GetItemResponse getItem(GetItemRequest request) {
    return delegate.getItem(request);
  }

  @Override
  public QueryResponse query(QueryRequest request) {
    return delegate.query(request);
  }

  @Override
  public String serviceName() {
    return delegate.serviceName();
  }

  @Override
  public void close() {
    // the shared client belongs to the test server
  }
}
