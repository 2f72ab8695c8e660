package dev.meridian.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.oci.MediaTypes;
import java.util.List;
import org.junit.jupiter.api.Test;

class AcceptNegotiationTest {
  private static final String OCI = MediaTypes.OCI_MANIFEST;

  @Test
  void accepts_whenNoAcceptHeader_true() {
    assertThat(AcceptNegotiation.accepts(List.of(), OCI)).isTrue();
    assertThat(AcceptNegotiation.accepts(List.of(" "), OCI)).isTrue();
  }

  @Test
  void accepts_whenTypeListedAmongOthersWithParameters_true() {
    assertThat(AcceptNegotiation.accepts(
        List.of(MediaTypes.DOCKER_MANIFEST + ";q=0.9, " + OCI.toUpperCase() + "; q=0.5"), OCI)).isTrue();
  }

  @Test
  void accepts_whenOnlyOtherTypes_false() {
    assertThat(AcceptNegotiation.accepts(
        List.of(MediaTypes.DOCKER_MANIFEST, MediaTypes.DOCKER_MANIFEST_LIST), OCI)).isFalse();
  }

  @Test
  void accepts_whenWildcardsOrJson_true() {
    assertThat(AcceptNegotiation.accepts(List.of("*/*"), OCI)).isTrue();
    assertThat(AcceptNegotiation.accepts(List.of("application/*"), OCI)).isTrue();
    assertThat(AcceptNegotiation.accepts(List.of("application/json"), OCI)).isTrue();
  }

  @Test
  void accepts_whenStoredTypeHasQZero_false() {
    assertThat(AcceptNegotiation.accepts(List.of(OCI + ";q=0", MediaTypes.DOCKER_MANIFEST), OCI))
        .isFalse();
  }
}
