package dev.meridian.core.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Case-insensitive, multi-valued HTTP headers (RFC 9110 §5.1: field names are case-insensitive). */
public final class HttpHeaders {
  private final TreeMap<String, List<String>> values = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

  public static HttpHeaders of(Map<String, ? extends List<String>> source) {
    HttpHeaders headers = new HttpHeaders();
    source.forEach((name, list) -> list.forEach(v -> headers.add(name, v)));
    return headers;
  }

  public HttpHeaders add(String name, String value) {
    values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    return this;
  }

  public HttpHeaders set(String name, String value) {
    List<String> list = new ArrayList<>();
    list.add(value);
    values.put(name, list);
    return this;
  }

  public HttpHeaders remove(String name) {
    values.remove(name);
    return this;
  }

  /** The first value, or null. */
  public String first(String name) {
    List<String> list = values.get(name);
    return list == null || list.isEmpty() ? null : list.get(0);
  }

  public List<String> all(String name) {
    List<String> list = values.get(name);
    return list == null ? List.of() : Collections.unmodifiableList(list);
  }

  public boolean contains(String name) {
    return values.containsKey(name);
  }

  /** Names in their first-seen spelling, each with its values. */
  public Map<String, List<String>> asMap() {
    return Collections.unmodifiableMap(values);
  }

  @Override
  public String toString() {
    return values.toString();
  }
}
