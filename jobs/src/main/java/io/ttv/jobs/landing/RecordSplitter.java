package io.ttv.jobs.landing;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
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
 *
 * <p>How a file is read: its first line is parsed on its own. When it is a complete value, the file is
 * NDJSON (a minified page is NDJSON of one line). When it is not, the file is one multi-line document,
 * unless the next one or two non-blank lines are complete values on their own: no JSON document has that
 * shape (two balanced lines in a row need a separator between them, and a balanced last line cannot close
 * what the first opened), so that is NDJSON whose first line is bad. A document is read from the start
 * again; the items its first line already gave are not given twice.
 */
public final class RecordSplitter {

  /** Contract section 7: records up to 100 MB are read; larger ones are quarantined. */
  public static final long MAX_RECORD_CHARS = 100L * 1024 * 1024;

  /** Contract section 7: records nested up to 1,000 levels are read; deeper ones are quarantined. */
  public static final int MAX_DEPTH = 1000;

  /** How much of a bad file or record is kept as evidence. */
  public static final int RAW_TEXT_LIMIT = 64 * 1024;

  /**
   * Deeper than this the parser itself stops (one problem for the rest of the document, or for the NDJSON
   * line), so that a file of nothing but open brackets cannot fill the heap with parser contexts. Records
   * between {@link #MAX_DEPTH} and this are skipped one by one.
   */
  private static final int PARSER_MAX_DEPTH = 100 * MAX_DEPTH;

