package dev.meridian.core.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded generators of hostile protocol inputs: repository names, references, digests, {@code
 * Content-Range} and {@code Range} headers, pagination parameters and manifest JSON. Each draws
 * from valid values, mutations of valid values with dangerous tokens, and raw noise, so a run
 * exercises both the validators' edges and the code behind them. Same seed, same inputs.
 */
final class HostileInputs {

  /** Tokens spliced into otherwise valid values: traversal, encodings, controls, unicode. */
  static final List<String> TOKENS = List.of("..", "../", "/..", "/../", "%2e%2e", "%2E%2E%2F",
      "%252e%252e", ".", "//", "/", "\0", "%00", "\n", "\r\n", "%0a", "#", "?", "%", "&", "=",
      "\\", " ", "\t", "A", "Z", "_", "__", "-", "--", "._", ":", "@", "*", "~", "é", "\u0130",
      "\u212a", "\u202e", "\ud835\udd18", "\ud800", "\uffff", "\u00a0", "\u2028", "\u0085",
      "\uff0e\uff0e", "${jndi:x}", "'", "\"", "<", ">", "{", "}");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";
  private static final String HEX = "0123456789abcdef";

  private final Random random;

  HostileInputs(long seed) {
    this.random = new Random(seed);
  }

  int nextInt(int bound) {
    return random.nextInt(bound);
  }

  boolean chance(int percent) {
    return random.nextInt(100) < percent;
  }

  <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  @SafeVarargs
  final <T> T pick(T... values) {
    return values[random.nextInt(values.length)];
  }

  // --- names and references ---

