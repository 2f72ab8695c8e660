package dev.meridian.builder;

import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.RepositoryName;
import java.io.InputStream;
import java.util.Optional;

/**
 * Port: reads images of this registry for {@code FROM} and {@code COPY --from=<image>}. The
 * region's adapter is {@link RegistryImageSource}. Failures other than absence throw {@link
 * RegistryAccessException}.
 */
public interface BaseImageSource {

  /** The manifest (image or index) that {@code reference} (a tag or digest) names, if any. */
  Optional<FetchedManifest> manifest(RepositoryName repository, String reference);

  /** A blob of {@code repository}; the caller closes it. Empty when the repository lacks it. */
  Optional<InputStream> blob(RepositoryName repository, Digest digest);
}
