package dev.meridian.core.replication;

import dev.meridian.core.fakes.InMemoryObjectStore;
import dev.meridian.core.storage.CompletedPart;
import dev.meridian.core.storage.ObjectContent;
import dev.meridian.core.storage.ObjectInfo;
import dev.meridian.core.storage.ObjectStore;
import dev.meridian.core.storage.OpenMultipart;
import dev.meridian.core.storage.StorageException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A region's bucket that can be taken down: every call then fails, as an unreachable S3 would. */
public final class FlakyObjectStore implements ObjectStore {
  final InMemoryObjectStore inner;
  private volatile boolean down;

  public FlakyObjectStore(InMemoryObjectStore inner) {
    this.inner = inner;
  }

  public void setDown(boolean down) {
    this.down = down;
  }

  private void check() {
    if (down) {
      throw new StorageException("bucket " + inner.bucket() + " is unreachable");
    }
  }

  @Override public String bucket() { return inner.bucket(); }
  @Override public void put(String k, InputStream c, long l, String t) { check(); inner.put(k, c, l, t); }
  @Override public boolean putIfAbsent(String k, byte[] c, String t) { check(); return inner.putIfAbsent(k, c, t); }
  @Override public boolean putIfAbsent(String k, byte[] c, String t, Map<String, String> m) {
    check();
    return inner.putIfAbsent(k, c, t, m);
  }
  @Override public Optional<ObjectInfo> head(String k) { check(); return inner.head(k); }
  @Override public Optional<ObjectContent> get(String k) { check(); return inner.get(k); }
  @Override public Optional<ObjectContent> getRange(String k, long f, long l) { check(); return inner.getRange(k, f, l); }
  @Override public void copy(String s, String t) { check(); inner.copy(s, t); }
  @Override public void copyFrom(ObjectStore source, String k) { check(); inner.copyFrom(source, k); }
  @Override public void delete(String k) { check(); inner.delete(k); }
  @Override public List<String> list(String p, String s, int l) { check(); return inner.list(p, s, l); }
  @Override public String startMultipart(String k, String t) { check(); return inner.startMultipart(k, t); }
  @Override public String uploadPart(String k, String u, int n, InputStream c, long l) {
    check();
    return inner.uploadPart(k, u, n, c, l);
  }
  @Override public void completeMultipart(String k, String u, List<CompletedPart> p) {
    check();
    inner.completeMultipart(k, u, p);
  }
  @Override public void abortMultipart(String k, String u) { check(); inner.abortMultipart(k, u); }
  @Override public List<OpenMultipart> listMultipart(String p, String a, int l) {
    check(); return inner.listMultipart(p, a, l);
  }
  @Override public Optional<URI> presignGet(String k, Duration v) { return Optional.empty(); }
}
