package dev.meridian.core.blob;

import dev.meridian.core.storage.CompletedPart;
import dev.meridian.core.storage.ObjectContent;
import dev.meridian.core.storage.ObjectInfo;
import dev.meridian.core.storage.ObjectStore;
import dev.meridian.core.storage.OpenMultipart;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An object store that presigns (as S3 does) in front of one that cannot. */
public final class PresigningObjectStore implements ObjectStore {
  private final ObjectStore inner;

  public PresigningObjectStore(ObjectStore inner) {
    this.inner = inner;
  }

  @Override
  public Optional<URI> presignGet(String key, Duration validity) {
    return Optional.of(URI.create("https://bucket.example/" + key + "?X-Amz-Expires="
        + validity.toSeconds()));
  }

  @Override public void put(String k, InputStream c, long l, String t) { inner.put(k, c, l, t); }
  @Override public boolean putIfAbsent(String k, byte[] c, String t) { return inner.putIfAbsent(k, c, t); }
  @Override public boolean putIfAbsent(String k, byte[] c, String t, Map<String, String> m) {
    return inner.putIfAbsent(k, c, t, m);
  }
  @Override public String bucket() { return inner.bucket(); }
  @Override public void copyFrom(ObjectStore source, String k) { inner.copyFrom(source, k); }
  @Override public Optional<ObjectInfo> head(String k) { return inner.head(k); }
  @Override public Optional<ObjectContent> get(String k) { return inner.get(k); }
  @Override public Optional<ObjectContent> getRange(String k, long f, long l) { return inner.getRange(k, f, l); }
  @Override public void copy(String s, String t) { inner.copy(s, t); }
  @Override public void delete(String k) { inner.delete(k); }
  @Override public List<String> list(String p, String s, int l) { return inner.list(p, s, l); }
  @Override public String startMultipart(String k, String t) { return inner.startMultipart(k, t); }
  @Override public String uploadPart(String k, String u, int n, InputStream c, long l) {
    return inner.uploadPart(k, u, n, c, l);
  }
  @Override public void completeMultipart(String k, String u, List<CompletedPart> p) {
    inner.completeMultipart(k, u, p);
  }
  @Override public Optional<URI> presignUploadPart(String k, String u, int n, Duration v) {
    return inner.presignUploadPart(k, u, n, v);
  }
  @Override public List<CompletedPart> listParts(String k, String u) { return inner.listParts(k, u); }
  @Override public void abortMultipart(String k, String u) { inner.abortMultipart(k, u); }
  @Override public List<OpenMultipart> listMultipart(String p, String a, int l) {
    return inner.listMultipart(p, a, l);
  }
}
