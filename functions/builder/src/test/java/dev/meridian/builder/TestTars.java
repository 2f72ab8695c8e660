package dev.meridian.builder;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;

/** Builds small tar(.gz) archives for tests, and reads them back as path → entry. */
final class TestTars {
  private final Map<String, FileNode> entries = new LinkedHashMap<>();
  private final Path dir;

  TestTars() {
    try {
      dir = Files.createTempDirectory("meridian-test-tar-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  TestTars file(String path, String content) {
    return file(path, content, 0644);
  }

  TestTars file(String path, String content, int mode) {
    return file(path, content.getBytes(StandardCharsets.UTF_8), mode, 501, 20);
  }

  TestTars file(String path, byte[] content, int mode, int uid, int gid) {
    try {
      Path f = dir.resolve("f" + entries.size());
      Files.write(f, content);
      entries.put(path, new FileNode(FileNode.Type.FILE, mode, uid, gid, content.length, f, ""));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  TestTars dir(String path, int mode) {
    entries.put(path, FileNode.dir(mode, 501, 20));
    return this;
  }

  TestTars symlink(String path, String target) {
    entries.put(path, new FileNode(FileNode.Type.SYMLINK, 0777, 501, 20, 0, null, target));
    return this;
  }

  byte[] tar() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      TarWriter writer = new TarWriter(out, 1_700_000_000L);
      for (Map.Entry<String, FileNode> e : entries.entrySet()) {
        writer.write(e.getKey(), e.getValue());
      }
      writer.finish();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  byte[] tarGz() {
    return gzip(tar());
  }

  ContextArchive context() {
    byte[] bytes = tarGz();
    return () -> new ByteArrayInputStream(bytes);
  }

  static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** An entry read back from a layer, with its content as text (files only). */
  record Read(char type, int mode, int uid, int gid, String content, String link) {}

  /** Reads a (possibly gzip-compressed) tar into path → entry, in archive order. */
  static Map<String, Read> read(InputStream raw) {
    Map<String, Read> out = new LinkedHashMap<>();
    try (InputStream in = TreeExtractor.maybeGunzip(raw)) {
      TarReader reader = new TarReader(in);
      for (TarEntry e = reader.next(); e != null; e = reader.next()) {
        String content = e.isFile()
            ? new String(reader.content().readAllBytes(), StandardCharsets.UTF_8) : null;
        out.put(e.name(), new Read(e.type(), e.mode(), e.uid(), e.gid(), content, e.linkName()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  static Map<String, Read> sorted(Map<String, Read> entries) {
    return new TreeMap<>(entries);
  }
}
