package dev.meridian.aws;

import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.scheme.AwsV4AuthScheme;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.AsyncSignRequest;
import software.amazon.awssdk.http.auth.spi.signer.AsyncSignedRequest;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;
import software.amazon.awssdk.identity.spi.IdentityProviders;

/**
 * SigV4 with {@code UNSIGNED-PAYLOAD} over plain HTTP, for local S3 endpoints (s3proxy on
 * loopback, LocalStack). The SDK signs every payload sent over {@code http} and ignores
 * {@code PAYLOAD_SIGNING_ENABLED=false} there ({@code ChecksumUtil.isPayloadSigning}, 2.54.13);
 * for S3 it then uses aws-chunked encoding with a signature per 128 KiB chunk. Measured on a
 * 256 MiB PATCH through the local runtime, that chunk signing was the single hottest frame on the
 * request thread ({@code ChunkedEncodedInputStream.getChunk}), and s3proxy re-verifies every
 * chunk signature on its side.
 *
 * <p>The request is signed as if it were HTTPS (the scheme is not part of a SigV4 signature;
 * the {@code Host} header keeps the port because it is not 443) with payload signing and chunk
 * encoding off, then sent over HTTP as it was. Headers, path, query and credentials are signed
 * exactly as before; only the body is not covered, as on AWS over HTTPS. HTTPS requests are
 * passed to the standard signer untouched.
 */
final class UnsignedPayloadSigner implements AwsV4HttpSigner {

  private final AwsV4HttpSigner delegate = AwsV4HttpSigner.create();

  /** The SDK's SigV4 auth scheme with this signer in place of the standard one. */
  static AwsV4AuthScheme authScheme() {
    AwsV4AuthScheme standard = AwsV4AuthScheme.create();
    UnsignedPayloadSigner signer = new UnsignedPayloadSigner();
    return new AwsV4AuthScheme() {
      @Override
      public String schemeId() {
        return standard.schemeId();
      }

      @Override
      public IdentityProvider<AwsCredentialsIdentity> identityProvider(IdentityProviders providers) {
        return standard.identityProvider(providers);
      }

      @Override
      public AwsV4HttpSigner signer() {
        return signer;
      }
    };
  }

  @Override
  public SignedRequest sign(SignRequest<? extends AwsCredentialsIdentity> request) {
    SdkHttpRequest http = request.request();
    if (!"http".equals(http.protocol())) {
      return delegate.sign(request);
    }
    SignedRequest signed = delegate.sign(request.copy(r -> r
        .request(http.toBuilder().protocol("https").build())
        .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false)
        .putProperty(AwsV4FamilyHttpSigner.CHUNK_ENCODING_ENABLED, false)));
    return signed.copy(r -> r.request(signed.request().toBuilder().protocol("http").build()));
  }

  @Override
  public CompletableFuture<AsyncSignedRequest> signAsync(
      AsyncSignRequest<? extends AwsCredentialsIdentity> request) {
    return delegate.signAsync(request); // Meridian uses only synchronous clients
  }
}
