package io.ttv.schemas.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StorageUrisTest {

  @Test
  void acceptedSchemesAreKeptWithoutATrailingSlash() {
    assertThat(StorageUris.normalize("file:///var/lib/ttv/warehouse/"))
        .isEqualTo("file:///var/lib/ttv/warehouse");
    assertThat(StorageUris.normalize("file:/var/lib/ttv//warehouse/../landing"))
        .isEqualTo("file:///var/lib/ttv/landing");
    assertThat(StorageUris.normalize("file://localhost/srv/ttv")).isEqualTo("file:///srv/ttv");
    assertThat(StorageUris.normalize("S3A://lake/ttv/")).isEqualTo("s3a://lake/ttv");
    assertThat(StorageUris.normalize("s3a://lake")).isEqualTo("s3a://lake");
    assertThat(StorageUris.normalize("abfss://wh@acct.dfs.core.windows.net/ttv"))
        .isEqualTo("abfss://wh@acct.dfs.core.windows.net/ttv");
    assertThat(StorageUris.normalize("gs://bucket/ttv/wh//")).isEqualTo("gs://bucket/ttv/wh");
    assertThat(StorageUris.normalize("hdfs:///user/ttv")).isEqualTo("hdfs:///user/ttv");
    assertThat(StorageUris.normalize("hdfs://nn:8020/user/ttv"))
        .isEqualTo("hdfs://nn:8020/user/ttv");
  }

  @Test
  void aBarePathIsAnAbsoluteFileUri() {
    String cwd = Path.of("").toAbsolutePath().toString();
    assertThat(StorageUris.normalize("/srv/ttv/")).isEqualTo("file:///srv/ttv");
    assertThat(StorageUris.normalize("warehouse")).isEqualTo("file://" + cwd + "/warehouse");
    assertThat(StorageUris.normalize("~/ttv"))
        .isEqualTo("file://" + Path.of(System.getProperty("user.home"), "ttv"));
    // Hadoop takes path characters literally, so nothing is percent-encoded.
    assertThat(StorageUris.normalize("/srv/my data")).isEqualTo("file:///srv/my data");
  }

  @Test
  void unusableLocationsSayWhy() {
    assertThatThrownBy(() -> StorageUris.normalize("https://example.com/w"))
        .hasMessage(
            "unsupported URI scheme 'https:' (expected file:, s3a:, abfss:, gs:, hdfs: or a path)");
    assertThatThrownBy(() -> StorageUris.normalize("s3a:/lake/ttv"))
        .hasMessage("expected s3a://<bucket>/<path>");
    assertThatThrownBy(() -> StorageUris.normalize("gs:///ttv"))
        .hasMessage("expected gs://<bucket>/<path>");
    assertThatThrownBy(() -> StorageUris.normalize("file:relative/w"))
        .hasMessageStartingWith("a file: URI needs an absolute path");
    assertThatThrownBy(() -> StorageUris.normalize("file://server/share"))
        .hasMessageStartingWith("a file: URI cannot name a host ('server')");
    assertThatThrownBy(() -> StorageUris.normalize(" /srv/ttv"))
        .hasMessage("must not start or end with whitespace");
  }

  @Test
  void siblingIsTheParentFolderPlusAName() {
    assertThat(StorageUris.sibling("file:///var/lib/ttv/warehouse", "reports"))
        .isEqualTo("file:///var/lib/ttv/reports");
    assertThat(StorageUris.sibling("s3a://lake/warehouse", "reports"))
        .isEqualTo("s3a://lake/reports");
    // At the root of a bucket ".." stays at the root.
    assertThat(StorageUris.sibling("s3a://lake", "reports")).isEqualTo("s3a://lake/reports");
    assertThat(StorageUris.sibling("file:///", "reports")).isEqualTo("file:///reports");
    assertThat(StorageUris.sibling("hdfs:///warehouse", "reports")).isEqualTo("hdfs:///reports");
  }

  @Test
  void joinPutsOneSlashBetween() {
    assertThat(StorageUris.join("file:///", "t")).isEqualTo("file:///t");
    assertThat(StorageUris.join("s3a://lake/w", "t")).isEqualTo("s3a://lake/w/t");
  }
}
