package io.ttv.jobs.generate;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Independent random streams derived from the one user seed. Every part of the generator draws from a
 * stream named after what it generates, so adding a source (or a person) later leaves the bytes of the
 * other sources unchanged.
 */
final class Seeds {
  private Seeds() {}

  /** A seed for the stream {@code name} of {@code seed}: FNV-1a of the name, finished by SplitMix64. */
  static long mix(long seed, String name) {
    long h = 0xcbf29ce484222325L;
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return splitMix(seed ^ splitMix(h));
  }

  static SplittableRandom random(long seed, String name) {
    return new SplittableRandom(mix(seed, name));
  }

  static long splitMix(long z) {
    z += 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** 40 lower-case hex digits, the shape of a git object id. */
  static String sha(SplittableRandom random) {
    return String.format(
        java.util.Locale.ROOT, "%016x%016x%08x", random.nextLong(), random.nextLong(), random.nextInt());
  }
}
