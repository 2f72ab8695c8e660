package dev.meridian.app.lambda;

import dev.meridian.app.lambda.iam.IamRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectsRequest;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.UploadPartCopyRequest;

/**
 * The IAM actions and resource ARNs AWS authorizes for one SDK call (Service Authorization
 * Reference, "Actions, resources, and condition keys" of S3, DynamoDB and Secrets Manager).
 * Mostly {@code service:Operation} on the named resource; the exceptions AWS documents:
 * <ul>
 *   <li>S3: {@code HeadObject} is {@code s3:GetObject}; {@code CreateMultipartUpload},
 *   {@code UploadPart} and {@code CompleteMultipartUpload} are {@code s3:PutObject};
 *   {@code ListParts} is {@code s3:ListMultipartUploadParts}; {@code ListObjectsV2} and
 *   {@code HeadBucket} are {@code s3:ListBucket} on the bucket; {@code ListMultipartUploads} is
 *   {@code s3:ListBucketMultipartUploads}; {@code CopyObject} and {@code UploadPartCopy} need
 *   {@code s3:GetObject} on the source and {@code s3:PutObject} on the destination;
 *   {@code DeleteObjects} is {@code s3:DeleteObject} per key.</li>
 *   <li>DynamoDB: {@code BatchGetItem}/{@code BatchWriteItem} are checked on each table they
 *   name; {@code TransactWriteItems} needs the individual action of each item ({@code PutItem},
 *   {@code UpdateItem}, {@code DeleteItem}, {@code ConditionCheckItem}) on its table, and
 *   {@code TransactGetItems} {@code GetItem}; a {@code Query} on an index is on
 *   {@code table/T/index/I}.</li>
 * </ul>
 * {@code rename} maps the test's bucket, table and secret names to the ones the stack would have.
 */
final class SdkCallActions {

  static final String PARTITION_KEY = "pk";

  private SdkCallActions() {}

  static List<IamRequest> required(SdkCallRecorder.Call call, UnaryOperator<String> rename) {
    Arns arns = new Arns(call.region(), rename);
    SdkRequest r = call.request();
    String op = call.operation();
    // A presigned URL (S3Presigner reports service "s3") is authorized when it is used, with
    // the signer's permissions: the same mapping as the call itself.
    return switch (call.service().toLowerCase(java.util.Locale.ROOT)) {
      case "s3" -> s3(op, r, arns);
      case "dynamodb" -> dynamoDb(op, r, arns);
      case "secretsmanager" -> List.of(new IamRequest("secretsmanager:" + op,
          arns.secret(field(r, "SecretId"))));
      // PutEvents: events:PutEvents on each entry's bus, with its source (events:source).
      case "eventbridge" -> ((PutEventsRequest) r).entries().stream()
          .map(e -> new IamRequest("events:" + op, arns.bus(e.eventBusName()),
              Map.of("events:source", e.source()))).toList();
      default -> throw new IllegalArgumentException("no IAM mapping for " + call);
    };
  }

  private static List<IamRequest> s3(String op, SdkRequest r, Arns arns) {
    String bucket = field(r, "Bucket");
    return switch (op) {
      case "GetObject", "HeadObject" -> List.of(new IamRequest("s3:GetObject", arns.object(bucket, field(r, "Key"))));
      case "PutObject", "CreateMultipartUpload", "UploadPart", "CompleteMultipartUpload" ->
          List.of(new IamRequest("s3:PutObject", arns.object(bucket, field(r, "Key"))));
      case "DeleteObject" -> List.of(new IamRequest("s3:DeleteObject", arns.object(bucket, field(r, "Key"))));
      case "AbortMultipartUpload" -> List.of(new IamRequest("s3:AbortMultipartUpload", arns.object(bucket, field(r, "Key"))));
      case "ListParts" -> List.of(new IamRequest("s3:ListMultipartUploadParts", arns.object(bucket, field(r, "Key"))));
      case "ListObjectsV2", "ListObjects", "HeadBucket" -> List.of(new IamRequest("s3:ListBucket", arns.bucket(bucket)));
      case "ListMultipartUploads" -> List.of(new IamRequest("s3:ListBucketMultipartUploads", arns.bucket(bucket)));
      case "DeleteObjects" -> ((DeleteObjectsRequest) r).delete().objects().stream()
          .map(ObjectIdentifier::key)
          .map(k -> new IamRequest("s3:DeleteObject", arns.object(bucket, k))).toList();
      case "CopyObject" -> {
        CopyObjectRequest c = (CopyObjectRequest) r;
        yield List.of(new IamRequest("s3:GetObject", source(arns, c.sourceBucket(), c.sourceKey(), c.copySource())),
            new IamRequest("s3:PutObject", arns.object(first(c.destinationBucket(), c.bucket()), first(c.destinationKey(), c.key()))));
      }
      case "UploadPartCopy" -> {
        UploadPartCopyRequest c = (UploadPartCopyRequest) r;
        yield List.of(new IamRequest("s3:GetObject", source(arns, c.sourceBucket(), c.sourceKey(), c.copySource())),
            new IamRequest("s3:PutObject", arns.object(first(c.destinationBucket(), c.bucket()), first(c.destinationKey(), c.key()))));
      }
      default -> throw new IllegalArgumentException("no IAM mapping for S3 " + op);
    };
  }

