package io.ttv.jobs.landing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * One line of an NDJSON file as a stream that ends at the newline, so a parser error stays inside the
 * line and the next line starts clean. Remembers the line's first 64 KB as evidence.
 */
final class LineInputStream extends InputStream {
  private final ByteSource src;
  private final int lineNumber;
  private final byte[] head = new byte[RecordSplitter.RAW_TEXT_LIMIT];
  private int headLen;
  private boolean ended;
  private final byte[] one = new byte[1];

  LineInputStream(ByteSource src, int lineNumber) {
    this.src = src;
    this.lineNumber = lineNumber;
  }

  int lineNumber() {
    return lineNumber;
  }

  /** True when the whole line (through its newline or the end of input) has been read. */
  boolean complete() {
    return ended;
  }

  /** The failure of the underlying file (a corrupt gzip), if reading it failed; not a JSON error. */
  IOException sourceFailure() {
    return src.failure;
  }

  @Override
  public int read() throws IOException {
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (ended) {
      return -1;
    }
    if (len == 0) {
      return 0;
    }
    if (!src.ensure()) {
      ended = true;
      return -1;
    }
    byte[] buf = src.buf;
    int start = src.pos;
    int max = Math.min(src.limit, start + len);
    int i = start;
    while (i < max && buf[i] != '\n') {
      i++;
    }
    int n = i - start;
    System.arraycopy(buf, start, b, off, n);
    if (headLen < head.length && n > 0) {
      int k = Math.min(n, head.length - headLen);
      System.arraycopy(buf, start, head, headLen, k);
      headLen += k;
    }
    src.pos = i;
    if (i < src.limit && buf[i] == '\n') {
      src.pos = i + 1;
      ended = true;
    }
    if (n == 0) {
      return ended ? -1 : read(b, off, len);
    }
    return n;
  }

  /** Reads to the end of the line, discarding it. */
  void drain() throws IOException {
    byte[] skip = new byte[8192];
    while (read(skip, 0, skip.length) >= 0) {
      // discard
    }
  }

  String head() {
    String s = new String(head, 0, headLen, StandardCharsets.UTF_8);
    return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
  }

  @Override
  public void close() {
    // the file stays open for the next line
  }
}
