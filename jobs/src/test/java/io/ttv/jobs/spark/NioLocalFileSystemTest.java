package io.ttv.jobs.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.CreateFlag;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local file system without shell-outs behaves as Hadoop's own for what Spark and Delta ask of it. */
class NioLocalFileSystemTest {
  @TempDir java.nio.file.Path dir;

  private static Configuration conf() {
    Configuration c = new Configuration(false);
    c.set("fs.file.impl", NioLocalFileSystem.class.getName());
    c.set("fs.AbstractFileSystem.file.impl", NioLocalFileSystem.Fs.class.getName());
    c.setBoolean("fs.file.impl.disable.cache", true);
    return c;
  }

  @Test
  void createsWithPermissionsAndChecksumsAndReadsBack() throws Exception {
    FileSystem fs = FileSystem.get(dir.toUri(), conf());
    assertThat(fs).isInstanceOf(NioLocalFileSystem.class);
    Path file = new Path(dir.toUri().toString(), "a/b/part-0.json");
    try (FSDataOutputStream out = fs.create(file, new FsPermission((short) 0640), false, 4096, (short) 1, 1 << 20, null)) {
      out.write("{\"x\":1}".getBytes(StandardCharsets.UTF_8));
    }
    java.nio.file.Path local = dir.resolve("a/b/part-0.json");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(local))).isEqualTo("rw-r-----");
    assertThat(dir.resolve("a/b/.part-0.json.crc")).exists(); // still Hadoop's checksummed file system
    fs.setPermission(file, new FsPermission((short) 0604));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(local))).isEqualTo("rw----r--");
    try (var in = fs.open(file)) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("{\"x\":1}");
    }
  }

  @Test
  void listsRecursivelyWithPermissionsOwnersAndSizesAsTheFilesHaveThem() throws Exception {
    FileSystem fs = FileSystem.get(dir.toUri(), conf());
    java.nio.file.Path page = dir.resolve("dt=2026-01-12/repo=northwind%2Fapi/run_id=7/attempt=1.json");
    Files.createDirectories(page.getParent());
    Files.writeString(page, "{\"jobs\":[]}");
    Files.setPosixFilePermissions(page, PosixFilePermissions.fromString("rw-r-----"));
    java.nio.file.attribute.PosixFileAttributes want = Files.readAttributes(page, java.nio.file.attribute.PosixFileAttributes.class);

    var it = fs.listFiles(new Path(dir.toUri().toString(), "dt=2026-01-12"), true);
    java.util.List<org.apache.hadoop.fs.LocatedFileStatus> all = new java.util.ArrayList<>();
    while (it.hasNext()) {
      all.add(it.next());
    }
    assertThat(all).hasSize(1);
    org.apache.hadoop.fs.LocatedFileStatus st = all.get(0);
    assertThat(st.getPath().toUri().getPath()).isEqualTo(page.toString());
    assertThat(st.getPath().getName()).isEqualTo("attempt=1.json");
    assertThat(st.getLen()).isEqualTo(11);
    assertThat(st.isFile()).isTrue();
    assertThat(st.getPermission().toString()).isEqualTo("rw-r-----");
    assertThat(st.getOwner()).isEqualTo(want.owner().getName());
    assertThat(st.getGroup()).isEqualTo(want.group().getName());
    assertThat(st.getModificationTime()).isEqualTo(want.lastModifiedTime().toMillis());

    FileStatus folder = fs.getFileStatus(new Path(dir.toUri().toString(), "dt=2026-01-12/repo=northwind%2Fapi"));
    assertThat(folder.isDirectory()).isTrue();
    // a folder's entries are named as on disk (no trailing '/', which would leave getName() empty)
    FileStatus[] days = fs.listStatus(new Path(dir.toUri().toString()));
    assertThat(days).extracting(s -> s.getPath().getName()).containsExactly("dt=2026-01-12");
    assertThat(days[0].isDirectory()).isTrue();
    assertThat(fs.listStatus(days[0].getPath())).extracting(s -> s.getPath().getName()).containsExactly("repo=northwind%2Fapi");
    assertThat(fs.listStatus(new Path(page.toUri()))).hasSize(1); // a file lists as itself
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> fs.listStatus(new Path(dir.toUri().toString(), "missing")))
        .isInstanceOf(java.io.FileNotFoundException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> fs.getFileStatus(new Path(dir.toUri().toString(), "missing")))
        .isInstanceOf(java.io.FileNotFoundException.class);
  }

  @Test
  void linkStatusOfAFileAndOfASymlink() throws Exception {
    NioLocalFileSystem.Raw raw = new NioLocalFileSystem.Raw();
    raw.initialize(dir.toUri(), conf());
    java.nio.file.Path target = Files.writeString(dir.resolve("target.txt"), "hello");
    java.nio.file.Path link = Files.createSymbolicLink(dir.resolve("link.txt"), target);

    FileStatus plain = raw.getFileLinkStatus(new Path(target.toUri()));
    assertThat(plain.isSymlink()).isFalse();
    assertThat(plain.getLen()).isEqualTo(5);

    FileStatus viaLink = raw.getFileLinkStatus(new Path(link.toUri()));
    assertThat(viaLink.isSymlink()).isTrue();
    assertThat(viaLink.getSymlink().toUri().getPath()).isEqualTo(target.toString());
  }

  @Test
  void fileContextRenamesWithoutOverwriteAsDeltasLogStoreDoes() throws Exception {
    FileContext fc = FileContext.getFileContext(dir.toUri(), conf());
    Path tmp = new Path(dir.toUri().toString(), "_delta_log/.00000.json.tmp");
    Path commit = new Path(dir.toUri().toString(), "_delta_log/00000.json");
    try (FSDataOutputStream out = fc.create(tmp, EnumSet.of(CreateFlag.CREATE), Options.CreateOpts.createParent())) {
      out.write("{}".getBytes(StandardCharsets.UTF_8));
    }
    fc.rename(tmp, commit, Options.Rename.NONE);
    assertThat(Files.readString(dir.resolve("_delta_log/00000.json"))).isEqualTo("{}");
    // a second writer of the same version loses: the rename refuses to overwrite
    try (FSDataOutputStream out = fc.create(tmp, EnumSet.of(CreateFlag.CREATE), Options.CreateOpts.createParent())) {
      out.write("{\"other\":1}".getBytes(StandardCharsets.UTF_8));
    }
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> fc.rename(tmp, commit, Options.Rename.NONE))
        .isInstanceOf(org.apache.hadoop.fs.FileAlreadyExistsException.class);
    assertThat(Files.readString(dir.resolve("_delta_log/00000.json"))).isEqualTo("{}");
  }
}
