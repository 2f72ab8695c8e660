package dev.meridian.aws.testing;

import dev.meridian.aws.AwsClients;
import dev.meridian.aws.AwsConnection;
import dev.meridian.aws.s3.S3Buckets;
import dev.meridian.aws.s3.S3ObjectStore;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * One in-memory s3proxy per test JVM (started on first use, ~0.5 s, stopped at exit), with SigV4
 * enforced so signing bugs show up in tests. Tests isolate themselves with {@link #newBucket}.
 */
public final class LocalS3Server {

  public static final String ACCESS_KEY = "meridiantest";
  public static final String SECRET_KEY = "meridiantestsecret";
  public static final String REGION = "us-east-1";

  private static LocalS3Server shared;

  private final S3Proxy proxy;
  private final URI endpoint;
  private final S3Client s3;
  private final S3Presigner presigner;
  private final AtomicInteger buckets = new AtomicInteger();

  private LocalS3Server() throws Exception {
    int port = FreePort.find();
    endpoint = URI.create("http://127.0.0.1:" + port);
    proxy = S3Proxy.builder()
        .blobStore(new TransientNio2BlobStore())
        .endpoint(endpoint)
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
        .build();
    proxy.start();
    while (!"STARTED".equals(proxy.getState())) {
      Thread.sleep(10);
    }
    s3 = AwsClients.s3(connection());
    presigner = AwsClients.s3Presigner(connection());
  }

  /** The JVM-wide server, started on first call. */
  public static synchronized LocalS3Server shared() {
    if (shared == null) {
      try {
        shared = new LocalS3Server();
      } catch (Exception e) {
        throw new IllegalStateException("s3proxy did not start", e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "s3proxy-stop"));
    }
    return shared;
  }

  public URI endpoint() {
    return endpoint;
  }

  public AwsConnection connection() {
    return AwsConnection.local(endpoint, REGION, ACCESS_KEY, SECRET_KEY);
  }

  public S3Client s3() {
    return s3;
  }

  public S3Presigner presigner() {
    return presigner;
  }

  /** Creates a bucket no other test uses: {@code <prefix>-<n>} (lower case, ≥ 3 characters). */
  public String newBucket(String prefix) {
    String bucket = prefix + "-" + buckets.incrementAndGet();
    S3Buckets.createIfMissing(s3, bucket);
    return bucket;
  }

  /** A store on a new, empty bucket. */
  public S3ObjectStore newStore(String prefix) {
    return new S3ObjectStore(s3, presigner, newBucket(prefix));
  }

  private void stop() {
    try {
      proxy.stop();
    } catch (Exception e) {
      // the JVM is exiting; nothing useful to do
    }
  }
}
