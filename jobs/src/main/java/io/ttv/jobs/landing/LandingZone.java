package io.ttv.jobs.landing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Lists the landing zone: {@code <landing>/<system>/<dataset>/dt=<export date>/[key=value/...]<files>}.
 * Only the {@code dt=} folders a run needs are listed (listing the whole zone grows with history).
 */
public final class LandingZone {
  private final String root;
  private final Configuration hadoopConf;

  public LandingZone(String root, Configuration hadoopConf) {
    this.root = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
    this.hadoopConf = hadoopConf;
  }

  public String root() {
    return root;
  }

  /** True when {@code <landing>/<system>} exists (the default for {@code sources.<system>.enabled}). */
  public boolean hasSystem(String system) {
    return exists(new Path(root + "/" + system));
  }

  public boolean exists() {
    return exists(new Path(root));
  }

  private boolean exists(Path p) {
    try {
      return fs().exists(p);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the landing zone " + root + ": " + e.getMessage(), e);
    }
  }

  /**
   * Every data file of one dataset for the export dates {@code from..to}, sorted by path. The dataset
   * folder is listed once (one entry per export day) and only the dt= folders in the range are walked,
   * so the cost follows the run's dates, not the zone's history.
   */
  public List<LandingFile> files(String system, String dataset, LocalDate from, LocalDate to) {
    List<LandingFile> files = new ArrayList<>();
    walk(system, dataset, from, to, (st, f) -> files.add(f));
    files.sort(java.util.Comparator.comparing(LandingFile::uri));
    return files;
  }

  /** The bytes, as stored, of {@link #files} of one dataset and export dates, from the same one listing. */
  public long bytes(String system, String dataset, LocalDate from, LocalDate to) {
    long[] total = {0};
    walk(system, dataset, from, to, (st, f) -> total[0] += st.getLen());
    return total[0];
  }

  private void walk(
      String system, String dataset, LocalDate from, LocalDate to, java.util.function.BiConsumer<LocatedFileStatus, LandingFile> each) {
    FileSystem fs = fs();
    Path datasetDir = new Path(root + "/" + system + "/" + dataset);
    try {
      if (!fs.exists(datasetDir)) {
        return;
      }
      for (org.apache.hadoop.fs.FileStatus day : fs.listStatus(datasetDir)) {
        String name = day.getPath().getName();
        if (!day.isDirectory() || !name.startsWith("dt=")) {
          continue;
        }
        LocalDate d;
        try {
          d = LocalDate.parse(name.substring(3));
        } catch (java.time.DateTimeException e) {
          continue; // not an export-date folder
        }
        if (d.isBefore(from) || d.isAfter(to)) {
          continue;
        }
        Path dir = day.getPath();
        String dirUri = fs.makeQualified(dir).toString();
        RemoteIterator<LocatedFileStatus> it = fs.listFiles(dir, true);
        while (it.hasNext()) {
          LocatedFileStatus st = it.next();
          String uri = st.getPath().toString();
          String rel = uri.startsWith(dirUri) ? uri.substring(dirUri.length()) : st.getPath().getName();
          if (isHidden(rel)) {
            continue;
          }
          each.accept(st, new LandingFile(uri, system, dataset, d.toString(), pathParams(rel)));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + datasetDir + ": " + e.getMessage(), e);
    }
  }

  /** Files and folders starting with '_' or '.' are markers and checksums (_SUCCESS, .crc), not data. */
  static boolean isHidden(String relativePath) {
    for (String seg : relativePath.split("/")) {
      if (!seg.isEmpty() && (seg.startsWith("_") || seg.startsWith("."))) {
        return true;
      }
    }
    return false;
  }

  /** The key=value folders between the dt= folder and the file, URL-decoded. */
  static Map<String, String> pathParams(String relativePath) {
    Map<String, String> params = new LinkedHashMap<>();
    String[] segs = relativePath.split("/");
    for (int i = 0; i < segs.length - 1; i++) {
      int eq = segs[i].indexOf('=');
      if (eq > 0) {
        params.put(decode(segs[i].substring(0, eq)), decode(segs[i].substring(eq + 1)));
      }
    }
    return params;
  }

  /** Percent-decoding as in a URL path: '+' stays a plus. */
  static String decode(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    try {
      return java.net.URLDecoder.decode(s.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }

  private FileSystem fs() {
    try {
      return FileSystem.get(URI.create(root + "/"), hadoopConf);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the landing zone " + root + ": " + e.getMessage(), e);
    }
  }
}