  /** Strings at least this long are measured before they are copied, so an oversized one is never copied. */
  private static final int LONG_STRING = 1 << 20;

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
                  // Depth up to MAX_DEPTH is enforced per record by this class (so one deep record does not end the file).
                  .maxNestingDepth(PARSER_MAX_DEPTH)
                  .maxStringLength((int) Math.min(Integer.MAX_VALUE, 2 * MAX_RECORD_CHARS))
                  .maxNumberLength(100_000)
                  .build())
          .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(MAX_DEPTH + 10).build())
          .disable(StreamWriteFeature.AUTO_CLOSE_CONTENT)
          .build();

  private final String fileName;
  private final Set<String> wrapperKeys;
  private final Consumer<Item> out;
  private long position;
  private long records;
  private int lineNumber;
  private boolean gzip;

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

  /**
   * Splits a text file of one record a line (a dataset of format {@code LINES}: {@code git log
   * --format=...}). Every line that is not blank is one record whose text is the line exactly as
   * written, without its line end ({@code \n}, or {@code \r\n}); its position is the line's index in the
   * file (from 0, blank lines counted), so a quarantined record points at its line. Gzip, a {@code .gz}
   * name without gzip, a byte order mark and a file system failure are handled as for JSON. A line
   * over the record limit of 100 MB, or one that is not UTF-8, is a problem at its position; the other
   * lines still come. Nothing is held in memory beyond one line (and at most the limit of it).
   */
  public static void splitLines(String fileName, Opener opener, Consumer<Item> out) throws IOException {
    splitLines(fileName, opener, out, MAX_RECORD_CHARS);
  }

  /**
   * Reads a file that is one record as a whole (a dataset of format {@code TEXT}: an {@code .ics}
   * calendar): its text exactly as written (line ends included, a byte order mark skipped, gzip
   * decoded), at position 0. An empty or blank file holds no record; one over the record limit of 100 MB,
   * or not UTF-8, is one problem for the file; a file system failure is one too.
   */
  public static void splitWhole(String fileName, Opener opener, Consumer<Item> out) throws IOException {
    splitWhole(fileName, opener, out, MAX_RECORD_CHARS);
  }

  static void splitWhole(String fileName, Opener opener, Consumer<Item> out, long maxBytes) throws IOException {
    new RecordSplitter(fileName, List.of(), out).runWhole(opener, maxBytes);
  }

  private void runWhole(Opener opener, long maxBytes) throws IOException {
    HeadCapture head = new HeadCapture();
    try (ByteSource in = decoded(opener.open(), head)) {
      if (in == null) {
        return;
      }
      TextLine whole = new TextLine(maxBytes);
      while (in.ensure()) {
        whole.append(in.buf, in.pos, in.limit - in.pos);
        in.pos = in.limit;
      }
      if (whole.isBlank()) {
        return;
      }
      if (whole.overflow) {
        out.accept(new Problem(0L, "file is larger than the limit of 100 MB for a record (" + (whole.count / (1024 * 1024)) + " MB); split it or raise the limit",
            whole.evidence()));
        return;
      }
      String text = whole.strictText();
      if (text == null) {
        out.accept(new Problem(0L, "file is not valid UTF-8 text (the file must be UTF-8 encoded)", whole.evidence()));
        return;
      }
      records++;
      out.accept(new Record(0, text));
    } catch (IOException e) {
      out.accept(new Problem(null, unreadable(e, null), head.text()));
    }
  }

  /** {@link #splitLines(String, Opener, Consumer)} with another limit in bytes (tests of its exactness). */
  static void splitLines(String fileName, Opener opener, Consumer<Item> out, long maxLineBytes) throws IOException {
    new RecordSplitter(fileName, List.of(), out).runLines(opener, maxLineBytes);
  }

  private void runLines(Opener opener, long maxLineBytes) throws IOException {
    HeadCapture head = new HeadCapture();
    try (ByteSource in = decoded(opener.open(), head)) {
      if (in == null) {
        return;
      }
      TextLine line = new TextLine(maxLineBytes);
      long index = 0;
      try {
        while (in.ensure()) {
          line.clear();
          boolean ended = false;
          while (!ended && in.ensure()) {
            int start = in.pos;
            int i = start;
            while (i < in.limit && in.buf[i] != '\n') {
              i++;
            }
            line.append(in.buf, start, i - start);
            ended = i < in.limit;
            in.pos = ended ? i + 1 : i;
          }
          emitLine(index++, line);
        }
      } catch (IOException e) {
        out.accept(new Problem(null, unreadable(e, (int) Math.min(Integer.MAX_VALUE, index + 1)), head.text()));
      }
    } catch (IOException e) {
      out.accept(new Problem(null, unreadable(e, null), head.text()));
    }
  }

  private void emitLine(long index, TextLine line) {
    if (line.isBlank()) {
      return; // an empty line holds no record (git log writes none; an editor may add one at the end)
    }
    long number = index + 1;
    if (line.overflow) {
      out.accept(
          new Problem(
              index,
              "line " + number + " is larger than the limit of 100 MB for a record ("
                  + (line.count / (1024 * 1024))
                  + " MB); split it or raise the limit",
              line.evidence()));
      return;
    }
    String text = line.strictText();
    if (text == null) {
      out.accept(new Problem(index, "line " + number + " is not valid UTF-8 text (the file must be UTF-8 encoded)", line.evidence()));
      return;
    }
    records++;
    out.accept(new Record(index, text));
  }

  /** The bytes of one text line up to a limit; past it only the first 64 KB stay while the count goes on. */
  private static final class TextLine {
    private final long limit;
    private byte[] buf = new byte[256];
    private int len;
    long count;
    boolean overflow;

    TextLine(long limit) {
      this.limit = limit;
    }

    void clear() {
      len = 0;
      count = 0;
      overflow = false;
      if (buf.length > (1 << 20)) {
        buf = new byte[256]; // one huge line does not pin its buffer for the rest of the file
      }
    }

    void append(byte[] b, int off, int n) {
      count += n;
      if (!overflow && count > limit) {
        overflow = true;
      }
      int keep = overflow ? Math.max(0, Math.min(n, RAW_TEXT_LIMIT - len)) : n;
      if (keep > 0) {
        if (len + keep > buf.length) {
          buf = java.util.Arrays.copyOf(buf, (int) Math.min(Integer.MAX_VALUE - 8, Math.max((long) len + keep, 2L * buf.length)));
        }
        System.arraycopy(b, off, buf, len, keep);
        len += keep;
      }
      if (overflow && len > RAW_TEXT_LIMIT) {
        len = RAW_TEXT_LIMIT;
      }
    }

    /** The line without a {@code \r} before its newline (a CRLF file), as bytes kept. */
    private int textLength() {
      return !overflow && len > 0 && buf[len - 1] == '\r' ? len - 1 : len;
    }

    boolean isBlank() {
      if (overflow) {
        return false;
      }
      for (int i = 0; i < textLength(); i++) {
        if (buf[i] != ' ' && buf[i] != '\t') {
          return false;
        }
      }
      return true;
    }

    /** The line as UTF-8, or null when it is not valid UTF-8. */
    String strictText() {
      try {
        return StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
            .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
            .decode(java.nio.ByteBuffer.wrap(buf, 0, textLength()))
            .toString();
      } catch (java.nio.charset.CharacterCodingException e) {
        return null;
      }
    }

    /** The first 64 KB of the line, bad bytes replaced, for the quarantine. */
    String evidence() {
      String s = new String(buf, 0, Math.min(textLength(), RAW_TEXT_LIMIT), StandardCharsets.UTF_8);
      return s.length() > RAW_TEXT_LIMIT ? s.substring(0, RAW_TEXT_LIMIT) : s;
    }
  }

  /** Why a line could not be read, and its first 64 KB. */
  private record LineFailure(String reason, String rawText) {}

  private void run(Opener opener) throws IOException {
    HeadCapture head = new HeadCapture();
    LineFailure badFirstLine;
    long alreadyGiven;
    try (ByteSource in = decoded(opener.open(), head)) {
      if (in == null) {
        return;
      }
      if (skipBlankLines(in) < 0) {
        return; // empty or blank: a valid file with no records
      }
      LineInputStream line = new LineInputStream(in, ++lineNumber);
      LineFailure first = parseLine(line, out);
      if (first == null) {
        readLines(in, head);
        return;
      }
      if (restLooksLikeNdjson(in)) {
        badFirstLine = first;
      } else {
        badFirstLine = null;
      }
      alreadyGiven = position;
    } catch (IOException e) {
      out.accept(new Problem(null, unreadable(e, null), head.text()));
      return;
    }
    if (badFirstLine != null) {
      readLinesAfterBadFirstLine(opener, badFirstLine);
    } else {
      readDocument(opener, alreadyGiven);
    }
  }

  /** Gzip is recognised by its magic bytes; a ".gz" name without them is a file we cannot read. */
  private ByteSource decoded(InputStream raw, HeadCapture head) throws IOException {
    BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
    try {
      in.mark(4);
      int b0 = in.read();
      int b1 = in.read();
      in.reset();
      gzip = b0 == 0x1f && b1 == 0x8b;
      InputStream body;
      if (gzip) {
        body = new GZIPInputStream(in, 1 << 16);
      } else if (fileName.toLowerCase(Locale.ROOT).endsWith(".gz") && b0 >= 0) {
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
    } catch (IOException | RuntimeException e) {
      try {
        in.close();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  private static void skipByteOrderMark(ByteSource in) throws IOException {
    // ensure(3): a stream may hand out fewer than three bytes per read
    if (in.ensure(3)
        && (in.buf[in.pos] & 0xff) == 0xEF
        && (in.buf[in.pos + 1] & 0xff) == 0xBB
        && (in.buf[in.pos + 2] & 0xff) == 0xBF) {
      in.pos += 3;
    }
  }

  /** Skips whitespace (counting the lines it passes) and returns the next byte without consuming it; -1 at end. */
  private int skipBlankLines(ByteSource in) throws IOException {
    int b;
    while ((b = in.peek()) == ' ' || b == '\n' || b == '\r' || b == '\t') {
      if (b == '\n') {
        lineNumber++;
      }
      in.pos++;
    }
    return b;
  }

  /**
   * After a first line that is not a complete value (already read to its end): true when the next one or
   * two non-blank lines are each a complete JSON object or array on their own, which no JSON document has.
   */
  private static boolean restLooksLikeNdjson(ByteSource in) throws IOException {
    int complete = 0;
    while (complete < 2) {
      int b;
      while ((b = in.peek()) == ' ' || b == '\n' || b == '\r' || b == '\t') {
        in.pos++;
      }
      if (b < 0) {
        break;
      }
      if ((b != '{' && b != '[') || !isCompleteValue(new LineInputStream(in, 0))) {
        return false;
      }
      complete++;
    }
    return complete > 0;
  }

  /** True when the line is one or more complete JSON objects or arrays and nothing else. */
  private static boolean isCompleteValue(LineInputStream line) throws IOException {
    try (JsonParser p = JSON.createParser(line)) {
      JsonToken t = p.nextToken();
      if (t == null) {
        return false;
      }
      do {
        if (!t.isStructStart()) {
          return false;
        }
        p.skipChildren();
      } while ((t = p.nextToken()) != null);
      return true;
    } catch (JsonProcessingException e) {
      return false;
    }
  }

  private void readLines(ByteSource in, HeadCapture head) {
    try {
      while (in.ensure()) {
        LineInputStream line = new LineInputStream(in, ++lineNumber);
        LineFailure failure = parseLine(line, out);
        if (failure != null) {
          out.accept(new Problem(position++, failure.reason(), failure.rawText()));
        }
      }
    } catch (IOException e) {
      out.accept(new Problem(null, unreadable(e, lineNumber), head.text()));
    }
  }

  /** NDJSON whose first line is bad: the first line's items are out; its problem follows, then the other lines. */
  private void readLinesAfterBadFirstLine(Opener opener, LineFailure firstLine) throws IOException {
    HeadCapture head = new HeadCapture();
    try (ByteSource in = decoded(opener.open(), head)) {
      if (in == null) {
        return;
      }
      lineNumber = 0;
      skipBlankLines(in);
      new LineInputStream(in, ++lineNumber).drain();
      out.accept(new Problem(position++, firstLine.reason(), firstLine.rawText()));
      readLines(in, head);
    } catch (IOException e) {
      out.accept(new Problem(null, unreadable(e, null), head.text()));
    }
  }

  /** Reads the file as one JSON document (or several in a row), not handing out the first {@code skip} items again. */
  private void readDocument(Opener opener, long skip) throws IOException {
    position = 0;
    records = 0;
    long[] seen = {0};
    Consumer<Item> sink =
        skip == 0
            ? out
            : item -> {
              if (seen[0]++ >= skip) {
                out.accept(item);
              }
            };
    HeadCapture head = new HeadCapture();
    try (ByteSource in = decoded(opener.open(), head)) {
      if (in == null) {
        return;
      }
      try (JsonParser p = JSON.createParser(in)) {
        readValues(p, sink, false);
      }
    } catch (JsonProcessingException e) {
      out.accept(new Problem(null, documentReason(e), head.text()));
    } catch (IOException e) {
      out.accept(new Problem(null, unreadable(e, null), head.text()));
    }
  }

  /**
   * Parses one NDJSON line, handing out its records (and bad records) as they come; returns why the line
   * itself could not be read, or null. The line is read to its end either way.
   */
  private LineFailure parseLine(LineInputStream line, Consumer<Item> sink) throws IOException {
    String reason;
    try (JsonParser p = JSON.createParser(line)) {
      readValues(p, sink, true);
      return null;
    } catch (JsonProcessingException e) {
      if (line.sourceFailure() != null) {
        throw line.sourceFailure(); // the file failed, not the line
      }
      reason = lineReason(line.lineNumber(), e);
    }
    line.drain();
    return new LineFailure(reason, line.head());
  }

  /**
   * Root values: arrays of records, wrapper objects, or records. A root value that is none of these makes
   * an NDJSON line bad ({@code lines}); in a document it is a bad record, unless the document breaks off
   * right after it, when it is part of the one problem for the rest of the file (so a file of random bytes
   * that happens to start with a digit is one problem, not two).
   */
  private void readValues(JsonParser p, Consumer<Item> sink, boolean lines) throws IOException {
    Problem pending = null;
    JsonToken t;
    while ((t = p.nextToken()) != null) {
      if (pending != null) {
        sink.accept(pending);
        pending = null;
      }
      if (t == JsonToken.START_ARRAY) {
        readArray(p, sink);
      } else if (t == JsonToken.START_OBJECT) {
        readObject(p, sink);
      } else if (lines) {
        throw new NotAnObjectOrArray(p, describe(t));
      } else {
        pending = notAnObject(p, t);
      }
    }
    if (pending != null) {
      sink.accept(pending);
    }
  }

  /** An NDJSON line whose value is not an object or array (a number, a string, ...). */
  private static final class NotAnObjectOrArray extends JsonParseException {
    NotAnObjectOrArray(JsonParser p, String got) {
      super(p, "it is not a JSON object or array (got " + got + ")");
    }
  }

  private void readArray(JsonParser p, Consumer<Item> sink) throws IOException {
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      if (t == null) {
        throw new JsonEOFException(p, null, "Unexpected end-of-input: array not closed");
      }
      if (t == JsonToken.START_OBJECT) {
        Capture c = new Capture();
        c.copyValue(p, 0);
        emit(c, sink);
      } else {
        sink.accept(notAnObject(p, t));
      }
    }
  }

  /** A value where a record should be: one problem, with the value (up to 64 KB) as evidence. */
  private Problem notAnObject(JsonParser p, JsonToken t) throws IOException {
    Capture c = new Capture(RAW_TEXT_LIMIT);
    c.copyValue(p, 0);
    return new Problem(position++, "record is not a JSON object (got " + describe(t) + ")", c.finish());
  }

  /** An object is a page wrapper when it holds one of the dataset's record keys with an array value. */
  private void readObject(JsonParser p, Consumer<Item> sink) throws IOException {
    Capture c = new Capture();
    c.writeStart(p);
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_OBJECT) {
      if (t == null) {
        throw new JsonEOFException(p, null, "Unexpected end-of-input: object not closed");
      }
      String field = p.currentName();
      JsonToken value = p.nextToken();
      if (value == null) {
        throw new JsonEOFException(p, null, "Unexpected end-of-input: object not closed");
      }
      if (value == JsonToken.START_ARRAY && wrapperKeys.contains(field)) {
        c.discard();
        readArray(p, sink);
        skipRestOfObject(p);
        return;
      }
      c.writeFieldName(field);
      c.copyValue(p, 1);
    }
    c.writeEnd(p);
    emit(c, sink);
  }

  private static void skipRestOfObject(JsonParser p) throws IOException {
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_OBJECT) {
      if (t == null) {
        throw new JsonEOFException(p, null, "Unexpected end-of-input: object not closed");
      }
      p.nextToken();
      p.skipChildren();
    }
  }

  private void emit(Capture c, Consumer<Item> sink) {
    long pos = position++;
    String text = c.finish(); // flushes first: only then is the size known
    if (c.tooDeep) {
      sink.accept(
          new Problem(
              pos,
              "record is nested deeper than the limit of " + String.format(Locale.ROOT, "%,d", MAX_DEPTH) + " levels; flatten it at export",
              text));
    } else if (c.writer.overflow) {
      sink.accept(
          new Problem(
              pos,
              "record is larger than the limit of 100 MB ("
                  + (c.writer.count / (1024 * 1024))
                  + " MB as compact JSON); split it or raise the limit",
              text));
    } else {
      records++;
      sink.accept(new Record(pos, text));
    }
  }

  /** Copies one record as compact JSON, counting depth and size, never holding more than the limit. */
  private static final class Capture {
    final CappedWriter writer;
    final JsonGenerator gen;
    boolean tooDeep;
    int depth;

    Capture() {
      this(MAX_RECORD_CHARS);
    }

    /** Keeps at most {@code limit} characters; a smaller limit than a record's is for evidence only. */
    Capture(long limit) {
      writer = new CappedWriter(limit);
      try {
        gen = JSON.createGenerator(writer);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }

    void writeStart(JsonParser p) throws IOException {
      depth = 1;
      gen.writeStartObject();
    }

    void writeFieldName(String name) throws IOException {
      if (!tooDeep) {
        gen.writeFieldName(name);
      }
    }

    void writeEnd(JsonParser p) throws IOException {
      depth = 0;
      if (!tooDeep) {
        gen.writeEndObject();
      }
    }

    /** Copies the value at the current token, with {@code base} enclosing levels already open. */
    void copyValue(JsonParser p, int base) throws IOException {
      JsonToken t = p.currentToken();
      if (!t.isStructStart()) {
        copyScalar(p, t);
        return;
      }
      depth = base;
      do {
        switch (t) {
          case START_OBJECT, START_ARRAY -> {
            depth++;
            if (depth > MAX_DEPTH) {
              tooDeep = true;
            }
            if (!tooDeep) {
              if (t == JsonToken.START_OBJECT) {
                gen.writeStartObject();
              } else {
                gen.writeStartArray();
              }
            }
          }
          case END_OBJECT, END_ARRAY -> {
            depth--;
            if (!tooDeep) {
              if (t == JsonToken.END_OBJECT) {
                gen.writeEndObject();
              } else {
                gen.writeEndArray();
              }
            }
          }
          case FIELD_NAME -> writeFieldName(p.currentName());
          default -> copyScalar(p, t);
        }
        if (depth == base) {
          return;
        }
        t = p.nextToken();
      } while (t != null);
      throw new JsonEOFException(p, null, "Unexpected end-of-input: record not closed");
    }

    private void copyScalar(JsonParser p, JsonToken t) throws IOException {
      if (tooDeep) {
        return;
      }
      switch (t) {
        case VALUE_STRING -> copyString(p);
        // the number's own text: no rounding, no change of notation
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> gen.writeNumber(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
        case VALUE_TRUE -> gen.writeBoolean(true);
        case VALUE_FALSE -> gen.writeBoolean(false);
        case VALUE_NULL -> gen.writeNull();
        default -> gen.copyCurrentEvent(p);
      }
    }

    /** A long string is measured first: one that does not fit in the record limit is never copied whole. */
    private void copyString(JsonParser p) throws IOException {
      int len = p.getTextLength();
      if (len >= LONG_STRING) {
        gen.flush();
        if (writer.overflow) {
          writer.count += len;
          gen.writeString(""); // keeps the generator's state; the quotes are counted, nothing is kept
          return;
        }
        if (writer.count + len + 2 > writer.limit) {
          // the separator and the string's start go into the evidence; the string is never copied whole
          String start = evidence(p);
          long before = writer.count;
          gen.writeRawValue(start);
          gen.flush();
          long separator = writer.count - before - start.length();
          writer.overflow();
          writer.count = before + separator + len + 2;
          return;
        }
      }
      gen.writeString(p.getTextCharacters(), p.getTextOffset(), len);
    }

    /** The start of the current string value, quoted as JSON, for evidence. */
    private static String evidence(JsonParser p) throws IOException {
      PrefixWriter prefix = new PrefixWriter(RAW_TEXT_LIMIT);
      p.getText(prefix);
      return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(prefix.sb));
    }

    /** The record's text, or for a problem the first 64 KB of it. */
    String finish() {
      try {
        gen.flush();
      } catch (IOException | RuntimeException e) {
        // a half-written generator only matters for the evidence text
      }
      String text = writer.text(tooDeep || writer.overflow);
      discard();
      return text;
    }

    /** Gives the generator's buffers back. */
    void discard() {
      try {
        gen.close();
      } catch (IOException | RuntimeException e) {
        // nothing to keep
      }
    }
  }

  /** Keeps up to the record limit; past it, only the first 64 KB stays, while the count goes on. */
  private static final class CappedWriter extends Writer {
    private final StringBuilder sb = new StringBuilder(256);
    final long limit;
    long count;
    boolean overflow;

    CappedWriter(long limit) {
      this.limit = limit;
    }

    @Override
    public void write(char[] buf, int off, int len) {
      count += len;
      if (overflow) {
        return;
      }
      if (count > limit) {
        // what fits of this chunk still goes into the evidence
        sb.append(buf, off, Math.max(0, Math.min(len, RAW_TEXT_LIMIT - sb.length())));
        overflow();
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
      if (count > limit) {
        sb.append(s, off, off + Math.max(0, Math.min(len, RAW_TEXT_LIMIT - sb.length())));
        overflow();
        return;
      }
      sb.append(s, off, off + len);
    }

    /** From here on only the count goes on; the first 64 KB stay as evidence. */
    void overflow() {
      overflow = true;
      sb.setLength(Math.min(sb.length(), RAW_TEXT_LIMIT));
      sb.trimToSize();
    }

    String text(boolean evidenceOnly) {
      return evidenceOnly && sb.length() > RAW_TEXT_LIMIT ? sb.substring(0, RAW_TEXT_LIMIT) : sb.toString();
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }

  /** Keeps the first {@code max} characters written to it. */
  private static final class PrefixWriter extends Writer {
    final StringBuilder sb = new StringBuilder();
    private final int max;

    PrefixWriter(int max) {
      this.max = max;
    }

    @Override
    public void write(char[] buf, int off, int len) {
      sb.append(buf, off, Math.max(0, Math.min(len, max - sb.length())));
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
      String s = new String(buf, 0, len, StandardCharsets.UTF_8);
      return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // Reasons, phrased for the person who has to act on them

  /** Jackson reports input that ends after a comma as a plain parse error: both are "cut short". */
  private static boolean endOfInput(JsonProcessingException e) {
    String m = e.getOriginalMessage();
    return e instanceof JsonEOFException || (m != null && m.startsWith("Unexpected end-of-input"));
  }

  private String kept() {
    return records == 0 ? "" : " after " + records + " records (those were kept)";
  }

  private String documentReason(JsonProcessingException e) {
    String at = where(e.getLocation());
    if (endOfInput(e)) {
      return "file is cut short: it ends in the middle of a JSON value at " + at + kept() + "; re-export the file";
    }
    if (e instanceof StreamConstraintsException) {
      return "file could not be read to its end" + (e.getLocation() == null ? "" : " (stopped at " + at + ")") + kept() + ": " + limit(e);
    }
    if (records == 0 && position == 0) {
      return "file is not valid JSON: " + e.getOriginalMessage() + " at " + at + utf8Hint(e);
    }
    return "file breaks off at " + at + kept() + ": " + e.getOriginalMessage() + utf8Hint(e);
  }

  private static String lineReason(int line, JsonProcessingException e) {
    String col = column(e.getLocation());
    if (endOfInput(e)) {
      return "line " + line + " is cut short: it ends in the middle of a JSON value at column " + col + "; re-export the file";
    }
    if (e instanceof StreamConstraintsException) {
      return "line " + line + " could not be read: " + limit(e);
    }
    if (e instanceof NotAnObjectOrArray) {
      return "line " + line + " is not a record: " + e.getOriginalMessage();
    }
    return "line " + line + " is not valid JSON: " + e.getOriginalMessage() + " at column " + col + utf8Hint(e);
  }

  /** A parser limit, in the words of the contract's limits, with what to do about it. */
  private static String limit(JsonProcessingException e) {
    String m = String.valueOf(e.getOriginalMessage());
    if (m.startsWith("Document nesting depth")) {
      return "it is nested deeper than "
          + String.format(Locale.ROOT, "%,d", PARSER_MAX_DEPTH)
          + " levels, far past the limit of "
          + String.format(Locale.ROOT, "%,d", MAX_DEPTH)
          + " levels for a record; check what wrote this file";
    }
    if (m.startsWith("String value length")) {
      return "it holds a single string value of more than "
          + (2 * MAX_RECORD_CHARS / (1024 * 1024))
          + " M characters, past the limit of 100 MB for a record; leave such values out of the export";
    }
    if (m.startsWith("Number value length")) {
      return "it holds a number of more than 100,000 digits; check what wrote this file";
    }
    if (m.startsWith("Name length")) {
      return "it holds a field name longer than the reader accepts; check what wrote this file";
    }
    return m;
  }

  private static String utf8Hint(JsonProcessingException e) {
    String m = e.getOriginalMessage();
    return m != null && m.contains("UTF-8") ? " (the file must be UTF-8 encoded)" : "";
  }

  private String unreadable(IOException e, Integer atLine) {
    String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    String where = atLine == null ? "" : " at line " + atLine;
    if (gzip && (e instanceof java.util.zip.ZipException || e instanceof java.io.EOFException)) {
      return "gzip data is corrupt or cut short (" + msg + ")" + where + kept() + "; re-export the file";
    }
    return "file could not be read: " + msg + where + kept();
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
