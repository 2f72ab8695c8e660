package dev.meridian.app.lambda;

/**
 * What Lambda behind an API Gateway HTTP API can carry (docs/aws.md, "Limits").
 *
 * <p>A synchronous Lambda invocation takes at most 6 MB (6,291,456 bytes) of event JSON and
 * returns at most 6 MB; API Gateway HTTP APIs carry 10 MB. A binary body arrives base64-encoded
 * (4/3 of its size) inside that JSON next to the headers, so about 4.5 MiB of raw bytes fit. The
 * registry's limit is a round 4 MiB below that, so that a client which honours it never meets
 * the platform's own error (an API Gateway 413 without an OCI body).
 */
public final class LambdaLimits {

  /** Largest request body (decoded) a Lambda HTTP function accepts: 4 MiB. */
  public static final int MAX_REQUEST_BODY_BYTES = 4 * 1024 * 1024;

  /** Lambda's synchronous invocation payload limit, request and response alike. */
  public static final int INVOCATION_PAYLOAD_BYTES = 6 * 1024 * 1024;

  /**
   * The {@code OCI-Chunk-Min-Length} advertised on Lambda. The core advertises S3's 5 MiB
   * minimum part size, which does not fit in an invocation once base64-encoded; the core accepts
   * smaller chunks (it buffers them as the upload's tail until a part is full), so on Lambda the
   * advertised size is the largest chunk that fits.
   */
  public static final long CHUNK_LENGTH = MAX_REQUEST_BODY_BYTES;

  private LambdaLimits() {}
}
