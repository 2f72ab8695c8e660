package dev.meridian.core.manifest;

import static dev.meridian.core.manifest.TestManifests.fakeDigest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.core.error.OciErrorCode;
import dev.meridian.core.error.RegistryException;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.MediaTypes;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ManifestParserTest {
  private final ManifestParser parser = new ManifestParser();
  private final Digest config = fakeDigest('c');
  private final Digest layer = fakeDigest('1');

  private ParsedManifest parse(String json, String contentType) {
    return parser.parse(json.getBytes(StandardCharsets.UTF_8), contentType);
  }

  private void assertInvalid(String json, String contentType, String messagePart) {
    assertThatThrownBy(() -> parse(json, contentType))
        .isInstanceOfSatisfying(RegistryException.class, e -> {
          assertThat(e.code()).isEqualTo(OciErrorCode.MANIFEST_INVALID);
          assertThat(e.status()).isEqualTo(400);
        })
        .hasMessageContaining(messagePart);
  }

  @Test
  void parse_whenOciImageManifest_collectsConfigAndLayersAndFallsBackToConfigArtifactType() {
    ParsedManifest m = parse(TestManifests.oci(config, "", layer), MediaTypes.OCI_MANIFEST);
    assertThat(m.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
    assertThat(m.requiredBlobs()).containsExactly(config, layer);
    assertThat(m.manifests()).isEmpty();
    assertThat(m.artifactType()).isEqualTo(MediaTypes.OCI_CONFIG);
    assertThat(m.subject()).isNull();
  }

  @Test
  void parse_whenArtifactTypeSubjectAndAnnotations_readsThem() {
    Digest subject = fakeDigest('5');
    String extra = "\"artifactType\":\"application/vnd.example.sbom\",\"subject\":"
        + TestManifests.descriptor(MediaTypes.OCI_MANIFEST, subject, 7)
        + ",\"annotations\":{\"k\":\"v\"}";
    ParsedManifest m = parse(TestManifests.oci(config, extra, layer), MediaTypes.OCI_MANIFEST);
    assertThat(m.artifactType()).isEqualTo("application/vnd.example.sbom");
    assertThat(m.subject().digest()).isEqualTo(subject);
    assertThat(m.annotations()).containsEntry("k", "v");
  }

  @Test
  void parse_whenDockerSchema2Manifest_collectsBlobs() {
    ParsedManifest m = parse(TestManifests.docker(config, layer), MediaTypes.DOCKER_MANIFEST);
    assertThat(m.mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST);
    assertThat(m.requiredBlobs()).containsExactly(config, layer);
  }

  @Test
  void parse_whenOciIndex_collectsChildrenAndNoArtifactType() {
    ParsedManifest m = parse(TestManifests.index(MediaTypes.OCI_INDEX, MediaTypes.OCI_MANIFEST,
        fakeDigest('a'), fakeDigest('b')), MediaTypes.OCI_INDEX);
    assertThat(m.isIndex()).isTrue();
    assertThat(m.manifests()).containsExactly(fakeDigest('a'), fakeDigest('b'));
    assertThat(m.requiredBlobs()).isEmpty();
    assertThat(m.artifactType()).isNull();
  }

  @Test
  void parse_whenDockerManifestList_collectsChildren() {
    ParsedManifest m = parse(TestManifests.index(MediaTypes.DOCKER_MANIFEST_LIST,
        MediaTypes.DOCKER_MANIFEST, fakeDigest('a')), MediaTypes.DOCKER_MANIFEST_LIST);
    assertThat(m.manifests()).containsExactly(fakeDigest('a'));
  }

  @Test
  void parse_whenLayerHasUrls_doesNotRequireIt() {
    String json = TestManifests.oci(config, "", layer).replace(
        "\"size\":10}", "\"size\":10,\"urls\":[\"https://example.com/layer\"]}");
    assertThat(parse(json, MediaTypes.OCI_MANIFEST).requiredBlobs()).containsExactly(config);
  }

  @Test
  void parse_whenNoMediaTypeFieldButContentType_usesContentType() {
    String json = TestManifests.oci(config, "", layer)
        .replace("\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",", "");
    assertThat(parse(json, MediaTypes.OCI_MANIFEST + "; charset=utf-8").mediaType())
        .isEqualTo(MediaTypes.OCI_MANIFEST);
  }

  @Test
  void parse_whenGenericContentType_usesMediaTypeField() {
    assertThat(parse(TestManifests.oci(config, "", layer), "application/json").mediaType())
        .isEqualTo(MediaTypes.OCI_MANIFEST);
    assertThat(parse(TestManifests.oci(config, "", layer), null).mediaType())
        .isEqualTo(MediaTypes.OCI_MANIFEST);
  }

  @Test
  void parse_whenMediaTypeDiffersFromContentType_manifestInvalid() {
    assertInvalid(TestManifests.oci(config, "", layer), MediaTypes.DOCKER_MANIFEST,
        "does not match Content-Type");
  }

  @Test
  void parse_whenNoMediaTypeAnywhere_manifestInvalid() {
    String json = TestManifests.oci(config, "", layer)
        .replace("\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",", "");
    assertInvalid(json, null, "no manifest media type");
  }

  @ParameterizedTest
  @ValueSource(strings = {"not json", "[1,2]", "\"text\"", "{\"schemaVersion\":2", "{} {}", ""})
  void parse_whenNotAJsonObject_manifestInvalid(String body) {
    assertThatThrownBy(() -> parse(body, MediaTypes.OCI_MANIFEST))
        .isInstanceOfSatisfying(RegistryException.class,
            e -> assertThat(e.code()).isEqualTo(OciErrorCode.MANIFEST_INVALID));
  }

  @ParameterizedTest
  @ValueSource(strings = {"1", "3", "\"2\"", "2.5"})
  void parse_whenSchemaVersionIsNot2_manifestInvalid(String version) {
    assertInvalid(TestManifests.oci(config, "", layer).replace("\"schemaVersion\":2",
        "\"schemaVersion\":" + version), MediaTypes.OCI_MANIFEST, "schemaVersion must be 2");
  }

  @Test
  void parse_whenDuplicateKey_manifestInvalid() {
    String json = TestManifests.oci(config, "", layer).replace("{\"schemaVersion\":2,",
        "{\"schemaVersion\":2,\"schemaVersion\":2,");
    assertInvalid(json, MediaTypes.OCI_MANIFEST, "not valid JSON");
  }

  @ParameterizedTest
  @ValueSource(strings = {"sha256:abc", "sha256:A111111111111111111111111111111111111111111111111111111111111111",
      "md5:d41d8cd98f00b204e9800998ecf8427e", "nonsense"})
  void parse_whenDescriptorDigestInvalid_manifestInvalidNamingThePath(String digest) {
    String json = TestManifests.oci(config, "", layer).replace(layer.toString(), digest);
    assertInvalid(json, MediaTypes.OCI_MANIFEST, "layers[0].digest");
  }

  @Test
  void parse_whenDescriptorSizeNegativeOrMissing_manifestInvalid() {
    String json = TestManifests.oci(config, "", layer);
    assertInvalid(json.replace("\"size\":10", "\"size\":-1"), MediaTypes.OCI_MANIFEST,
        "layers[0].size");
    assertInvalid(json.replace(",\"size\":10", ""), MediaTypes.OCI_MANIFEST, "layers[0].size");
  }

  @Test
  void parse_whenDescriptorMediaTypeMalformed_manifestInvalid() {
    String json = TestManifests.oci(config, "", layer)
        .replace(MediaTypes.OCI_CONFIG, "not a media type");
    assertInvalid(json, MediaTypes.OCI_MANIFEST, "config.mediaType");
  }

  @Test
  void parse_whenConfigOrLayersMissing_manifestInvalid() {
    assertInvalid("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST
        + "\",\"layers\":[]}", MediaTypes.OCI_MANIFEST, "config");
    assertInvalid("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST
        + "\",\"config\":" + TestManifests.descriptor(MediaTypes.OCI_CONFIG, config, 2) + "}",
        MediaTypes.OCI_MANIFEST, "layers must be an array");
  }

  @Test
  void parse_whenIndexWithoutManifests_manifestInvalid() {
    assertInvalid("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_INDEX + "\"}",
        MediaTypes.OCI_INDEX, "manifests must be an array");
  }

  @Test
  void parse_whenAnnotationValueNotString_manifestInvalid() {
    assertInvalid(TestManifests.oci(config, "\"annotations\":{\"k\":1}", layer),
        MediaTypes.OCI_MANIFEST, "annotations.k");
  }

  @ParameterizedTest
  @ValueSource(strings = {"application/vnd.docker.distribution.manifest.v1+prettyjws",
      "application/vnd.example.unknown+json"})
  void parse_whenUnsupportedMediaType_manifestInvalid(String type) {
    String json = TestManifests.oci(config, "", layer).replace(MediaTypes.OCI_MANIFEST, type);
    assertInvalid(json, type, "unsupported manifest media type");
  }

  @Test
  void read_whenBodyOverLimit_413ManifestInvalid() {
    byte[] body = new byte[101];
    assertThatThrownBy(() -> ManifestBody.read(new java.io.ByteArrayInputStream(body), -1, 100))
        .isInstanceOfSatisfying(RegistryException.class, e -> {
          assertThat(e.status()).isEqualTo(413);
          assertThat(e.code()).isEqualTo(OciErrorCode.MANIFEST_INVALID);
        });
    assertThatThrownBy(() -> ManifestBody.read(new java.io.ByteArrayInputStream(new byte[1]), 101, 100))
        .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.status()).isEqualTo(413));
  }

  @Test
  void read_whenBodyAtLimit_returnsAllBytes() {
    assertThat(ManifestBody.read(new java.io.ByteArrayInputStream(new byte[100]), 100, 100))
        .hasSize(100);
  }

  /** Found by HostileInputFuzzTest: {@code asInt()} of 2^32 + 2 is 2. */
  @Test
  void parse_whenSchemaVersionOverflowsToTwo_invalid() {
    for (String version : new String[] {"4294967298", "18446744073709551618", "2.0", "\"2\""}) {
      assertInvalid(TestManifests.oci(config, "", layer)
          .replace("\"schemaVersion\":2", "\"schemaVersion\":" + version),
          MediaTypes.OCI_MANIFEST, "schemaVersion");
    }
  }

  /** Found by HostileInputFuzzTest: 30,000 layers fit in 4 MiB but not in one index item. */
  @Test
  void parse_whenMoreDescriptorsThanTheLimit_invalid() {
    Digest[] layers = new Digest[ManifestParser.MAX_DESCRIPTORS];
    java.util.Arrays.fill(layers, layer);
    assertThat(parse(TestManifests.oci(config, "", layers), MediaTypes.OCI_MANIFEST)
        .requiredBlobs()).hasSize(ManifestParser.MAX_DESCRIPTORS + 1);

    Digest[] tooMany = java.util.Arrays.copyOf(layers, layers.length + 1);
    tooMany[layers.length] = layer;
    assertInvalid(TestManifests.oci(config, "", tooMany), MediaTypes.OCI_MANIFEST,
        "layers lists 2049 descriptors; at most 2048");
    assertInvalid(TestManifests.index(MediaTypes.OCI_INDEX, MediaTypes.OCI_MANIFEST, tooMany),
        MediaTypes.OCI_INDEX, "manifests lists 2049 descriptors");
  }

  /** Found by HostileInputFuzzTest: 500 KB of annotations fit in 4 MiB but not in one item. */
  @Test
  void parse_whenAnnotationsExceedTheLimit_invalid() {
    String atLimit = "\"annotations\":{\"k\":\""
        + "v".repeat(ManifestParser.MAX_ANNOTATION_BYTES - 1) + "\"}";
    assertThat(parse(TestManifests.oci(config, atLimit, layer), MediaTypes.OCI_MANIFEST)
        .annotations()).hasSize(1);

    String over = atLimit.replace("\"k\"", "\"kk\"");
    assertInvalid(TestManifests.oci(config, over, layer), MediaTypes.OCI_MANIFEST,
        "annotations hold 65537 bytes; at most 65536");
    assertInvalid(TestManifests.index(MediaTypes.OCI_INDEX, MediaTypes.OCI_MANIFEST, layer)
        .replace("\"manifests\"", over.substring(0, over.length()) + ",\"manifests\""),
        MediaTypes.OCI_INDEX, "annotations hold");
  }
}
