package io.ttv.jobs.landing;

import java.io.IOException;
import java.io.InputStream;

/**
 * A plain buffer over the decoded file with a peek, used by the NDJSON line splitter (no synchronized
 * per-byte reads). An I/O failure of the underlying stream (a corrupt gzip) is kept, so the splitter can
 * tell it from a JSON error in one line.
 */
final class ByteSource extends InputStream {
  private final InputStream in;
  final byte[] buf = new byte[1 << 16];
  int pos;
  int limit;
  private boolean eof;
  IOException failure;

  ByteSource(InputStream in) {
    this.in = in;
  }

  /** True when at least one byte is buffered; false at the end of input (or after a failure). */
  boolean ensure() throws IOException {
    if (pos < limit) {
      return true;
    }
    if (eof) {
      return false;
    }
    try {
      int n;
      do {
        n = in.read(buf, 0, buf.length);
      } while (n == 0);
      if (n < 0) {
        eof = true;
        return false;
      }
      pos = 0;
      limit = n;
      return true;
    } catch (IOException e) {
      failure = e;
      eof = true;
      throw e;
    }
  }

  /** The next byte without consuming it, or -1. */
  int peek() throws IOException {
    return ensure() ? buf[pos] & 0xff : -1;
  }

  @Override
  public int read() throws IOException {
    return ensure() ? buf[pos++] & 0xff : -1;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (!ensure()) {
      return -1;
    }
    int n = Math.min(len, limit - pos);
    System.arraycopy(buf, pos, b, off, n);
    pos += n;
    return n;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
