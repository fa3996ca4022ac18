package io.ttv.jobs.spark;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFs;
import org.apache.hadoop.fs.DelegateToFileSystem;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FsServerDefaults;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * Hadoop's local file system ({@code file:}) without its shell-outs. Without Hadoop's native library,
 * {@link RawLocalFileSystem} runs {@code chmod} for every file and folder it creates and {@code readlink}
 * for every link-status lookup (each Delta commit renames through one): a profile of one small pipeline
 * test counted 1,342 processes started in 86 s. This class does both with {@code java.nio} and is
 * otherwise Hadoop's own; {@link SparkSessions} installs it for {@code file:} paths (both Hadoop APIs:
 * {@code FileSystem} for Spark, {@code FileContext} for Delta's log store). Other schemes are untouched.
 */
public class NioLocalFileSystem extends LocalFileSystem {
  /** The Hadoop keys (with Spark's {@code spark.hadoop.} prefix) that install it; see {@link SparkSessions}. */
  public static final String FS_KEY = "spark.hadoop.fs.file.impl";

  public static final String ABSTRACT_FS_KEY = "spark.hadoop.fs.AbstractFileSystem.file.impl";

  public NioLocalFileSystem() {
    super(new Raw());
  }

  /** The checksummed FileContext flavour (what Hadoop's {@code LocalFs} is), over {@link Raw}. */
  public static final class Fs extends ChecksumFs {
    public Fs(URI uri, Configuration conf) throws IOException, URISyntaxException {
      super(new RawFs(uri, conf));
    }
  }

  /** What Hadoop's {@code RawLocalFs} is, delegating to {@link Raw}. */
  static final class RawFs extends DelegateToFileSystem {
    RawFs(URI uri, Configuration conf) throws IOException, URISyntaxException {
      super(uri, new Raw(), conf, "file", false);
    }

    @Override
    public int getUriDefaultPort() {
      return -1;
    }

    @Override
    public FsServerDefaults getServerDefaults(Path f) throws IOException {
      return fsImpl.getServerDefaults(f);
    }

    @Override
    @SuppressWarnings("deprecation")
    public FsServerDefaults getServerDefaults() throws IOException {
      return fsImpl.getServerDefaults();
    }

    @Override
    public boolean isValidName(String src) {
      return true; // local paths may contain ':' and the like, as Hadoop's RawLocalFs allows
    }
  }

  /** {@link RawLocalFileSystem} with permissions and link lookups through {@code java.nio}. */
  public static class Raw extends RawLocalFileSystem {
    @Override
    public void setPermission(Path p, FsPermission permission) throws IOException {
      // FsPermission prints "rwxr-xr-x" (plus a sticky-bit 't' some callers never pass here)
      String rwx = permission.toString().substring(0, 9).replace('t', 'x').replace('T', '-');
      Files.setPosixFilePermissions(pathToFile(p).toPath(), PosixFilePermissions.fromString(rwx));
    }

    /**
     * The status with permission, owner and group read at once through {@code java.nio}. Hadoop's own
     * returns a status that runs {@code ls -ld} the first time any of the three is asked for, and a
     * listing asks for each file's ({@code LocatedFileStatus} copies them): about 7 ms a file, 13 s of an
     * org-400 nightly's 1,738 GitHub job files.
     */
    @Override
    public FileStatus getFileStatus(Path p) throws IOException {
      java.io.File f = pathToFile(p);
      PosixFileAttributes a;
      try {
        a = Files.readAttributes(f.toPath(), PosixFileAttributes.class);
      } catch (java.nio.file.NoSuchFileException e) {
        throw new FileNotFoundException("File " + p + " does not exist");
      }
      return new FileStatus(
          a.isDirectory() ? 0 : a.size(), a.isDirectory(), 1, getDefaultBlockSize(p), a.lastModifiedTime().toMillis(),
          a.lastAccessTime().toMillis(),
          FsPermission.valueOf((a.isDirectory() ? "d" : "-") + PosixFilePermissions.toString(a.permissions())),
          a.owner().getName(), a.group().getName(), makeQualified(p));
    }

    /** A folder's entries (or a file's own status), each through {@link #getFileStatus}. */
    @Override
    public FileStatus[] listStatus(Path p) throws IOException {
      java.io.File f = pathToFile(p);
      if (!f.exists()) {
        throw new FileNotFoundException("File " + p + " does not exist");
      }
      if (!f.isDirectory()) {
        return new FileStatus[] {getFileStatus(p)};
      }
      String[] names = f.list();
      if (names == null) {
        throw new IOException("cannot list " + p);
      }
      java.util.List<FileStatus> out = new java.util.ArrayList<>(names.length);
      for (String name : names) {
        try {
          out.add(getFileStatus(new Path(p, new Path(null, null, name))));
        } catch (FileNotFoundException e) {
          // removed between the listing and its status: as Hadoop's own, left out
        }
      }
      return out.toArray(FileStatus[]::new);
    }

    /** A path that is no link: its status; a symbolic link: the link's own status, with its target. */
    @Override
    public FileStatus getFileLinkStatus(Path p) throws IOException {
      java.nio.file.Path local = pathToFile(p).toPath();
      if (!Files.isSymbolicLink(local)) {
        return getFileStatus(p);
      }
      BasicFileAttributes a = Files.readAttributes(local, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      return new FileStatus(0, false, 0, 0, a.lastModifiedTime().toMillis(), a.lastAccessTime().toMillis(), null, null, null,
          new Path(Files.readSymbolicLink(local).toString()), makeQualified(p));
    }
  }
}
