package dev.meridian.core.manifest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.core.http.HttpHeaders;
import dev.meridian.core.http.HttpResponse;
import dev.meridian.core.http.ResponseBody;
import dev.meridian.core.oci.Descriptor;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.MediaTypes;
import dev.meridian.core.oci.RepositoryName;
import dev.meridian.core.storage.MetadataIndex;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code GET /v2/<name>/referrers/<digest>} (end-12a/b, distribution-spec "Listing Referrers"):
 * an OCI image index of the manifests whose {@code subject} is the digest. Never 404 for a valid
 * digest, even of an unknown subject or repository (an empty {@code manifests}). With {@code
 * artifactType}, only matching descriptors and {@code OCI-Filters-Applied: artifactType}. All
 * referrers fit one response; the index holds them per subject, so no {@code Link} is needed.
 */
final class ReferrersService {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final MetadataIndex index;

  ReferrersService(MetadataIndex index) {
    this.index = index;
  }

  HttpResponse list(RepositoryName name, Digest subject, String artifactType) {
    List<Descriptor> referrers = index.listReferrers(name, subject);
    boolean filter = artifactType != null && !artifactType.isEmpty();
    ObjectNode root = JSON.createObjectNode();
    root.put("schemaVersion", 2);
    root.put("mediaType", MediaTypes.OCI_INDEX);
    ArrayNode manifests = root.putArray("manifests");
    for (Descriptor d : referrers) {
      if (!filter || artifactType.equals(d.artifactType())) {
        manifests.add(descriptor(d));
      }
    }
    HttpHeaders headers = new HttpHeaders().set("Content-Type", MediaTypes.OCI_INDEX);
    if (filter) {
      headers.set("OCI-Filters-Applied", "artifactType");
    }
    return new HttpResponse(200, headers,
        ResponseBody.of(root.toString().getBytes(StandardCharsets.UTF_8)));
  }

  private static ObjectNode descriptor(Descriptor d) {
    ObjectNode node = JSON.createObjectNode();
    node.put("mediaType", d.mediaType());
    node.put("digest", d.digest().toString());
    node.put("size", d.size());
    if (d.artifactType() != null) {
      node.put("artifactType", d.artifactType());
    }
    if (!d.annotations().isEmpty()) {
      ObjectNode annotations = node.putObject("annotations");
      d.annotations().forEach(annotations::put);
    }
    return node;
  }
}