  private static List<IamRequest> dynamoDb(String op, SdkRequest r, Arns arns) {
    return switch (op) {
      case "BatchGetItem" -> ((BatchGetItemRequest) r).requestItems().entrySet().stream()
          .flatMap(e -> e.getValue().keys().stream()
              .map(k -> item("dynamodb:BatchGetItem", arns.table(e.getKey()), k)))
          .distinct().toList();
      case "BatchWriteItem" -> ((BatchWriteItemRequest) r).requestItems().entrySet().stream()
          .flatMap(e -> e.getValue().stream().map(w -> item("dynamodb:BatchWriteItem",
              arns.table(e.getKey()), w.putRequest() != null ? w.putRequest().item()
                  : w.deleteRequest().key())))
          .distinct().toList();
      case "TransactWriteItems" -> {
        List<IamRequest> out = new ArrayList<>();
        for (TransactWriteItem i : ((TransactWriteItemsRequest) r).transactItems()) {
          if (i.put() != null) {
            out.add(item("dynamodb:PutItem", arns.table(i.put().tableName()), i.put().item()));
          }
          if (i.update() != null) {
            out.add(item("dynamodb:UpdateItem", arns.table(i.update().tableName()), i.update().key()));
          }
          if (i.delete() != null) {
            out.add(item("dynamodb:DeleteItem", arns.table(i.delete().tableName()), i.delete().key()));
          }
          if (i.conditionCheck() != null) {
            out.add(item("dynamodb:ConditionCheckItem", arns.table(i.conditionCheck().tableName()),
                i.conditionCheck().key()));
          }
        }
        yield out;
      }
      case "TransactGetItems" -> ((TransactGetItemsRequest) r).transactItems().stream()
          .map(i -> item("dynamodb:GetItem", arns.table(i.get().tableName()), i.get().key())).toList();
      case "PutItem" -> List.of(item("dynamodb:PutItem", arns.table(field(r, "TableName")),
          ((PutItemRequest) r).item()));
      case "GetItem", "UpdateItem", "DeleteItem" -> List.of(item("dynamodb:" + op,
          arns.table(field(r, "TableName")), key(r)));
      case "Query", "Scan" -> {
        String index = field(r, "IndexName");
        String table = arns.table(field(r, "TableName"));
        yield List.of(new IamRequest("dynamodb:" + op, index == null ? table : table + "/index/" + index));
      }
      default -> List.of(new IamRequest("dynamodb:" + op, arns.table(field(r, "TableName"))));
    };
  }

  /**
   * An item-level request, with the item's partition key as {@code dynamodb:LeadingKeys} (the
   * condition key AWS sets for item operations; Meridian's tables' partition key is {@code pk}).
   */
  private static IamRequest item(String action, String table, Map<String, AttributeValue> key) {
    AttributeValue pk = key == null ? null : key.get(PARTITION_KEY);
    return pk == null ? new IamRequest(action, table)
        : new IamRequest(action, table, Map.of("dynamodb:LeadingKeys", pk.s()));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, AttributeValue> key(SdkRequest r) {
    return r.getValueForField("Key", Map.class).orElse(null);
  }

  /** A copy's source: its bucket and key, or the {@code x-amz-copy-source} form the SDK may use. */
  @SuppressWarnings("deprecation")
  private static String source(Arns arns, String bucket, String key, String copySource) {
    if (bucket != null) {
      return arns.object(bucket, key);
    }
    String s = java.net.URLDecoder.decode(copySource.replaceFirst("^/", "").replaceFirst("\\?versionId=.*$", ""),
        java.nio.charset.StandardCharsets.UTF_8);
    int slash = s.indexOf('/');
    return arns.object(s.substring(0, slash), s.substring(slash + 1));
  }

  private static String first(String a, String b) {
    return a != null ? a : b;
  }

  private static String field(SdkRequest r, String name) {
    return r.getValueForField(name, String.class).orElse(null);
  }

  /** ARNs in the test's account and the call's region, with the stack's names. */
  private record Arns(String region, UnaryOperator<String> rename) {
    String bucket(String bucket) {
      return "arn:" + CfnResolver.PARTITION + ":s3:::" + rename.apply(bucket);
    }

    String object(String bucket, String key) {
      return bucket(bucket) + "/" + key;
    }

    String table(String table) {
      return "arn:" + CfnResolver.PARTITION + ":dynamodb:" + region + ":" + CfnResolver.ACCOUNT
          + ":table/" + rename.apply(table);
    }

    String bus(String name) {
      String bus = rename.apply(name == null ? "default" : name);
      return bus.startsWith("arn:") ? bus : "arn:" + CfnResolver.PARTITION + ":events:" + region
          + ":" + CfnResolver.ACCOUNT + ":event-bus/" + bus;
    }

    String secret(String id) {
      return rename.apply(id);
    }
  }
}
