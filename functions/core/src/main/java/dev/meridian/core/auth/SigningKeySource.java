package dev.meridian.core.auth;

/**
 * Port: where the signing keys come from — a file of the local runtime's data directory, or an
 * AWS Secrets Manager secret that the functions re-read every few minutes, so a rotation reaches
 * every instance without a restart.
 */
public interface SigningKeySource {
  SigningKeys keys();

  /**
   * The keys re-read now, because a token named a key {@link #keys()} does not hold: another
   * instance may have rotated since this one last read. A remote source limits how often it
   * re-reads, so forged key ids cannot turn into a flood of reads.
   */
  default SigningKeys refreshed() {
    return keys();
  }

  /**
   * Rotates the keys ({@link SigningKeys#rotate}) where this source owns them; a source whose
   * keys are managed elsewhere (Secrets Manager) throws {@link UnsupportedOperationException}.
   */
  default SigningKeys rotate() {
    throw new UnsupportedOperationException("signing keys are managed outside the registry");
  }

  static SigningKeySource of(SigningKeys keys) {
    return () -> keys;
  }
}
