package dev.meridian.core.replication;

import dev.meridian.core.storage.MetadataIndex;
import dev.meridian.core.storage.ObjectStore;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the calls replication makes on every region's index and bucket (each call a DynamoDB or
 * S3 round trip in the deployed system), by port and method: {@code index.getManifest},
 * {@code objects.head}. A call made inside another counted call (the in-memory bucket's
 * {@code copyFrom} reads its source) is part of that call, as the server-side copy is one S3 call.
 */
final class CallCounter {
  private final Map<String, AtomicLong> calls = new ConcurrentHashMap<>();
  private final ThreadLocal<int[]> depth = ThreadLocal.withInitial(() -> new int[1]);

  ObjectStore objects(ObjectStore store) {
    return wrap(ObjectStore.class, store, "objects.");
  }

  MetadataIndex index(MetadataIndex index) {
    return wrap(MetadataIndex.class, index, "index.");
  }

  void reset() {
    calls.clear();
  }

  /** Calls of one port ({@code "index."}, {@code "objects."}) since the last reset. */
  long total(String port) {
    return calls.entrySet().stream().filter(e -> e.getKey().startsWith(port))
        .mapToLong(e -> e.getValue().get()).sum();
  }

  long count(String method) {
    AtomicLong n = calls.get(method);
    return n == null ? 0 : n.get();
  }

  /** Every counted method with its count, sorted by name (for failure messages). */
  Map<String, Long> snapshot() {
    Map<String, Long> out = new TreeMap<>();
    calls.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  private <T> T wrap(Class<T> port, T target, String prefix) {
    InvocationHandler handler = (proxy, method, args) -> {
      if (method.getDeclaringClass() == Object.class || method.getName().equals("bucket")) {
        return invoke(method, target, args);
      }
      int[] d = depth.get();
      if (d[0] == 0) {
        calls.computeIfAbsent(prefix + method.getName(), k -> new AtomicLong()).incrementAndGet();
      }
      d[0]++;
      try {
        return invoke(method, target, args);
      } finally {
        d[0]--;
      }
    };
    return port.cast(Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port},
        handler));
  }

  private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args)
      throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
