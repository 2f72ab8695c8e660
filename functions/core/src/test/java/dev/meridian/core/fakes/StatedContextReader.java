package dev.meridian.core.fakes;

import dev.meridian.core.builds.ContextReader;
import dev.meridian.core.storage.ObjectContent;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link ContextReader} of core's tests, which cannot see the image builder that reads
 * contexts (meridian-builder, whose tests cover the Dockerfile and tar side): answers what a test
 * states a context holds, by the context's object key. A file or base not stated is one the
 * context lacks, answered as the builder does (an {@link IllegalArgumentException}).
 */
public final class StatedContextReader implements ContextReader {
  private final Map<String, Map<String, String>> files = new ConcurrentHashMap<>();
  private final Map<String, List<String>> bases = new ConcurrentHashMap<>();

  /** States that the context at {@code key} holds {@code path} with {@code text}. */
  public StatedContextReader file(String key, String path, String text) {
    files.computeIfAbsent(key, k -> new ConcurrentHashMap<>()).put(path, text);
    return this;
  }

  /** States that the Dockerfile of the context at {@code key} builds on {@code images}. */
  public StatedContextReader bases(String key, List<String> images) {
    bases.put(key, List.copyOf(images));
    return this;
  }

  @Override
  public String text(ObjectContent context, String path) {
    String text = files.getOrDefault(context.info().key(), Map.of()).get(path);
    if (text == null) {
      throw new IllegalArgumentException("the context has no " + path);
    }
    return text;
  }

  @Override
  public List<String> bases(ObjectContent context, String dockerfile,
      Map<String, String> buildArgs) {
    List<String> images = bases.get(context.info().key());
    if (images == null) {
      throw new IllegalArgumentException("the context has no " + dockerfile);
    }
    return images;
  }
}
