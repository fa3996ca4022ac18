package io.ttv.schemas.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Normalises the storage locations of the config ({@code warehouse}, {@code landing}, {@code
 * report.out}) to one URI form: {@code scheme://authority/path}, no trailing slash.
 *
 * <p>Paths are kept as written, not percent-encoded or decoded: Spark hands them to Hadoop's {@code
 * Path}, which takes the characters literally ({@code file:///tmp/a b} is the folder {@code a b};
 * {@code file:///tmp/a%20b} is a folder with a percent sign in its name).
 */
public final class StorageUris {

  static final List<String> SCHEMES = List.of("file", "s3a", "abfss", "gs", "hdfs");

  // One letter would be a Windows drive, which ttv does not run on; it then fails as a scheme.
  private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*):");

  private StorageUris() {}

  /**
   * The normalised URI of a config value: a bare path (absolute, relative to the working directory,
   * or starting with {@code ~/}) becomes an absolute {@code file://} URI.
   *
   * @throws IllegalArgumentException with a message for the user when the value is not usable
   */
  public static String normalize(String raw) {
    if (raw.isBlank()) {
      throw new IllegalArgumentException("expected a URI or a path, got an empty string");
    }
    if (!raw.strip().equals(raw)) {
      throw new IllegalArgumentException("must not start or end with whitespace");
    }
    Matcher m = SCHEME.matcher(raw);
    if (!m.find()) {
      return "file://" + absoluteLocalPath(raw);
    }
    String scheme = m.group(1).toLowerCase(Locale.ROOT);
    String rest = raw.substring(m.end());
    switch (scheme) {
      case "file":
        return "file://" + fileUriPath(rest);
      case "s3a":
      case "abfss":
      case "gs":
        return scheme + "://" + remoteRest(scheme, rest, true);
      case "hdfs":
        return scheme + "://" + remoteRest(scheme, rest, false);
      default:
        String hint =
            scheme.equals("s3") || scheme.equals("s3n") ? " (Hadoop's S3 connector is s3a:)" : "";
        throw new IllegalArgumentException(
            "unsupported URI scheme '"
                + m.group(1)
                + ":' (expected file:, s3a:, abfss:, gs:, hdfs: or a path)"
                + hint);
    }
  }

  /** {@code base/child}, with exactly one slash between them. */
  static String join(String base, String child) {
    return base.endsWith("/") ? base + child : base + "/" + child;
  }

  /**
   * {@code <uri>/../<name>}: the sibling {@code name} of the URI's last path segment; at the root
   * of a bucket or file system, {@code name} under that root (as URI resolution does with {@code
   * ..}).
   */
  static String sibling(String uri, String name) {
    int authorityStart = uri.indexOf("://") + 3;
    int pathStart = uri.indexOf('/', authorityStart);
    if (pathStart < 0) {
      return uri + "/" + name;
    }
    String prefix = uri.substring(0, pathStart);
    String path = uri.substring(pathStart);
    int lastSlash = path.lastIndexOf('/');
    String parent = path.substring(0, lastSlash);
    return prefix + parent + "/" + name;
  }

  private static String absoluteLocalPath(String raw) {
    String expanded = raw;
    if (raw.equals("~") || raw.startsWith("~/")) {
      expanded = System.getProperty("user.home") + raw.substring(1);
    }
    try {
      return Path.of(expanded).toAbsolutePath().normalize().toString();
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException("not a valid path: " + e.getReason());
    }
  }

  private static String fileUriPath(String rest) {
    String path = rest;
    if (rest.startsWith("//")) {
      int slash = rest.indexOf('/', 2);
      String authority = slash < 0 ? rest.substring(2) : rest.substring(2, slash);
      if (!authority.isEmpty() && !authority.equalsIgnoreCase("localhost")) {
        throw new IllegalArgumentException(
            "a file: URI cannot name a host ('" + authority + "'); write file:///<absolute path>");
      }
      path = slash < 0 ? "/" : rest.substring(slash);
    }
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException(
          "a file: URI needs an absolute path (file:///...); write a relative path without file:");
    }
    try {
      return Path.of(path).normalize().toString();
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException("not a valid path: " + e.getReason());
    }
  }

  private static String remoteRest(String scheme, String rest, boolean needsAuthority) {
    if (!rest.startsWith("//")) {
      throw new IllegalArgumentException(example(scheme));
    }
    String afterSlashes = rest.substring(2);
    int slash = afterSlashes.indexOf('/');
    String authority = slash < 0 ? afterSlashes : afterSlashes.substring(0, slash);
    if (needsAuthority && authority.isEmpty()) {
      throw new IllegalArgumentException(example(scheme));
    }
    String path = slash < 0 ? "" : afterSlashes.substring(slash);
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    return authority + path;
  }

  private static String example(String scheme) {
    switch (scheme) {
      case "s3a":
        return "expected s3a://<bucket>/<path>";
      case "gs":
        return "expected gs://<bucket>/<path>";
      case "abfss":
        return "expected abfss://<container>@<account>.dfs.core.windows.net/<path>";
      default:
        return "expected hdfs://<namenode>/<path> or hdfs:///<path>";
    }
  }
}
