package dev.meridian.aws.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.aws.s3.S3ServerSideCopy;
import dev.meridian.aws.testing.LocalS3Server;
import dev.meridian.core.storage.StorageException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Copies on s3proxy through a client that refuses, as S3 does over 5 GiB, CopyObject of a source
 * over a small limit; everything else reaches s3proxy.
 */
class S3ServerSideCopyTest {

  private static final long LIMIT = 6 << 20;
  /** S3 and s3proxy refuse parts under 5 MiB but the last (EntityTooSmall). */
  private static final long PART = 5 << 20;

  private final LocalS3Server server = LocalS3Server.shared();
  private final List<String> calls = new ArrayList<>();
  private final S3Client s3 = limitedClient(server.s3());

  @Test
  void copy_withinLimit_isOneCopyObjectWithoutHead() {
    String bucket = server.newBucket("copy-small");
    put(bucket, "src", bytes(LIMIT));

    new S3ServerSideCopy(s3, bucket, LIMIT, PART).copy(bucket, "src", "dst");

    assertThat(calls).containsExactly("copyObject");
    assertThat(get(bucket, "dst")).isEqualTo(bytes(LIMIT));
  }

  @Test
  void copy_overLimit_copiesInPartsWithTypeAndMetadata() {
    String bucket = server.newBucket("copy-large");
    byte[] content = bytes(2 * PART + 123);
    put(bucket, "src", content);

    new S3ServerSideCopy(s3, bucket, LIMIT, PART).copy(bucket, "src", "dst");

    assertThat(calls).startsWith("copyObject", "headObject", "createMultipartUpload")
        .contains("uploadPartCopy").endsWith("completeMultipartUpload");
    assertThat(calls.stream().filter("uploadPartCopy"::equals)).hasSize(3);
    assertThat(get(bucket, "dst")).isEqualTo(content);
    HeadObjectResponse copied = server.s3().headObject(r -> r.bucket(bucket).key("dst"));
    assertThat(copied.contentType()).isEqualTo("application/x-test");
    assertThat(copied.metadata()).containsEntry("origin", "eastus");
  }

  @Test
  void copy_whenSourceMissing_failsWithoutTryingParts() {
    String bucket = server.newBucket("copy-missing");

    assertThatThrownBy(() -> new S3ServerSideCopy(s3, bucket, LIMIT, PART)
        .copy(bucket, "absent", "dst"))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining(bucket + "/absent");
    assertThat(calls).containsExactly("copyObject");
  }

  private void put(String bucket, String key, byte[] content) {
    server.s3().putObject(r -> r.bucket(bucket).key(key).contentType("application/x-test")
        .metadata(Map.of("origin", "eastus")), RequestBody.fromBytes(content));
  }

  private byte[] get(String bucket, String key) {
    return server.s3().getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray();
  }

  private static byte[] bytes(long n) {
    byte[] b = new byte[(int) n];
    new Random(n).nextBytes(b);
    return b;
  }

  /** Records each S3 operation; CopyObject of a source over {@link #LIMIT} gets S3's refusal. */
  private S3Client limitedClient(S3Client real) {
    InvocationHandler handler = (proxy, method, args) -> {
      if (args != null && args.length == 1 && args[0] instanceof Consumer) {
        return InvocationHandler.invokeDefault(proxy, method, args); // builds, then comes back
      }
      calls.add(method.getName());
      if (method.getName().equals("copyObject") && args[0] instanceof CopyObjectRequest r) {
        Long size;
        try {
          size = real.headObject(h -> h.bucket(r.sourceBucket()).key(r.sourceKey()))
              .contentLength();
        } catch (S3Exception e) {
          size = null; // absent: s3proxy answers the copy itself
        }
        if (size != null && size > LIMIT) {
          throw S3Exception.builder().statusCode(400).message("too large")
              .awsErrorDetails(AwsErrorDetails.builder().errorCode("InvalidRequest")
                  .errorMessage("The specified copy source is larger than the maximum "
                      + "allowable size for a copy source: " + LIMIT).build())
              .build();
        }
      }
      try {
        return method.invoke(real, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    };
    return (S3Client) Proxy.newProxyInstance(S3Client.class.getClassLoader(),
        new Class<?>[] {S3Client.class}, handler);
  }
}
