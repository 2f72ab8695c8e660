package dev.meridian.core.builds;

import dev.meridian.core.oci.Digest;

/** An image a run pushed: {@code repository:tag} and its manifest digest. */
public record OutputImage(String name, Digest digest) {}
