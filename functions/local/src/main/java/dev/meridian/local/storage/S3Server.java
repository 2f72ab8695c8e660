package dev.meridian.local.storage;

import java.net.URI;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.AbstractNio2BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.gaul.shaded.org.eclipse.jetty.server.Connector;
import org.gaul.shaded.org.eclipse.jetty.server.HttpConnectionFactory;
import org.gaul.shaded.org.eclipse.jetty.server.Server;

/**
 * One s3proxy endpoint in this JVM holding every region's bucket (S3 is one service whose buckets
 * live in regions, so server-side copies between regions' buckets work as on AWS). It enforces
 * SigV4 with the given keys and listens on loopback only.
 */
public final class S3Server implements AutoCloseable {

  private static final int OUTPUT_BUFFER = 1 << 20;
  static final int INPUT_BUFFER = 64 << 10;

  private final S3Proxy proxy;
  private final URI endpoint;

  private S3Server(S3Proxy proxy, URI endpoint) {
    this.proxy = proxy;
    this.endpoint = endpoint;
  }

  /**
   * Starts in memory when {@code dir} is null, else storing objects as files under {@code dir};
   * {@code wrap} decorates the store (the local runtime's S3 event emulation).
   */
  public static S3Server start(Path dir, int port, String accessKeyId, String secretAccessKey,
      UnaryOperator<BlobStore> wrap) throws Exception {
    return start(dir, port, accessKeyId, secretAccessKey, wrap, FileSync.DATA);
  }

  /** As above; {@code sync} {@link FileSync#NONE} leaves the files to the kernel's writeback. */
  public static S3Server start(Path dir, int port, String accessKeyId, String secretAccessKey,
      UnaryOperator<BlobStore> wrap, FileSync sync) throws Exception {
    AbstractNio2BlobStore files = dir == null
        ? new TransientNio2BlobStore() : new FilesystemNio2BlobStore(dir.toString());
    Path root = LinkingCopyBlobStore.rootOf(files);
    BlobStore linked = LinkingCopyBlobStore.wrap(files, root);
    BlobStore store = wrap.apply(new BlockIoBlobStore(
        sync == FileSync.NONE ? linked : DurableObjects.wrap(linked, root, sync),
        root == null ? null : new PartFiles(root, sync)));
    URI endpoint = URI.create("http://127.0.0.1:" + port);
    S3Proxy proxy = S3Proxy.builder()
        .blobStore(store)
        .endpoint(endpoint)
        .awsAuthentication(AuthenticationType.AWS_V4, accessKeyId, secretAccessKey)
        .build();
    widenBuffers(proxy);
    proxy.start();
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (!"STARTED".equals(proxy.getState())) {
      if (System.nanoTime() > deadline) {
        proxy.stop();
        throw new IllegalStateException("s3proxy did not start: " + proxy.getState());
      }
      Thread.sleep(10);
    }
    return new S3Server(proxy, endpoint);
  }

  /**
   * s3proxy streams an object with {@code InputStream.transferTo}, 8 KiB per write, into Jetty's
   * default 32 KiB response buffer: one socket write per 32 KiB. A 1 MiB buffer that aggregates
   * writes up to 256 KiB sends a blob in 1 MiB writes (bench/notes.md has the measurement).
   * Likewise Jetty reads a request body into an 8 KiB buffer by default, one system call per
   * 8 KiB of an uploaded part; {@value #INPUT_BUFFER} bytes take what the socket holds at once.
   */
  private static void widenBuffers(S3Proxy proxy) throws ReflectiveOperationException {
    java.lang.reflect.Field field = S3Proxy.class.getDeclaredField("server");
    field.setAccessible(true);
    Server jetty = (Server) field.get(proxy);
    for (Connector c : jetty.getConnectors()) {
      HttpConnectionFactory http = c.getConnectionFactory(HttpConnectionFactory.class);
      if (http != null) {
        http.getHttpConfiguration().setOutputBufferSize(OUTPUT_BUFFER);
        http.getHttpConfiguration().setOutputAggregationSize(OUTPUT_BUFFER / 4);
        http.setInputBufferSize(INPUT_BUFFER);
      }
    }
  }

  public URI endpoint() {
    return endpoint;
  }

  @Override
  public void close() throws Exception {
    proxy.stop();
  }
}
