package dev.meridian.core.blob;

import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.Hex;
import java.util.HexFormat;

/**
 * SHA-256 (FIPS 180-4) whose running state can be written down and picked up again by another
 * request, another process: {@link #state()} and {@link #resume(String)}. The JDK's
 * {@code MessageDigest} can be cloned but not exported, and a Lambda function stops working when
 * it answers, so verifying a blob larger than one request's time budget is done slice by slice,
 * the state kept in the upload session between requests (docs/uploads.md, "Direct uploads").
 *
 * <p>Plain Java, so slower than the JDK's intrinsic SHA-256 (which uses the CPU's SHA extensions);
 * the direct-upload path is the only user, and it is bounded by S3 reads anyway.
 */
final class ResumableSha256 {
  private static final int[] K = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
  };
  private static final int[] INITIAL = {
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19
  };

  private final int[] h;
  private final byte[] block = new byte[64];
  private final int[] w = new int[64];
  private int pending;
  private long count;

  ResumableSha256() {
    this(INITIAL.clone(), 0, new byte[0]);
  }

  private ResumableSha256(int[] h, long count, byte[] pendingBytes) {
    this.h = h;
    this.count = count;
    System.arraycopy(pendingBytes, 0, block, 0, pendingBytes.length);
    this.pending = pendingBytes.length;
  }

  /** Bytes hashed so far. */
  long count() {
    return count;
  }

  void update(byte[] bytes, int offset, int length) {
    count += length;
    int i = offset;
    int end = offset + length;
    if (pending > 0) {
      int take = Math.min(64 - pending, length);
      System.arraycopy(bytes, i, block, pending, take);
      pending += take;
      i += take;
      if (pending < 64) {
        return;
      }
      compress(block, 0);
      pending = 0;
    }
    for (; end - i >= 64; i += 64) {
      compress(bytes, i);
    }
    System.arraycopy(bytes, i, block, 0, end - i);
    pending = end - i;
  }

  /** The digest of everything hashed; this hasher is spent afterwards. */
  Digest digest() {
    long bits = count * 8;
    byte[] padding = new byte[(pending < 56 ? 56 : 120) - pending + 8];
    padding[0] = (byte) 0x80;
    for (int b = 0; b < 8; b++) {
      padding[padding.length - 1 - b] = (byte) (bits >>> (8 * b));
    }
    update(padding, 0, padding.length);
    byte[] out = new byte[32];
    for (int j = 0; j < 8; j++) {
      out[4 * j] = (byte) (h[j] >>> 24);
      out[4 * j + 1] = (byte) (h[j] >>> 16);
      out[4 * j + 2] = (byte) (h[j] >>> 8);
      out[4 * j + 3] = (byte) h[j];
    }
    return new Digest(Digest.SHA256, Hex.encode(out));
  }

  /**
   * The running state as text: {@code <8 words hex>.<byte count>.<pending bytes hex>}, at most
   * 64 + 20 + 128 characters. Only the registry writes it (into its own session record).
   */
  String state() {
    StringBuilder s = new StringBuilder(220);
    for (int word : h) {
      s.append(String.format("%08x", word));
    }
    s.append('.').append(count).append('.');
    s.append(HexFormat.of().formatHex(block, 0, pending));
    return s.toString();
  }

  /** A hasher continuing from {@link #state()}; IllegalArgumentException if malformed. */
  static ResumableSha256 resume(String state) {
    String[] parts = state.split("\\.", -1);
    if (parts.length != 3 || parts[0].length() != 64 || parts[2].length() >= 128) {
      throw new IllegalArgumentException("malformed SHA-256 state");
    }
    int[] h = new int[8];
    for (int j = 0; j < 8; j++) {
      h[j] = Integer.parseUnsignedInt(parts[0].substring(8 * j, 8 * j + 8), 16);
    }
    long count = Long.parseLong(parts[1]);
    byte[] pendingBytes = HexFormat.of().parseHex(parts[2]);
    if (count < 0 || count % 64 != pendingBytes.length) {
      throw new IllegalArgumentException("malformed SHA-256 state");
    }
    return new ResumableSha256(h, count, pendingBytes);
  }

  private void compress(byte[] in, int offset) {
    for (int t = 0; t < 16; t++) {
      int p = offset + 4 * t;
      w[t] = (in[p] & 0xff) << 24 | (in[p + 1] & 0xff) << 16 | (in[p + 2] & 0xff) << 8
          | (in[p + 3] & 0xff);
    }
    for (int t = 16; t < 64; t++) {
      int s0 = Integer.rotateRight(w[t - 15], 7) ^ Integer.rotateRight(w[t - 15], 18)
          ^ (w[t - 15] >>> 3);
      int s1 = Integer.rotateRight(w[t - 2], 17) ^ Integer.rotateRight(w[t - 2], 19)
          ^ (w[t - 2] >>> 10);
      w[t] = w[t - 16] + s0 + w[t - 7] + s1;
    }
    int a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
    for (int t = 0; t < 64; t++) {
      int s1 = Integer.rotateRight(e, 6) ^ Integer.rotateRight(e, 11) ^ Integer.rotateRight(e, 25);
      int ch = (e & f) ^ (~e & g);
      int t1 = hh + s1 + ch + K[t] + w[t];
      int s0 = Integer.rotateRight(a, 2) ^ Integer.rotateRight(a, 13) ^ Integer.rotateRight(a, 22);
      int maj = (a & b) ^ (a & c) ^ (b & c);
      int t2 = s0 + maj;
      hh = g;
      g = f;
      f = e;
      e = d + t1;
      d = c;
      c = b;
      b = a;
      a = t1 + t2;
    }
    h[0] += a;
    h[1] += b;
    h[2] += c;
    h[3] += d;
    h[4] += e;
    h[5] += f;
    h[6] += g;
    h[7] += hh;
  }
}
