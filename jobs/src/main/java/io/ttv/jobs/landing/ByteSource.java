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

  /**
   * Buffers at least {@code n} bytes (at most the buffer's size) unless the input ends first; true when
   * they are there. A stream may hand out fewer bytes per read than asked for (one at a time, even), so a
   * look-ahead of more than one byte must not rely on a single read.
   */
  boolean ensure(int n) throws IOException {
    if (n > buf.length) {
      throw new IllegalArgumentException("look-ahead of " + n + " bytes is more than the buffer holds");
    }
    if (limit - pos >= n) {
      return true;
    }
    if (pos > 0) {
      System.arraycopy(buf, pos, buf, 0, limit - pos);
      limit -= pos;
      pos = 0;
    }
    while (limit < n && !eof) {
      try {
        int r = in.read(buf, limit, buf.length - limit);
        if (r < 0) {
          eof = true;
        } else {
          limit += r;
        }
      } catch (IOException e) {
        failure = e;
        eof = true;
        throw e;
      }
    }
    return limit - pos >= n;
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
