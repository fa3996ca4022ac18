package io.ttv.jobs.landing;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * Splits one landing file into records, streaming: a JSON array of records, an API wrapper object whose
 * records sit under a known key ({@code {"total_count":2,"workflow_runs":[..]}}), a single-object body,
 * newline-delimited JSON of any of these, and gzip of all of them. Nothing is held in memory beyond one
 * record (and at most {@link #MAX_RECORD_CHARS} of it).
 *
 * <p>Every record gets a position (its index in the file, counting bad ones too). What cannot be read
 * becomes a {@link Problem}: a bad NDJSON line is one problem and the other lines still count; a JSON
 * document that breaks off keeps the records before the break and adds one problem for the rest, because
 * JSON gives no safe point to resume inside one document.
 */
public final class RecordSplitter {

  /** Contract section 7: records up to 100 MB are read; larger ones are quarantined. */
  public static final long MAX_RECORD_CHARS = 100L * 1024 * 1024;

  /** Contract section 7: records nested up to 1,000 levels are read; deeper ones are quarantined. */
  public static final int MAX_DEPTH = 1000;

  /** How much of a bad file or record is kept as evidence. */
  public static final int RAW_TEXT_LIMIT = 64 * 1024;

  public sealed interface Item permits Record, Problem {}

  /** A record: its position in the file and its compact JSON text. */
  public record Record(long position, String json) implements Item {}

  /** Something that could not be read: position null means the whole file or the rest of it. */
  public record Problem(Long position, String reason, String rawText) implements Item {}

  /** Opens the file again from its start; document mode re-reads a file that did not split by line. */
  @FunctionalInterface
  public interface Opener {
    InputStream open() throws IOException;
  }

  private static final JsonFactory JSON =
      new JsonFactoryBuilder()
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  // Depth is enforced per record by this class (so one deep record does not end the file).
                  .maxNestingDepth(Integer.MAX_VALUE)
                  .maxStringLength((int) Math.min(Integer.MAX_VALUE, 2 * MAX_RECORD_CHARS))
                  .maxNumberLength(100_000)
                  .build())
          .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(MAX_DEPTH + 10).build())
          .build();

  private final String fileName;
  private final Set<String> wrapperKeys;
  private final Consumer<Item> out;
  private long position;
  private long records;
  private int lineNumber;

  private RecordSplitter(String fileName, List<String> wrapperKeys, Consumer<Item> out) {
    this.fileName = fileName;
    this.wrapperKeys = Set.copyOf(wrapperKeys);
    this.out = out;
  }

  /**
   * Reads the file and hands every record and problem to {@code out}, in file order. Never throws for
   * bad content; an {@link IOException} means the file system failed.
   */
  public static void split(String fileName, List<String> wrapperKeys, Opener opener, Consumer<Item> out)
      throws IOException {
    new RecordSplitter(fileName, wrapperKeys, out).run(opener);
  }

  private void run(Opener opener) throws IOException {
    HeadCapture head = new HeadCapture();
    try (ByteSource in = decoded(opener.open(), head)) {
      if (in == null) {
        return;
      }
      int first = firstNonWhitespace(in);
      if (first < 0) {
        return; // empty or blank: a valid file with no records
      }
      if (first == '{') {
        // NDJSON when the first line is a complete value on its own; else one (pretty-printed) document.
        List<Item> trial = new ArrayList<>();
        LineInputStream line = new LineInputStream(in, ++lineNumber);
        Outcome firstLine = parseSegment(line, trial::add, true);
        if (firstLine != Outcome.INCOMPLETE) {
          trial.forEach(out);
          readLines(in, line, firstLine, head);
          return;
        }
        position = 0;
        records = 0;
      }
    } catch (IOException e) {
      out.accept(new Problem(null, unreadable(e), head.text()));
      return;
    }
    readDocument(opener);
  }

  /** Gzip is recognised by its magic bytes; a ".gz" name without them is a file we cannot read. */
  private ByteSource decoded(InputStream raw, HeadCapture head) throws IOException {
    BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
    in.mark(4);
    int b0 = in.read();
    int b1 = in.read();
    in.reset();
    boolean gzip = b0 == 0x1f && b1 == 0x8b;
    InputStream body;
    if (gzip) {
      body = new GZIPInputStream(in, 1 << 16);
    } else if (fileName.toLowerCase(java.util.Locale.ROOT).endsWith(".gz") && b0 >= 0) {
      head.capture(in);
      out.accept(
          new Problem(
              null,
              "file name ends in .gz but the file is not gzip (it does not start with the gzip magic bytes 1f 8b); re-export it compressed or without the .gz suffix",
              head.text()));
      in.close();
      return null;
    } else {
      body = in;
    }
    ByteSource src = new ByteSource(head.wrap(body));
    skipByteOrderMark(src);
    return src;
  }

  private static void skipByteOrderMark(ByteSource in) throws IOException {
    if (in.ensure() && in.limit - in.pos >= 3) {
      if ((in.buf[in.pos] & 0xff) == 0xEF && (in.buf[in.pos + 1] & 0xff) == 0xBB && (in.buf[in.pos + 2] & 0xff) == 0xBF) {
        in.pos += 3;
      }
    }
  }

  /** Skips whitespace and returns the next byte without consuming it; -1 at end of input. */
  private static int firstNonWhitespace(ByteSource in) throws IOException {
    int b;
    while ((b = in.peek()) == ' ' || b == '\n' || b == '\r' || b == '\t') {
      in.pos++;
    }
    return b;
  }

  private void readLines(ByteSource in, LineInputStream firstLine, Outcome firstOutcome, HeadCapture head) {
    try {
      if (firstOutcome == Outcome.FAILED) {
        firstLine.drain();
      }
      while (in.ensure()) {
        LineInputStream line = new LineInputStream(in, ++lineNumber);
        if (parseSegment(line, out, false) != Outcome.OK) {
          if (in.failure != null) {
            throw in.failure;
          }
          line.drain();
        }
      }
    } catch (IOException e) {
      out.accept(new Problem(null, unreadable(e) + " at line " + lineNumber + " after " + records + " records (those were kept)", head.text()));
    }
  }

  private void readDocument(Opener opener) {
    HeadCapture head = new HeadCapture();
    try (ByteSource in = decoded(opener.open(), head)) {
      if (in == null) {
        return;
      }
      try (JsonParser p = JSON.createParser(in)) {
        readValues(p, out);
      }
    } catch (JsonEOFException e) {
      out.accept(
          new Problem(
              null,
              "file is cut short: unexpected end of input at "
                  + where(e.getLocation())
                  + " after "
                  + records
                  + " records (those were kept); re-export the file",
              head.text()));
    } catch (JsonProcessingException e) {
      out.accept(
          new Problem(
              null,
              (records == 0
                      ? "file is not valid JSON: "
                      : "file breaks off after " + records + " records (those were kept): ")
                  + e.getOriginalMessage()
                  + " at "
                  + where(e.getLocation()),
              head.text()));
    } catch (IOException e) {
      out.accept(new Problem(null, unreadable(e) + " after " + records + " records (those were kept)", head.text()));
    }
  }

  private enum Outcome {
    OK,
    FAILED,
    INCOMPLETE
  }

  /** Parses one NDJSON line; problems name the line. */
  private Outcome parseSegment(LineInputStream line, Consumer<Item> sink, boolean trial) throws IOException {
    long before = records;
    try (JsonParser p = JSON.createParser(line)) {
      readValues(p, sink);
      return Outcome.OK;
    } catch (JsonEOFException e) {
      if (trial) {
        return Outcome.INCOMPLETE;
      }
      sink.accept(new Problem(position++, "line " + line.lineNumber() + " is cut short: " + e.getOriginalMessage(), line.head()));
      return Outcome.FAILED;
    } catch (JsonProcessingException e) {
      if (trial && records == before && !line.complete()) {
        return Outcome.INCOMPLETE;
      }
      sink.accept(
          new Problem(
              position++,
              "line " + line.lineNumber() + " is not valid JSON: " + e.getOriginalMessage() + " at column " + column(e.getLocation()),
              line.head()));
      return Outcome.FAILED;
    }
  }

  /** Root values: arrays of records, wrapper objects, or records. */
  private void readValues(JsonParser p, Consumer<Item> sink) throws IOException {
    JsonToken t;
    while ((t = p.nextToken()) != null) {
      if (t == JsonToken.START_ARRAY) {
        readArray(p, sink);
      } else if (t == JsonToken.START_OBJECT) {
        readObject(p, sink);
      } else {
        sink.accept(new Problem(position++, "expected a JSON object or array, got " + describe(t) + " '" + p.getText() + "'", p.getText()));
      }
    }
  }

  private void readArray(JsonParser p, Consumer<Item> sink) throws IOException {
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      if (t == null) {
        throw new JsonEOFException(p, null, "array not closed");
      }
      if (t == JsonToken.START_OBJECT) {
        Capture c = new Capture();
        c.copyStructure(p, 0);
        emit(c, sink);
      } else {
        String text = t.isStructStart() ? "" : p.getText();
        p.skipChildren();
        sink.accept(new Problem(position++, "record is not a JSON object (got " + describe(t) + ")", text));
      }
    }
  }

  /** An object is a page wrapper when it holds one of the dataset's record keys with an array value. */
  private void readObject(JsonParser p, Consumer<Item> sink) throws IOException {
    Capture c = new Capture();
    c.writeStart(p);
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_OBJECT) {
      if (t == null) {
        throw new JsonEOFException(p, null, "object not closed");
      }
      String field = p.currentName();
      JsonToken value = p.nextToken();
      if (value == JsonToken.START_ARRAY && wrapperKeys.contains(field)) {
        readArray(p, sink);
        skipRestOfObject(p);
        return;
      }
      c.writeFieldName(field);
      c.copyStructure(p, 1);
    }
    c.writeEnd(p);
    emit(c, sink);
  }

  private static void skipRestOfObject(JsonParser p) throws IOException {
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_OBJECT) {
      if (t == null) {
        throw new JsonEOFException(p, null, "object not closed");
      }
      p.nextToken();
      p.skipChildren();
    }
  }

  private void emit(Capture c, Consumer<Item> sink) {
    long pos = position++;
    if (c.tooDeep) {
      sink.accept(new Problem(pos, "record is nested deeper than the limit of " + MAX_DEPTH + " levels", c.text()));
    } else if (c.writer.overflow) {
      sink.accept(
          new Problem(
              pos,
              "record is larger than the limit of 100 MB ("
                  + (c.writer.count / (1024 * 1024))
                  + " MB as compact JSON); split it or raise the limit",
              c.text()));
    } else {
      records++;
      sink.accept(new Record(pos, c.text()));
    }
  }

  /** Copies one record as compact JSON, counting depth and size, never holding more than the limit. */
  private static final class Capture {
    final CappedWriter writer = new CappedWriter();
    final JsonGenerator gen;
    boolean tooDeep;
    int depth;

    Capture() {
      try {
        gen = JSON.createGenerator(writer);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }

    void writeStart(JsonParser p) throws IOException {
      depth = 1;
      gen.copyCurrentEvent(p);
    }

    void writeFieldName(String name) throws IOException {
      if (!tooDeep) {
        gen.writeFieldName(name);
      }
    }

    void writeEnd(JsonParser p) throws IOException {
      depth = 0;
      if (!tooDeep) {
        gen.copyCurrentEvent(p);
      }
    }

    /** Copies the value at the current token, with {@code base} enclosing levels already open. */
    void copyStructure(JsonParser p, int base) throws IOException {
      JsonToken t = p.currentToken();
      if (!t.isStructStart()) {
        if (!tooDeep) {
          gen.copyCurrentEventExact(p);
        }
        return;
      }
      depth = base;
      do {
        if (t.isStructStart()) {
          depth++;
          if (depth > MAX_DEPTH) {
            tooDeep = true;
          }
        } else if (t.isStructEnd()) {
          depth--;
        }
        if (!tooDeep) {
          gen.copyCurrentEventExact(p);
        }
        if (depth == base) {
          return;
        }
        t = p.nextToken();
      } while (t != null);
      throw new JsonEOFException(p, null, "record not closed");
    }

    String text() {
      try {
        if (!tooDeep) {
          gen.flush();
        }
      } catch (IOException | IllegalStateException e) {
        // a half-written generator only matters for the evidence text
      }
      return writer.text(tooDeep || writer.overflow);
    }
  }

  /** Keeps up to the record limit; past it, only the first 64 KB stays, while the count goes on. */
  private static final class CappedWriter extends Writer {
    private StringBuilder sb = new StringBuilder(256);
    long count;
    boolean overflow;

    @Override
    public void write(char[] buf, int off, int len) {
      count += len;
      if (overflow) {
        return;
      }
      if (count > MAX_RECORD_CHARS) {
        overflow = true;
        sb.setLength(Math.min(sb.length(), RAW_TEXT_LIMIT));
        sb.trimToSize();
        return;
      }
      sb.append(buf, off, len);
    }

    @Override
    public void write(String s, int off, int len) {
      count += len;
      if (overflow) {
        return;
      }
      if (count > MAX_RECORD_CHARS) {
        overflow = true;
        sb.setLength(Math.min(sb.length(), RAW_TEXT_LIMIT));
        sb.trimToSize();
        return;
      }
      sb.append(s, off, off + len);
    }

    String text(boolean evidenceOnly) {
      return evidenceOnly && sb.length() > RAW_TEXT_LIMIT ? sb.substring(0, RAW_TEXT_LIMIT) : sb.toString();
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }

  /** Remembers the first 64 KB of the decoded file, for a whole-file problem's evidence. */
  private static final class HeadCapture {
    private final byte[] buf = new byte[RAW_TEXT_LIMIT];
    private int len;

    InputStream wrap(InputStream in) {
      return new java.io.FilterInputStream(in) {
        @Override
        public int read() throws IOException {
          int b = super.read();
          if (b >= 0 && len < buf.length) {
            buf[len++] = (byte) b;
          }
          return b;
        }

        @Override
        public int read(byte[] b, int off, int n) throws IOException {
          int r = super.read(b, off, n);
          if (r > 0 && len < buf.length) {
            int k = Math.min(r, buf.length - len);
            System.arraycopy(b, off, buf, len, k);
            len += k;
          }
          return r;
        }
      };
    }

    void capture(InputStream in) throws IOException {
      int r;
      while (len < buf.length && (r = in.read(buf, len, buf.length - len)) > 0) {
        len += r;
      }
    }

    String text() {
      return new String(buf, 0, len, StandardCharsets.UTF_8);
    }
  }

  private static String unreadable(IOException e) {
    String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (e instanceof java.util.zip.ZipException || e instanceof java.io.EOFException) {
      return "gzip data is corrupt or cut short (" + msg + "); re-export the file";
    }
    return "file could not be read: " + msg;
  }

  private static String where(JsonLocation loc) {
    return loc == null ? "an unknown place" : "line " + loc.getLineNr() + ", column " + loc.getColumnNr();
  }

  private static String column(JsonLocation loc) {
    return loc == null ? "?" : String.valueOf(loc.getColumnNr());
  }

  private static String describe(JsonToken t) {
    return switch (t) {
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> t.name();
    };
  }
}