  String validName() {
    int components = 1 + random.nextInt(3);
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < components; i++) {
      s.append(i == 0 ? "" : "/").append(alnum(1 + random.nextInt(6)));
      if (chance(30)) {
        s.append(pick(".", "_", "__", "-", "---")).append(alnum(1 + random.nextInt(4)));
      }
    }
    return s.toString();
  }

  String name() {
    return switch (random.nextInt(6)) {
      case 0 -> validName();
      case 1, 2 -> splice(validName(), 1 + random.nextInt(3));
      case 3 -> pick("a/", "/a", "a//b", "_a", "a/_b", "a-", "-a", "a..b", "a/./b", "a/../b",
          "..", "../etc/passwd", "%2e%2e/x", "a%2fb", "A", "a:b", "a@sha256", "a\0b", "a\nb",
          "a#b", "a?b", "", " ", "\u0430", "a/\u202eb");
      case 4 -> longValue(validName(), 250 + random.nextInt(4000));
      default -> noise(1 + random.nextInt(40));
    };
  }

  String validTag() {
    return pick("v1", "latest", "1.0.0", "_x", "A-b.c_d", "a".repeat(128));
  }

  String reference(List<String> valid) {
    return switch (random.nextInt(7)) {
      case 0 -> pick(valid);
      case 1, 2 -> splice(pick(valid), 1 + random.nextInt(2));
      case 3 -> pick("a".repeat(129), ".v1", "-v1", "v1:", ":v1", ":", "", "v/1", "v1#x",
          "v1\n", "\u0130", "v1\0", "sha256", "sha256:", "latest ");
      case 4 -> digest();
      case 5 -> longValue(pick(valid), 129 + random.nextInt(2000));
      default -> noise(1 + random.nextInt(30));
    };
  }

  String validDigest() {
    return "sha256:" + hex(64);
  }

  String digest() {
    return switch (random.nextInt(8)) {
      case 0 -> validDigest();
      case 1 -> "sha512:" + hex(128);
      case 2 -> splice(validDigest(), 1);
      case 3 -> pick("sha256:" + hex(64).toUpperCase(), "sha256:" + hex(63), "sha256:" + hex(65),
          "sha512:" + hex(64), "sha1:" + hex(40), "md5:" + hex(32), "sha256:", ":" + hex(64),
          "sha256" + hex(64), "SHA256:" + hex(64), "sha256+b64u:abc", "sha256:../../x",
          "sha256:" + hex(64) + "\n", "sha256:" + hex(64) + "/", "sha256::" + hex(64));
      case 4 -> longValue(validDigest(), 257 + random.nextInt(4000));
      case 5 -> noise(1 + random.nextInt(80));
      case 6 -> "sha256:" + hex(64).replace(String.valueOf(HEX.charAt(random.nextInt(16))),
          pick("g", "G", "\u0660", "=", "_", "-"));
      default -> alnum(1 + random.nextInt(10)) + ":" + alnum(1 + random.nextInt(130));
    };
  }

  // --- headers and query parameters ---

  /** A {@code Content-Range} for a chunk of {@code length} bytes appended at {@code offset}. */
  String contentRange(long offset, int length) {
    long end = offset + length - 1;
    return switch (random.nextInt(12)) {
      case 0 -> offset + "-" + end;
      case 1 -> "bytes " + offset + "-" + end + "/*";
      case 2 -> "bytes=" + offset + "-" + end;
      case 3 -> (offset + pick(-1, 1, 2)) + "-" + (end + pick(-1, 0, 1));
      case 4 -> offset + "-" + (offset - 1 - random.nextInt(3));
      case 5 -> pick("9".repeat(18), "9".repeat(19), "1" + "0".repeat(30), "-1",
          Long.toString(Long.MAX_VALUE)) + "-" + pick("9".repeat(18), "9".repeat(19), "-5", "");
      case 6 -> offset + "-" + pick("9".repeat(18), Long.toString(Long.MAX_VALUE), "9".repeat(40));
      case 7 -> pick("", " ", "-", "0-", "-0", "0--1", "a-b", "0-1,2-3", "bytes */*", "bytes",
          "0x0-0x9", "\u0660-\u0669", "0-1\n", "+0-+1", "0 - 1", " 0-1 ", "0-1/0");
      case 8 -> splice(offset + "-" + end, 1);
      case 9 -> longValue(offset + "-" + end, 100 + random.nextInt(8000));
      case 10 -> noise(1 + random.nextInt(30));
      default -> offset + "-" + end + "/" + pick("*", Long.toString(end + 1), "x", "-1");
    };
  }

  /** A {@code Range} header for a blob of {@code size} bytes. */
  String range(long size) {
    long a = random.nextInt((int) size + 3);
    long b = random.nextInt((int) size + 3);
    return switch (random.nextInt(10)) {
      case 0 -> "bytes=" + a + "-" + b;
      case 1 -> "bytes=" + a + "-";
      case 2 -> "bytes=-" + b;
      case 3 -> "bytes=" + Math.min(a, b) + "-" + Math.max(a, b);
      case 4 -> pick("bytes=0-0", "bytes=-0", "bytes=0-", "bytes=" + size + "-",
          "bytes=" + (size - 1) + "-" + size, "bytes=99999999999999999999-",
          "bytes=-99999999999999999999", "bytes=0-99999999999999999999", "bytes=-1-2",
          "bytes=1-2,3-4", "items=0-1", "bytes 0-1", "BYTES=0-1", " bytes = 1 - 2 ",
          "bytes=", "bytes=-", "=0-1", "bytes=\u0661-\u0662", "bytes=0x1-2", "bytes=+1-2");
      case 5 -> splice("bytes=" + a + "-" + b, 1);
      case 6 -> longValue("bytes=" + a + "-" + b, 100 + random.nextInt(8000));
      case 7 -> "bytes=" + "0".repeat(random.nextInt(40)) + a + "-" + b;
      case 8 -> noise(1 + random.nextInt(30));
      default -> "bytes=" + a + "-" + b + "," + b + "-";
    };
  }

  /** An {@code n} for a listing. */
  String pageSize() {
    return pick("0", "1", "2", "1000", "1001", "2147483647", "2147483648", "9".repeat(40), "-1",
        "-0", "+3", "1e3", "0x10", "", " 1", "1 ", "\u0663", "NaN", "1.5", "0001",
        Integer.toString(random.nextInt(5)), noise(1 + random.nextInt(10)));
  }

  // --- manifests ---

  /**
   * A mutation of {@code valid} (an image manifest or index): a replaced, removed or added node,
   * extreme numbers, deep nesting, bad descriptors, other media types, oversize bodies, and byte
   * level damage. May still be valid.
   */
  byte[] mutateManifest(String valid) {
    ObjectNode root;
    try {
      root = (ObjectNode) JSON.readTree(valid);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
    switch (random.nextInt(14)) {
      case 0 -> replaceRandomNode(root, randomValue());
      case 1 -> removeRandomField(root);
      case 2 -> replaceRandomNode(root, extremeNumber());
      case 3 -> replaceRandomNode(root, NODES.textNode(pick(digest(), name(), noise(20),
          "application/vnd.oci.image.manifest.v1+json", "text/html", "a/b/c", "/", "a/",
          "application/" + "x".repeat(200))));
      case 4 -> {
        return deepNesting(root);
      }
      case 5 -> root.put("mediaType", pick("application/vnd.docker.distribution.manifest.v1+json",
          "application/vnd.docker.distribution.manifest.v1+prettyjws", "application/json",
          "application/vnd.oci.artifact.manifest.v1+json", "text/plain", "x", "",
          "application/vnd.oci.image.index.v1+json", "application/vnd.oci.image.manifest.v1+json",
          "application/vnd.docker.distribution.manifest.list.v2+json"));
      case 6 -> manyDescriptors(root);
      case 7 -> root.putObject("annotations").put("k", "v".repeat(pick(1000, 200_000, 500_000,
          4 * 1024 * 1024)));
      case 8 -> {
        ObjectNode annotations = root.putObject("annotations");
        int n = pick(10, 5000, 20_000);
        for (int i = 0; i < n; i++) {
          annotations.put("org.example.key." + i, "value-" + i);
        }
      }
      case 9 -> root.set(pick("subject", "config", "artifactType", "urls", "schemaVersion",
          "layers", "manifests", "unknownField"), randomValue());
      case 10 -> {
        return byteDamage(root.toString().getBytes(StandardCharsets.UTF_8));
      }
      case 11 -> {
        String s = root.toString();
        return (s.substring(0, s.length() - 1) + ",\"schemaVersion\":2}")
            .getBytes(StandardCharsets.UTF_8); // duplicate key
      }
      case 12 -> root.put("schemaVersion", pick(NODES.numberNode(4294967298L),
          NODES.numberNode(new BigInteger("18446744073709551618")), NODES.numberNode(2.0),
          NODES.textNode("2"), NODES.numberNode(-2), NODES.numberNode(1), NODES.nullNode()));
      default -> {
        // valid as it is
      }
    }
    return root.toString().getBytes(StandardCharsets.UTF_8);
  }

  private JsonNode randomValue() {
    return switch (random.nextInt(9)) {
      case 0 -> NODES.nullNode();
      case 1 -> NODES.booleanNode(random.nextBoolean());
      case 2 -> NODES.textNode(noise(1 + random.nextInt(20)));
      case 3 -> NODES.arrayNode().add(1).add("x");
      case 4 -> NODES.objectNode().put("x", 1);
      case 5 -> NODES.arrayNode();
      case 6 -> NODES.objectNode();
      case 7 -> NODES.textNode("");
      default -> extremeNumber();
    };
  }

  private JsonNode extremeNumber() {
    return pick(NODES.numberNode(-1), NODES.numberNode(Long.MAX_VALUE),
        NODES.numberNode(Long.MIN_VALUE), NODES.numberNode(new BigInteger("9".repeat(400))),
        NODES.numberNode(1e308), NODES.numberNode(Double.MIN_VALUE), NODES.numberNode(0.5),
        NODES.numberNode(-0.0), NODES.numberNode(4294967298L), NODES.numberNode(2));
  }

  /** Every container node under {@code root}, with {@code root} first. */
  private static List<JsonNode> containers(JsonNode root) {
    List<JsonNode> out = new ArrayList<>();
    out.add(root);
    for (int i = 0; i < out.size(); i++) {
      out.get(i).elements().forEachRemaining(child -> {
        if (child.isContainerNode()) {
          out.add(child);
        }
      });
    }
    return out;
  }

  private void replaceRandomNode(ObjectNode root, JsonNode value) {
    JsonNode parent = pick(containers(root));
    if (parent instanceof ObjectNode o && o.size() > 0) {
      List<String> names = new ArrayList<>();
      o.fieldNames().forEachRemaining(names::add);
      o.set(pick(names), value);
    } else if (parent instanceof ArrayNode a && a.size() > 0) {
      a.set(random.nextInt(a.size()), value);
    } else if (parent instanceof ObjectNode o) {
      o.set("x", value);
    }
  }

  private void removeRandomField(ObjectNode root) {
    JsonNode parent = pick(containers(root));
    if (parent instanceof ObjectNode o && o.size() > 0) {
      List<String> names = new ArrayList<>();
      o.fieldNames().forEachRemaining(names::add);
      o.remove(pick(names));
    } else if (parent instanceof ArrayNode a && a.size() > 0) {
      a.remove(random.nextInt(a.size()));
    }
  }

  /** The manifest with one field nested hundreds to thousands of levels deep, as raw JSON. */
  private byte[] deepNesting(ObjectNode root) {
    int depth = pick(100, 999, 1001, 5000, 100_000);
    boolean arrays = random.nextBoolean();
    String open = arrays ? "[" : "{\"a\":";
    String close = arrays ? "]" : "}";
    String field = pick("annotations", "config", "layers", "manifests", "subject", "x");
    root.remove(field);
    String s = root.toString();
    return (s.substring(0, s.length() - 1) + ",\"" + field + "\":" + open.repeat(depth) + "1"
        + close.repeat(depth) + "}").getBytes(StandardCharsets.UTF_8);
  }

  /** Copies the first layer or child descriptor thousands of times (same digest each time). */
  private void manyDescriptors(ObjectNode root) {
    String field = root.has("layers") ? "layers" : "manifests";
    ArrayNode list = (ArrayNode) root.get(field);
    if (list == null || list.isEmpty()) {
      return;
    }
    JsonNode first = list.get(0);
    int n = pick(100, 2049, 5000, 30_000);
    for (int i = list.size(); i < n; i++) {
      list.add(first.deepCopy());
    }
  }

  private byte[] byteDamage(byte[] bytes) {
    byte[] out = bytes.clone();
    switch (random.nextInt(5)) {
      case 0 -> out[random.nextInt(out.length)] = (byte) random.nextInt(256);
      case 1 -> {
        return java.util.Arrays.copyOf(out, random.nextInt(out.length));
      }
      case 2 -> {
        byte[] bom = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf};
        byte[] with = new byte[out.length + 3];
        System.arraycopy(bom, 0, with, 0, 3);
        System.arraycopy(out, 0, with, 3, out.length);
        return with;
      }
      case 3 -> {
        return (new String(out, StandardCharsets.UTF_8) + pick("x", "{}", "\n\n", "\0", "]"))
            .getBytes(StandardCharsets.UTF_8);
      }
      default -> {
        return new byte[] {(byte) 0xff, (byte) 0xfe, '{', '}'};
      }
    }
    return out;
  }

  // --- building blocks ---

  /** {@code value} with {@code count} tokens inserted at random places. */
  String splice(String value, int count) {
    StringBuilder s = new StringBuilder(value);
    for (int i = 0; i < count; i++) {
      s.insert(random.nextInt(s.length() + 1), pick(TOKENS));
    }
    return s.toString();
  }

  /** {@code seed} repeated to about {@code length} characters. */
  String longValue(String seed, int length) {
    String unit = seed.isEmpty() ? "a" : seed;
    StringBuilder s = new StringBuilder(length + unit.length());
    while (s.length() < length) {
      s.append(unit);
    }
    return s.substring(0, length);
  }

  /** Random code points, mostly printable ASCII, some controls and some beyond ASCII. */
  String noise(int length) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < length; i++) {
      int kind = random.nextInt(10);
      int cp = kind < 6 ? 0x20 + random.nextInt(0x5f)
          : kind < 8 ? random.nextInt(0x20)
          : kind < 9 ? 0x80 + random.nextInt(0x780)
          : 0x1f300 + random.nextInt(0x100);
      s.appendCodePoint(cp);
    }
    return s.toString();
  }

  String alnum(int length) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < length; i++) {
      s.append(ALNUM.charAt(random.nextInt(ALNUM.length())));
    }
    return s.toString();
  }

  String hex(int length) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < length; i++) {
      s.append(HEX.charAt(random.nextInt(16)));
    }
    return s.toString();
  }
}
