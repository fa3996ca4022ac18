package io.ttv.jobs.landing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ttv.jobs.landing.RecordSplitter.Item;
import io.ttv.jobs.landing.RecordSplitter.Problem;
import io.ttv.jobs.landing.RecordSplitter.Record;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link RecordSplitter} against every landing-file shape of contract section 4 and the bad input of section 7.
 * No Spark: files are bytes in memory (or generated lazily), opened as often as the splitter asks.
 */
class RecordSplitterTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final List<String> RUNS = List.of("workflow_runs");
  private static final List<String> ACTIONS_KEYS = List.of("workflow_runs", "jobs");
  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
  private static final int LIMIT_64K = RecordSplitter.RAW_TEXT_LIMIT;

  // Two workflow runs, compact, as the splitter must hand them back (field order and number text kept).
  private static final String R1 = "{\"id\":1,\"name\":\"CI\",\"status\":\"completed\",\"pull_requests\":[],\"run_attempt\":1}";
  private static final String R2 =
      "{\"id\":2,\"name\":\"Lint ✓\",\"conclusion\":null,\"head_commit\":{\"message\":\"fix: \\\"quoted\\\"\\nline 2\",\"ts\":1.5E3},\"labels\":[\"a\",\"b\"]}";
  private static final String R3 = "{\"id\":3,\"name\":\"Deploy\",\"big\":12345678901234567890,\"ratio\":0.1}";

  // ---------------------------------------------------------------------------------------------------------
  // Harness

  /** How the bytes of a file reach the splitter. */
  enum Variant {
    PLAIN,
    /** gzip, and the name gets ".gz". */
    GZIP,
    /** gzip under a name without ".gz": recognised by the magic bytes. */
    GZIP_UNNAMED,
    /** one byte per read() call, as a slow or chunked file system may deliver. */
    TRICKLE,
    GZIP_TRICKLE;

    String name(String fileName) {
      return this == GZIP || this == GZIP_TRICKLE ? fileName + ".gz" : fileName;
    }

    byte[] bytes(byte[] plain) {
      return this == PLAIN || this == TRICKLE ? plain : gzip(plain);
    }

    RecordSplitter.Opener opener(byte[] stored) {
      return this == TRICKLE || this == GZIP_TRICKLE
          ? () -> new Trickle(new ByteArrayInputStream(stored))
          : () -> new ByteArrayInputStream(stored);
    }
  }

  private static List<Item> split(String name, byte[] bytes, List<String> keys) {
    return split(name, keys, () -> new ByteArrayInputStream(bytes));
  }

  private static List<Item> split(String name, String text, List<String> keys) {
    return split(name, text.getBytes(StandardCharsets.UTF_8), keys);
  }

  private static List<Item> split(String name, List<String> keys, RecordSplitter.Opener opener) {
    List<Item> items = new ArrayList<>();
    try {
      RecordSplitter.split(name, keys, opener, items::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertOrdered(items);
    return items;
  }

  private static List<Item> split(Variant v, String name, byte[] plain, List<String> keys) {
    return split(v.name(name), keys, v.opener(v.bytes(plain)));
  }

  /**
   * Contract: the position of an item is its index in the file counting bad ones too, and items come in file
   * order. Only a whole-file problem (position null) has no position, and nothing follows it.
   */
  private static void assertOrdered(List<Item> items) {
    long next = 0;
    for (int i = 0; i < items.size(); i++) {
      Item it = items.get(i);
      Long pos = it instanceof Record r ? Long.valueOf(r.position()) : ((Problem) it).position();
      if (pos == null) {
        assertThat(i).as("a whole-file problem is the last item: %s", items).isEqualTo(items.size() - 1);
      } else {
        assertThat(pos).as("position of item %d in %s", i, items).isEqualTo(next++);
      }
      if (it instanceof Problem p) {
        assertThat(p.reason()).isNotBlank();
        assertThat(p.rawText()).isNotNull();
        assertThat(p.rawText().length()).isLessThanOrEqualTo(LIMIT_64K);
      }
    }
  }

  private static List<Record> records(List<Item> items) {
    return items.stream().filter(Record.class::isInstance).map(Record.class::cast).toList();
  }

  private static List<Problem> problems(List<Item> items) {
    return items.stream().filter(Problem.class::isInstance).map(Problem.class::cast).toList();
  }

  private static List<String> jsons(List<Item> items) {
    return records(items).stream().map(Record::json).toList();
  }

  private static JsonNode tree(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Pretty-prints with Jackson's default printer, keeping every number's text as written. */
  private static String pretty(String json) {
    java.io.StringWriter w = new java.io.StringWriter();
    try (com.fasterxml.jackson.core.JsonParser p = MAPPER.getFactory().createParser(json);
        com.fasterxml.jackson.core.JsonGenerator g = MAPPER.getFactory().createGenerator(w).useDefaultPrettyPrinter()) {
      com.fasterxml.jackson.core.JsonToken t;
      while ((t = p.nextToken()) != null) {
        if (t.isNumeric()) {
          g.writeNumber(p.getText());
        } else {
          g.copyCurrentEvent(p);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w.toString();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  private static byte[] gzip(byte[] plain) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(plain);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static Problem onlyProblem(List<Item> items) {
    assertThat(problems(items)).as("problems in %s", items).hasSize(1);
    return problems(items).get(0);
  }

  /** Hands out at most one byte per read, whatever was asked for. */
  private static final class Trickle extends FilterInputStream {
    Trickle(InputStream in) {
      super(in);
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      return super.read(b, off, Math.min(len, 1));
    }
  }

  /** A stream of {@code n} copies of one byte, generated as it is read (nothing held in memory). */
  private static final class Repeat extends InputStream {
    private final byte value;
    private long left;

    Repeat(char value, long n) {
      this.value = (byte) value;
      this.left = n;
    }

    @Override
    public int read() {
      if (left <= 0) {
        return -1;
      }
      left--;
      return value;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (left <= 0) {
        return -1;
      }
      int n = (int) Math.min(len, left);
      Arrays.fill(b, off, off + n, value);
      left -= n;
      return n;
    }
  }

  private static InputStream chain(List<Supplier<InputStream>> parts) {
    Iterator<Supplier<InputStream>> it = parts.iterator();
    return new SequenceInputStream(
        new Enumeration<InputStream>() {
          @Override
          public boolean hasMoreElements() {
            return it.hasNext();
          }

          @Override
          public InputStream nextElement() {
            return it.next().get();
          }
        });
  }

  private static Supplier<InputStream> text(String s) {
    return () -> new ByteArrayInputStream(utf8(s));
  }

  // ---------------------------------------------------------------------------------------------------------
  // 1. Shapes

  record Shape(String label, String name, byte[] bytes, List<String> keys, List<String> expected) {
    @Override
    public String toString() {
      return label;
    }
  }

  private static Shape shape(String label, String name, String text, List<String> keys, String... expected) {
    return new Shape(label, name, utf8(text), keys, List.of(expected));
  }

  static List<Shape> shapes() {
    String page = "{\"total_count\":2,\"workflow_runs\":[" + R1 + "," + R2 + "]}";
    String page2 = "{\"total_count\":1,\"workflow_runs\":[" + R3 + "]}";
    String array = "[" + R1 + "," + R2 + "," + R3 + "]";
    String ndjson = R1 + "\n" + R2 + "\n" + R3 + "\n";
    List<Shape> base =
        List.of(
            shape("wrapper page, pretty-printed", "runs.json", pretty(page), RUNS, R1, R2),
            shape("wrapper page, minified", "runs.json", page, RUNS, R1, R2),
            shape("wrapper page, minified, newline at end", "runs.json", page + "\n", RUNS, R1, R2),
            shape(
                "wrapper key after other fields",
                "runs.json",
                "{\"total_count\":2,\"meta\":{\"workflow_runs\":[{\"id\":9}],\"deep\":[[1],[2]]},\"incomplete_results\":false,\"workflow_runs\":["
                    + R1 + "," + R2 + "]}",
                RUNS, R1, R2),
            shape(
                "wrapper key before total_count, fields after it",
                "runs.json",
                "{\"workflow_runs\":[" + R1 + "," + R2 + "],\"total_count\":2,\"links\":{\"next\":[1,{\"a\":null}]}}",
                RUNS, R1, R2),
            shape("wrapper key before total_count, pretty", "runs.json",
                pretty("{\"workflow_runs\":[" + R1 + "," + R2 + "],\"total_count\":2}"), RUNS, R1, R2),
            shape("jobs wrapper with both keys configured", "jobs.json",
                "{\"total_count\":1,\"jobs\":[" + R3 + "]}", ACTIONS_KEYS, R3),
            shape("bare array, minified", "runs.json", array, RUNS, R1, R2, R3),
            shape("bare array, pretty-printed", "runs.json", pretty(array), RUNS, R1, R2, R3),
            shape("bare array, one element per line", "runs.json",
                "[\n" + R1 + ",\n" + R2 + ",\n" + R3 + "\n]\n", RUNS, R1, R2, R3),
            shape("single object body, minified", "run.json", R2, RUNS, R2),
            shape("single object body, pretty-printed", "run.json", pretty(R2), RUNS, R2),
            shape("single object, wrapper key holds no array", "run.json",
                "{\"id\":7,\"workflow_runs\":null}", RUNS, "{\"id\":7,\"workflow_runs\":null}"),
            shape("pretty objects one after another", "runs.json", pretty(R1) + "\n" + pretty(R3), RUNS, R1, R3),
            shape("NDJSON of records", "runs.ndjson", ndjson, RUNS, R1, R2, R3),
            shape("NDJSON without final newline", "runs.ndjson", R1 + "\n" + R2, RUNS, R1, R2),
            shape("NDJSON of wrapper pages", "runs.ndjson", page + "\n" + page2 + "\n", RUNS, R1, R2, R3),
            shape("NDJSON of arrays", "runs.ndjson", "[" + R1 + "]\n[" + R2 + "," + R3 + "]\n", RUNS, R1, R2, R3),
            shape("NDJSON, a blank line in between", "runs.ndjson", R1 + "\n\n   \n" + R2 + "\n", RUNS, R1, R2),
            shape("NDJSON, leading blank lines", "runs.ndjson", "\n\n" + R1 + "\n" + R2 + "\n", RUNS, R1, R2),
            shape("CRLF NDJSON", "runs.ndjson", ndjson.replace("\n", "\r\n"), RUNS, R1, R2, R3),
            shape("CRLF pretty wrapper page", "runs.json", pretty(page).replace("\n", "\r\n") + "\r\n", RUNS, R1, R2),
            shape("CRLF NDJSON of wrapper pages", "runs.ndjson", page + "\r\n" + page2 + "\r\n", RUNS, R1, R2, R3),
            shape("trailing blank lines after NDJSON", "runs.ndjson", ndjson + "\n\n  \n\r\n\t\n", RUNS, R1, R2, R3),
            shape("trailing blank lines after a pretty page", "runs.json", pretty(page) + "\n\n\n  \n", RUNS, R1, R2),
            shape("trailing blank lines after a minified page", "runs.json", page + "\r\n\r\n\r\n", RUNS, R1, R2));
    List<Shape> all = new ArrayList<>(base);
    for (Shape s : base) {
      all.add(new Shape("UTF-8 BOM + " + s.label(), s.name(), concat(BOM, s.bytes()), s.keys(), s.expected()));
    }
    return all;
  }

  static Stream<Arguments> shapeVariants() {
    return shapes().stream().flatMap(s -> Arrays.stream(Variant.values()).map(v -> Arguments.of(s, v)));
  }

  @ParameterizedTest(name = "{0} [{1}]")
  @MethodSource("shapeVariants")
  void everyShapeSplitsIntoItsRecords(Shape s, Variant v) {
    List<Item> items = split(v, s.name(), s.bytes(), s.keys());

    assertThat(problems(items)).isEmpty();
    assertThat(jsons(items)).containsExactlyElementsOf(s.expected());
  }

  static Stream<Arguments> emptyFiles() {
    return Stream.of(
        Arguments.of("0-byte file", ""),
        Arguments.of("whitespace only", "  \n\t\r\n   \n"),
        Arguments.of("BOM only", "\uFEFF"),
        Arguments.of("BOM and blank lines", "\uFEFF\n\n"),
        Arguments.of("page with zero records", "{\"total_count\":0,\"workflow_runs\":[]}"),
        Arguments.of("pretty page with zero records", "{\n  \"total_count\" : 0,\n  \"workflow_runs\" : [ ]\n}\n"),
        Arguments.of("empty array", "[]"),
        Arguments.of("empty array, pretty", "[\n]\n"),
        Arguments.of("NDJSON of empty pages", "{\"total_count\":0,\"workflow_runs\":[]}\n[]\n"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("emptyFiles")
  void emptyFilesAndEmptyPagesAreValidAndHoldNothing(String label, String text) {
    for (Variant v : Variant.values()) {
      assertThat(split(v, "runs.json", utf8(text), RUNS)).as("%s [%s]", label, v).isEmpty();
    }
  }

  @Test
  void aZeroByteFileNamedGzIsEmptyNotBroken() {
    assertThat(split("runs.json.gz", new byte[0], RUNS)).isEmpty();
    assertThat(split("runs.json.gz", gzip(new byte[0]), RUNS)).isEmpty();
  }

  @Test
  void aReadFailureOfTheFileIsOneProblemAfterTheRecordsBeforeIt() {
    byte[] file = utf8(manyRecordsNdjson(2000));
    RecordSplitter.Opener failing =
        () ->
            new FilterInputStream(new ByteArrayInputStream(file)) {
              long read;

              @Override
              public int read(byte[] b, int off, int len) throws IOException {
                if (read > file.length / 2) {
                  throw new IOException("connection reset by peer");
                }
                int n = super.read(b, off, Math.min(len, 4096));
                read += Math.max(n, 0);
                return n;
              }
            };
    List<Item> items = split("runs.ndjson", RUNS, failing);
    assertThat(records(items)).hasSizeGreaterThan(500);
    Problem p = onlyProblem(items);
    assertThat(p.position()).isNull();
    assertThat(p.reason()).contains("could not be read", "connection reset by peer", records(items).size() + " records");
  }

  @Test
  void concatenatedGzipMembersAreOneFile() {
    byte[] twoMembers = concat(gzip(utf8(R1 + "\n")), gzip(utf8(R2 + "\n" + R3 + "\n")));

    assertThat(jsons(split("runs.ndjson.gz", twoMembers, RUNS))).containsExactly(R1, R2, R3);
  }

  // ---------------------------------------------------------------------------------------------------------
  // 2. Real samples (copied from shared/fixtures/real, see src/test/resources/fixtures/landing/PROVENANCE.md)

  private static Stream<Path> fixtures(String dir, String ext) {
    try {
      Path root = Path.of(RecordSplitterTest.class.getResource("/fixtures/landing/" + dir).toURI());
      try (Stream<Path> files = Files.list(root)) {
        List<Path> list = files.filter(p -> p.getFileName().toString().endsWith(ext)).sorted().toList();
        assertThat(list).as("fixtures in %s", root).isNotEmpty();
        return list.stream();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Stream<Path> actionsFixtures() {
    return fixtures("github-actions", ".json");
  }

  static Stream<Path> ndjsonFixtures() {
    return Stream.concat(fixtures("github-vcs", ".ndjson"), fixtures("jenkins", ".ndjson"));
  }

  /** What Jackson's own tree model finds in one JSON value: a page's records, an array's elements, or itself. */
  private static List<JsonNode> expectedRecords(JsonNode root, List<String> keys) {
    List<JsonNode> out = new ArrayList<>();
    if (root.isArray()) {
      root.forEach(out::add);
      return out;
    }
    for (String k : keys) {
      if (root.path(k).isArray()) {
        root.get(k).forEach(out::add);
        return out;
      }
    }
    out.add(root);
    return out;
  }

  private static void assertSameRecords(List<Item> items, List<JsonNode> expected) {
    assertThat(problems(items)).isEmpty();
    List<Record> got = records(items);
    assertThat(got).hasSize(expected.size());
    for (int i = 0; i < got.size(); i++) {
      assertThat(got.get(i).position()).isEqualTo(i);
      assertThat(got.get(i).json()).doesNotContain("\n");
      assertThat(tree(got.get(i).json())).as("record %d", i).isEqualTo(expected.get(i));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("actionsFixtures")
  void realGithubActionsBodies(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    List<JsonNode> expected = expectedRecords(MAPPER.readTree(bytes), ACTIONS_KEYS);
    assertThat(expected).isNotEmpty();

    for (Variant v : Variant.values()) {
      assertSameRecords(split(v, file.getFileName().toString(), bytes, ACTIONS_KEYS), expected);
    }
  }

  @Test
  void realGithubActionsFixturesHoldTheExpectedCounts() throws IOException {
    // pinned, so that a change to the copies (or to what Jackson finds) is noticed
    Path dir = actionsFixtures().findFirst().orElseThrow().getParent();
    assertThat(records(split("f.json", Files.readAllBytes(dir.resolve("pygithub_list_workflow_runs_legacy_shape_2020.json")), ACTIONS_KEYS)))
        .hasSize(5);
    assertThat(records(split("f.json", Files.readAllBytes(dir.resolve("pygithub_list_jobs_for_workflow_run_2023.json")), ACTIONS_KEYS)))
        .hasSize(5);
    assertThat(records(split("f.json", Files.readAllBytes(dir.resolve("sck_push_jobs_run_2499110742_all_attempts_in_progress.json")), ACTIONS_KEYS)))
        .hasSize(4);
    assertThat(records(split("f.json", Files.readAllBytes(dir.resolve("sck_pull_request_run_2499110858_attempt1.json")), ACTIONS_KEYS)))
        .hasSize(1);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ndjsonFixtures")
  void realNdjsonExports(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    List<JsonNode> expected = new ArrayList<>();
    for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
      if (!line.isBlank()) {
        expected.addAll(expectedRecords(MAPPER.readTree(line), List.of()));
      }
    }
    assertThat(expected).hasSizeGreaterThan(5);

    for (Variant v : Variant.values()) {
      assertSameRecords(split(v, file.getFileName().toString(), bytes, List.of()), expected);
    }
    // the same records as an exporter that keeps the page wrapper would write them, and as a bare array
    String joined = expected.stream().map(JsonNode::toString).collect(Collectors.joining(","));
    assertSameRecords(split("page.json", "{\"total_count\":" + expected.size() + ",\"items\":[" + joined + "]}", List.of("items")), expected);
    assertSameRecords(split("page.json", pretty("{\"items\":[" + joined + "],\"total_count\":1}"), List.of("items")), expected);
    assertSameRecords(split("array.json", "[" + joined + "]", List.of()), expected);
  }

  // ---------------------------------------------------------------------------------------------------------
  // 3. Hostile input

  @Test
  void truncatedPrettyDocumentKeepsTheRecordsBeforeTheCut() {
    String page = pretty("{\"total_count\":3,\"workflow_runs\":[" + R1 + "," + R2 + "," + R3 + "]}");
    String cut = page.substring(0, page.indexOf("\"Deploy\""));

    for (Variant v : Variant.values()) {
      List<Item> items = split(v, "runs.json", utf8(cut), RUNS);
      assertThat(jsons(items)).as("%s", v).containsExactly(R1, R2);
      Problem p = onlyProblem(items);
      assertThat(p.position()).isNull();
      assertThat(p.reason()).contains("cut short", "2 records", "re-export");
      assertThat(p.rawText()).isEqualTo(cut);
    }
  }

  @Test
  void truncatedMinifiedDocumentKeepsTheRecordsBeforeTheCut() {
    String page = "{\"total_count\":3,\"workflow_runs\":[" + R1 + "," + R2 + "," + R3 + "]}";
    for (String cut : List.of(page.substring(0, page.length() - 3), page.substring(0, page.length() - 3) + "\n", page.substring(0, page.indexOf(R3)))) {
      List<Item> items = split("runs.json", cut, RUNS);
      assertThat(jsons(items)).containsExactly(R1, R2);
      Problem p = onlyProblem(items);
      assertThat(p.position()).isNull();
      assertThat(p.reason()).contains("cut short", "re-export");
      assertThat(p.rawText()).isEqualTo(cut);
    }
    // cut before the first record is complete: nothing kept, one problem
    List<Item> items = split("runs.json", "{\"total_count\":1,\"workflow_runs\":[{\"id\":4,\"name\":\"CI\"", RUNS);
    assertThat(records(items)).isEmpty();
    assertThat(onlyProblem(items).position()).isNull();
    assertThat(onlyProblem(items).reason()).contains("cut short");
  }

  @Test
  void truncatedNdjsonLineInTheMiddleIsThatLineOnly() {
    String cutLine = R2.substring(0, 25);
    String file = R1 + "\n" + cutLine + "\n" + R3 + "\n" + R1 + "\n";

    for (Variant v : Variant.values()) {
      List<Item> items = split(v, "runs.ndjson", utf8(file), RUNS);
      assertThat(items).as("%s", v).hasSize(4);
      assertThat(items.get(0)).isEqualTo(new Record(0, R1));
      assertThat(items.get(2)).isEqualTo(new Record(2, R3));
      assertThat(items.get(3)).isEqualTo(new Record(3, R1));
      Problem p = (Problem) items.get(1);
      assertThat(p.position()).isEqualTo(1L);
      assertThat(p.reason()).contains("line 2", "cut short");
      assertThat(p.rawText()).isEqualTo(cutLine);
    }
  }

  @Test
  void truncatedNdjsonLastLineIsAProblemAtItsPosition() {
    String file = R1 + "\r\n" + R2 + "\r\n" + R3.substring(0, 20);

    List<Item> items = split("runs.ndjson", file, RUNS);
    assertThat(jsons(items)).containsExactly(R1, R2);
    Problem p = onlyProblem(items);
    assertThat(p.position()).isEqualTo(2L);
    assertThat(p.reason()).contains("line 3", "cut short");
    assertThat(p.rawText()).isEqualTo(R3.substring(0, 20));
  }

  @Test
  void brokenFirstNdjsonLineDoesNotStopTheRestOfTheFile() {
    String cutFirst = R1.substring(0, 30);
    for (String first : List.of(cutFirst, "{\"id\":1,,}", "not json at all", "42", "\"text\"", "{\"id\":1,\"s\":\"\t\"}")) {
      String file = first + "\n" + R2 + "\n" + R3 + "\n";
      for (Variant v : Variant.values()) {
        List<Item> items = split(v, "runs.ndjson", utf8(file), RUNS);
        assertThat(jsons(items)).as("%s [%s]", first, v).containsExactly(R2, R3);
        Problem p = onlyProblem(items);
        assertThat(p.position()).isEqualTo(0L);
        assertThat(p.reason()).contains("line 1");
        assertThat(p.rawText()).isEqualTo(first);
      }
    }
    // a complete record, then junk on the same line: the record is kept, the junk is the line's problem
    List<Item> junk = split("runs.ndjson", "{\"id\":1}}\n" + R2 + "\n" + R3 + "\n", RUNS);
    assertThat(junk).hasSize(4);
    assertThat(junk.get(0)).isEqualTo(new Record(0, "{\"id\":1}"));
    assertThat(((Problem) junk.get(1)).reason()).contains("line 1", "not valid JSON");
    assertThat(junk.subList(2, 4)).containsExactly(new Record(2, R2), new Record(3, R3));
    // two lines: the second is still read
    List<Item> items = split("runs.ndjson", cutFirst + "\n" + R2, RUNS);
    assertThat(items).containsExactly(items.get(0), new Record(1, R2));
    assertThat(((Problem) items.get(0)).reason()).contains("line 1", "cut short");
  }

  @Test
  void brokenFirstLineOfAnNdjsonOfPagesKeepsItsRecordsAndTheOtherPages() {
    String page = "{\"total_count\":3,\"workflow_runs\":[" + R1 + "," + R2 + "," + R3 + "]}";
    String cut = page.substring(0, page.indexOf("\"Deploy\""));
    String file = cut + "\n" + "{\"total_count\":1,\"workflow_runs\":[" + R3 + "]}\n" + "[" + R1 + "]\n";

    List<Item> items = split("runs.ndjson", file, RUNS);
    assertThat(items).hasSize(5);
    assertThat(items.subList(0, 2)).containsExactly(new Record(0, R1), new Record(1, R2));
    assertThat(((Problem) items.get(2)).reason()).contains("line 1", "cut short");
    assertThat(items.subList(3, 5)).containsExactly(new Record(3, R3), new Record(4, R1));
  }

  @Test
  void documentsThatLookLikeNdjsonAreStillReadAsDocuments() {
    // a valid document whose second line is a complete object on its own must not be taken for NDJSON
    assertThat(jsons(split("runs.json", "{\"workflow_runs\":[\n" + R1 + "\n]}\n", RUNS))).containsExactly(R1);
    assertThat(jsons(split("runs.json", "{\"workflow_runs\":\n[" + R1 + "]\n}", RUNS))).containsExactly(R1);
    assertThat(jsons(split("runs.json", "[\n" + R1 + "\n]", RUNS))).containsExactly(R1);
    assertThat(jsons(split("runs.json", "{\"workflow_runs\":[\n" + R1 + "\n,\n" + R2 + "\n]}", RUNS))).containsExactly(R1, R2);
  }

  @Test
  void randomBytesAreOneWholeFileProblem() {
    byte[] junk = new byte[200_000];
    new Random(42).nextBytes(junk);

    List<Item> items = split("runs.json", junk, RUNS);
    Problem p = onlyProblem(items);
    assertThat(records(items)).isEmpty();
    assertThat(p.position()).isNull();
    assertThat(p.reason()).contains("not valid JSON");
    assertThat(p.rawText()).isNotEmpty();
  }

  @Test
  void randomBytesNeverThrowAndNeverMakeRecords() {
    for (int seed = 0; seed < 300; seed++) {
      Random r = new Random(seed);
      byte[] junk = new byte[1 + r.nextInt(20_000)];
      r.nextBytes(junk);
      if (seed % 3 == 0) {
        junk[0] = (byte) "{[\"-1tn".charAt(seed % 7); // start like JSON
      }
      for (String name : List.of("runs.json", "runs.json.gz")) {
        int s = seed;
        List<Item> items = new ArrayList<>();
        assertThatCode(() -> items.addAll(split(name, junk, RUNS))).as("seed %d", s).doesNotThrowAnyException();
        assertThat(records(items)).as("seed %d", s).isEmpty();
        assertThat(problems(items)).as("seed %d", s).hasSize(1);
        assertThat(problems(items).get(0).position()).as("seed %d", s).isNull();
      }
    }
  }

  @Test
  void gzNameWithoutGzipIsOneProblemNamingGzip() {
    String page = "{\"total_count\":1,\"workflow_runs\":[" + R1 + "]}";

    List<Item> items = split("runs.json.gz", page, RUNS);
    Problem p = onlyProblem(items);
    assertThat(items).hasSize(1);
    assertThat(p.position()).isNull();
    assertThat(p.reason()).contains(".gz", "not gzip");
    assertThat(p.rawText()).isEqualTo(page);
  }

  @Test
  void gzipMagicWithGarbageAfterIsOneProblem() {
    byte[] fake = {0x1f, (byte) 0x8b, 1, 2, 3, 4, 5};
    for (String name : List.of("runs.json.gz", "runs.json")) {
      List<Item> items = split(name, fake, RUNS);
      assertThat(items).hasSize(1);
      assertThat(onlyProblem(items).position()).isNull();
      assertThat(onlyProblem(items).reason()).contains("gzip");
    }
  }

  private static String manyRecordsNdjson(int n) {
    Random r = new Random(7);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append("{\"id\":").append(i).append(",\"sha\":\"").append(Long.toHexString(r.nextLong())).append(Long.toHexString(r.nextLong()))
          .append("\",\"n\":").append(r.nextInt()).append("}\n");
    }
    return sb.toString();
  }

  private static void assertCutGzip(String name, byte[] plainText, List<String> allRecords, List<String> keys) {
    byte[] gz = gzip(plainText);
    for (int cutAt : List.of(gz.length / 2, gz.length - 9, gz.length - 1, 11, 20)) {
      byte[] cut = Arrays.copyOf(gz, cutAt);
      for (RecordSplitter.Opener opener : List.<RecordSplitter.Opener>of(() -> new ByteArrayInputStream(cut), () -> new Trickle(new ByteArrayInputStream(cut)))) {
        List<Item> items = new ArrayList<>();
        assertThatCode(() -> items.addAll(split(name, keys, opener))).doesNotThrowAnyException();
        List<String> kept = jsons(items);
        assertThat(kept.size()).as("cut at %d of %d", cutAt, gz.length).isLessThanOrEqualTo(allRecords.size());
        assertThat(kept).as("cut at %d of %d", cutAt, gz.length).isEqualTo(allRecords.subList(0, kept.size()));
        Problem p = onlyProblem(items);
        assertThat(p.position()).isNull();
        assertThat(p.reason()).contains("gzip", "re-export");
        assertThat(items.get(items.size() - 1)).isEqualTo(p);
        if (cutAt == gz.length / 2) {
          assertThat(kept).as("records before a cut in the middle are kept").isNotEmpty();
          assertThat(p.reason()).contains(kept.size() + " records");
        }
      }
    }
  }

  @Test
  void gzipCutInHalfKeepsTheRecordsBeforeTheCut() {
    String ndjson = manyRecordsNdjson(3000);
    List<String> all = Arrays.asList(ndjson.split("\n"));

    assertCutGzip("runs.ndjson.gz", utf8(ndjson), all, RUNS);
    assertCutGzip("runs.json.gz", utf8("{\"total_count\":3000,\"workflow_runs\":[" + String.join(",", all) + "]}"), all, RUNS);
    assertCutGzip("runs.json.gz", utf8(pretty("{\"total_count\":3000,\"workflow_runs\":[" + String.join(",", all) + "]}")), all, RUNS);
  }

  @Test
  void recordsThatAreNotObjectsInsideAnArray() {
    String file = "[" + R1 + ", 42, \"a string\", [1, {\"x\":2}], null, true, -0.5e3, " + R2 + "]";

    for (Variant v : List.of(Variant.PLAIN, Variant.GZIP)) {
      List<Item> items = split(v, "runs.json", utf8(file), RUNS);
      assertThat(items).hasSize(8);
      assertThat(items.get(0)).isEqualTo(new Record(0, R1));
      assertThat(items.get(7)).isEqualTo(new Record(7, R2));
      List<String> raw = List.of("42", "\"a string\"", "[1,{\"x\":2}]", "null", "true", "-0.5e3");
      List<String> kinds = List.of("a number", "a string", "an array", "null", "a boolean", "a number");
      for (int i = 1; i <= 6; i++) {
        Problem p = (Problem) items.get(i);
        assertThat(p.position()).isEqualTo((long) i);
        assertThat(p.reason()).contains("not a JSON object", kinds.get(i - 1));
        assertThat(p.rawText()).isEqualTo(raw.get(i - 1));
      }
    }
    // the same inside a page and as NDJSON lines
    List<Item> page = split("runs.json", "{\"workflow_runs\":[1," + R1 + "]}", RUNS);
    assertThat(((Problem) page.get(0)).reason()).contains("not a JSON object");
    assertThat(page.get(1)).isEqualTo(new Record(1, R1));
    List<Item> lines = split("runs.ndjson", R1 + "\n42\n\"text\"\n" + R2 + "\n", RUNS);
    assertThat(lines).hasSize(4);
    assertThat(((Problem) lines.get(1)).reason()).contains("not a JSON object", "a number");
    assertThat(((Problem) lines.get(1)).rawText()).isEqualTo("42");
    assertThat(((Problem) lines.get(2)).reason()).contains("not a JSON object", "a string");
    assertThat(lines.get(3)).isEqualTo(new Record(3, R2));
  }

  @Test
  void aHugeStringThatIsNotARecordKeepsOnly64KbOfEvidence() {
    // 3 MB string elements in an array: the problem holds at most 64 KB of it, and the reason stays short
    RecordSplitter.Opener opener = () -> chain(List.of(text("[\""), () -> new Repeat('s', 3_000_000), text("\", " + R1 + "]")));
    List<Item> items = split("runs.json", RUNS, opener);
    assertThat(items).hasSize(2);
    Problem p = (Problem) items.get(0);
    assertThat(p.reason()).contains("not a JSON object").hasSizeLessThan(500);
    assertThat(p.rawText()).startsWith("\"sss").hasSizeLessThanOrEqualTo(LIMIT_64K);
    assertThat(items.get(1)).isEqualTo(new Record(1, R1));

    List<Item> lines = split("runs.ndjson", RUNS, () -> chain(List.of(text("\""), () -> new Repeat('s', 3_000_000), text("\"\n" + R1 + "\n"))));
    assertThat(((Problem) lines.get(0)).reason()).contains("not a JSON object").hasSizeLessThan(500);
    assertThat(lines.get(1)).isEqualTo(new Record(1, R1));
  }

  private static String nested(int levels) {
    // a record whose own object is level 1: {"id":5,"deep":[[...]]} with levels-1 arrays
    return "{\"id\":5,\"deep\":" + "[".repeat(levels - 1) + "]".repeat(levels - 1) + "}";
  }

  @Test
  void tenThousandLevelsIsAProblemAndTheNextRecordStillComes() {
    String deep = nested(10_000);
    List<String> files =
        List.of(
            "[" + deep + "," + R1 + "]",
            "{\"total_count\":2,\"workflow_runs\":[" + deep + "," + R1 + "]}",
            "[\n" + deep + ",\n" + R1 + "\n]\n",
            deep + "\n" + R1 + "\n");
    for (String file : files) {
      for (Variant v : List.of(Variant.PLAIN, Variant.GZIP)) {
        List<Item> items = split(v, "runs.json", utf8(file), RUNS);
        assertThat(items).as("%s", v).hasSize(2);
        Problem p = (Problem) items.get(0);
        assertThat(p.position()).isEqualTo(0L);
        assertThat(p.reason()).contains("nested deeper", "1,000 levels");
        assertThat(p.rawText()).startsWith("{\"id\":5,\"deep\":[[[");
        assertThat(items.get(1)).isEqualTo(new Record(1, R1));
      }
    }
  }

  @Test
  void exactlyAThousandLevelsIsARecordAndOneMoreIsNot() {
    String ok = nested(RecordSplitter.MAX_DEPTH);
    String tooDeep = nested(RecordSplitter.MAX_DEPTH + 1);

    assertThat(split("runs.json", "[" + ok + "," + tooDeep + "]", RUNS))
        .satisfiesExactly(
            first -> assertThat(first).isEqualTo(new Record(0, ok)),
            second -> assertThat(((Problem) second).reason()).contains("1,000 levels"));
    assertThat(split("runs.ndjson", ok + "\n" + tooDeep + "\n", RUNS))
        .satisfiesExactly(
            first -> assertThat(first).isEqualTo(new Record(0, ok)),
            second -> assertThat(((Problem) second).reason()).contains("1,000 levels"));
    assertThat(split("run.json", pretty(ok), RUNS)).containsExactly(new Record(0, ok));
    // in a page, the page's own levels do not count
    assertThat(split("runs.json", "{\"a\":{},\"workflow_runs\":[" + ok + "]}", RUNS)).containsExactly(new Record(0, ok));
  }

  @Test
  void aNestingBombIsOneProblemNotACrash() {
    // 3 million open brackets: no record is this deep, and reading it must neither throw nor fill the heap
    // with parser state. In a document that is one problem for the rest of the file ...
    List<Item> doc = split("bomb.json", RUNS, () -> chain(List.of(text("[" + R1 + ",{\"a\":"), () -> new Repeat('[', 3_000_000))));
    assertThat(doc).hasSize(2);
    assertThat(doc.get(0)).isEqualTo(new Record(0, R1));
    Problem p = (Problem) doc.get(1);
    assertThat(p.position()).isNull();
    assertThat(p.reason()).contains("nested deeper than 100,000 levels", "1,000 levels", "1 records (those were kept)");
    assertThat(p.rawText()).startsWith("[" + R1 + ",{\"a\":[[[").hasSize(LIMIT_64K);

    // ... and in NDJSON it is that line only
    List<Item> lines =
        split("bomb.ndjson", RUNS, () -> chain(List.of(text(R1 + "\n{\"a\":"), () -> new Repeat('[', 3_000_000), text("\n" + R2 + "\n"))));
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).isEqualTo(new Record(0, R1));
    Problem line = (Problem) lines.get(1);
    assertThat(line.position()).isEqualTo(1L);
    assertThat(line.reason()).contains("line 2", "nested deeper than 100,000 levels");
    assertThat(line.rawText()).startsWith("{\"a\":[[[").hasSize(LIMIT_64K);
    assertThat(lines.get(2)).isEqualTo(new Record(2, R2));
  }

  /** {@code prefix + '"' + n x 'x' + '"' + suffix}, generated as it is read. */
  private static RecordSplitter.Opener bigString(String prefix, long n, String suffix) {
    return () -> chain(List.of(text(prefix + "\""), () -> new Repeat('x', n), text("\"" + suffix)));
  }

  @Test
  void aRecordOver100MbIsAProblemAndTheNextRecordStillComes() {
    long n = 101L * 1024 * 1024;
    List<RecordSplitter.Opener> files =
        List.of(
            bigString("[" + R1 + ",{\"id\":9,\"blob\":", n, "}," + R2 + "]"),
            bigString(R1 + "\n{\"id\":9,\"blob\":", n, "}\n" + R2 + "\n"));
    for (RecordSplitter.Opener file : files) {
      List<Item> items = split("runs.json", RUNS, file);
      assertThat(items).hasSize(3);
      assertThat(items.get(0)).isEqualTo(new Record(0, R1));
      Problem p = (Problem) items.get(1);
      assertThat(p.position()).isEqualTo(1L);
      assertThat(p.reason()).contains("larger than the limit of 100 MB");
      assertThat(p.rawText()).startsWith("{\"id\":9,\"blob\":\"xxxx").hasSizeLessThanOrEqualTo(LIMIT_64K);
      assertThat(items.get(2)).isEqualTo(new Record(2, R2));
    }
  }

  /**
   * A record of many small values whose compact JSON is exactly {@code total} characters:
   * {@code {"a":["xx..x","xx..x",...]}} (no single huge value).
   */
  private static RecordSplitter.Opener recordOfLength(long total, String before, String after) {
    int element = 1000; // "x...x" with its quotes
    long budget = total - "{\"a\":[".length() - "]}".length();
    int full = (int) ((budget - 1500) / (element + 1)); // full elements, each followed by a comma
    long last = budget - (long) full * (element + 1) - 2; // the last element's x's
    byte[] one = utf8("\"" + "x".repeat(element - 2) + "\",");
    return () -> {
      List<Supplier<InputStream>> parts = new ArrayList<>(full + 4);
      parts.add(text(before + "{\"a\":["));
      for (int i = 0; i < full; i++) {
        parts.add(() -> new ByteArrayInputStream(one));
      }
      parts.add(text("\""));
      parts.add(() -> new Repeat('x', last));
      parts.add(text("\"]}" + after));
      return chain(parts);
    };
  }

  @Test
  void theRecordSizeLimitIsExact() {
    long max = RecordSplitter.MAX_RECORD_CHARS;
    List<Item> atLimit = split("runs.json", RUNS, recordOfLength(max, "[", "," + R1 + "]"));
    assertThat(atLimit).hasSize(2);
    assertThat(((Record) atLimit.get(0)).json()).hasSize((int) max).startsWith("{\"a\":[\"xxx").endsWith("xx\"]}");
    assertThat(atLimit.get(1)).isEqualTo(new Record(1, R1));
    atLimit = null;

    List<Item> over = split("runs.json", RUNS, recordOfLength(max + 1, "[", "," + R1 + "]"));
    assertThat(over).hasSize(2);
    Problem p = (Problem) over.get(0);
    assertThat(p.reason()).contains("100 MB");
    assertThat(p.rawText()).startsWith("{\"a\":[\"xxx").hasSizeLessThanOrEqualTo(LIMIT_64K);
    assertThat(over.get(1)).isEqualTo(new Record(1, R1));
  }

  @Test
  void nonAsciiAndEmojiRoundTrip() {
    String rec =
        "{\"name\":\"Zürich – 日本語 – 😀🚀\",\"escaped\":\"\\ud83d\\ude00 \\u00e9\",\"ctl\":\"a\\u0000b\\tc\",\"rtl\":\"مرحبا\","
            + "\"key😀\":\"ok\"}";
    String file = rec + "\n" + "[" + rec + "," + rec + "]\n";
    for (Variant v : Variant.values()) {
      List<Item> items = split(v, "runs.ndjson", utf8(file), RUNS);
      assertThat(problems(items)).isEmpty();
      assertThat(records(items)).hasSize(3);
      for (Record r : records(items)) {
        assertThat(tree(r.json())).isEqualTo(tree(rec));
        assertThat(r.json()).contains("Zürich – 日本語 – 😀🚀", "key😀", "مرحبا");
        assertThat(tree(r.json()).get("escaped").asText()).isEqualTo("😀 é");
      }
    }
    // a multi-byte character across the 64 KB evidence boundary and the parser's buffer boundaries
    String longText = "é😀".repeat(40_000);
    String big = "{\"t\":\"" + longText + "\"}";
    assertThat(jsons(split("x.ndjson", big + "\n" + big + "\n", RUNS))).containsExactly(big, big);
  }

  @Test
  void invalidUtf8InOneNdjsonLineIsThatLineOnly() {
    byte[] bad1 = concat(utf8("{\"id\":2,\"name\":\"caf"), new byte[] {(byte) 0xC3, 0x28}, utf8("\"}"));
    byte[] bad2 = concat(utf8("{\"id\":3,\"na"), new byte[] {(byte) 0xFF, (byte) 0xFE}, utf8("me\":1}"));
    byte[] bad3 = concat(utf8("{\"id\":4,\"s\":\""), new byte[] {(byte) 0xE2, (byte) 0x82}, utf8("\"}"));
    byte[] file = concat(utf8(R1 + "\n"), bad1, utf8("\n" + R2 + "\n"), bad2, utf8("\r\n"), bad3, utf8("\n" + R3));

    for (Variant v : Variant.values()) {
      List<Item> items = split(v, "runs.ndjson", file, RUNS);
      assertThat(items).as("%s", v).hasSize(6);
      assertThat(items.get(0)).isEqualTo(new Record(0, R1));
      assertThat(items.get(2)).isEqualTo(new Record(2, R2));
      assertThat(items.get(5)).isEqualTo(new Record(5, R3));
      for (int i : new int[] {1, 3, 4}) {
        Problem p = (Problem) items.get(i);
        assertThat(p.position()).isEqualTo((long) i);
        assertThat(p.reason()).contains("line " + (i + 1), "UTF-8");
      }
      assertThat(((Problem) items.get(1)).rawText()).startsWith("{\"id\":2,\"name\":\"caf");
      assertThat(((Problem) items.get(3)).rawText()).startsWith("{\"id\":3,\"na");
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // 4. Positions and order

  @Test
  void positionsCountBadItemsAndFollowFileOrder() {
    String file =
        String.join(
                "\n",
                "{\"total_count\":2,\"workflow_runs\":[" + R1 + ",7," + R2 + "]}", // 0 record, 1 problem, 2 record
                "",
                "{\"id\":", // 3 problem (cut short)
                R3, // 4
                "[" + R1 + ",\"x\"]", // 5 record, 6 problem
                "{\"total_count\":0,\"workflow_runs\":[]}", // nothing
                "{\"workflow_runs\":[" + R2 + "]} trailing", // 7 record, 8 problem
                R1) // 9
            + "\n";
    for (Variant v : Variant.values()) {
      List<Item> items = split(v, "runs.ndjson", utf8(file), RUNS);
      assertThat(items).as("%s", v).hasSize(10);
      assertThat(items.stream().map(i -> i instanceof Record ? "R" : "P").collect(Collectors.joining())).isEqualTo("RPRPRRPRPR");
      assertThat(jsons(items)).containsExactly(R1, R2, R3, R1, R2, R1);
      assertThat(((Problem) items.get(3)).reason()).contains("line 3", "cut short");
      assertThat(((Problem) items.get(8)).reason()).contains("line 7", "not valid JSON");
    }
  }

  @Test
  void eachOpenIsAFreshReadAndTheFileIsReadAtMostThreeTimes() {
    AtomicInteger opens = new AtomicInteger();
    byte[] page = utf8(pretty("{\"total_count\":2,\"workflow_runs\":[" + R1 + "," + R2 + "]}"));
    List<Item> items = split("runs.json", RUNS, () -> {
      opens.incrementAndGet();
      return new ByteArrayInputStream(page);
    });
    assertThat(jsons(items)).containsExactly(R1, R2);
    assertThat(opens.get()).isBetween(1, 3);

    opens.set(0);
    byte[] nd = utf8(R1 + "\n" + R2 + "\n");
    split("runs.ndjson", RUNS, () -> {
      opens.incrementAndGet();
      return new ByteArrayInputStream(nd);
    });
    assertThat(opens.get()).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 5, 8000, 65_535, 65_536, 65_537, 131_072})
  void recordsAcrossBufferBoundaries(int pad) {
    // a record that ends just before, at and after the splitter's and the parser's buffer sizes
    String padded = "{\"pad\":\"" + "p".repeat(pad) + "\"}";
    String file = padded + "\n" + R1 + "\r\n" + padded + "\n";
    for (Variant v : List.of(Variant.PLAIN, Variant.GZIP)) {
      assertThat(jsons(split(v, "runs.ndjson", utf8(file), RUNS))).containsExactly(padded, R1, padded);
      assertThat(jsons(split(v, "runs.json", utf8("[" + padded + ",\n" + R1 + "]"), RUNS))).containsExactly(padded, R1);
      assertThat(jsons(split(v, "runs.json", concat(BOM, utf8("\n".repeat(pad % 70_000) + R1)), RUNS))).containsExactly(R1);
    }
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void evidenceOfAWholeFileProblemIsTheFirst64Kb(Variant v) {
    // a long pretty page cut short: raw_text is the file's first 64 KB, decoded
    StringBuilder sb = new StringBuilder("{\"total_count\":9999,\"workflow_runs\":[");
    IntStream.range(0, 2000).forEach(i -> sb.append(R2).append(",\n"));
    String file = sb.substring(0, sb.length() - 40);
    List<Item> items = split(v, "runs.json", concat(BOM, utf8(file)), RUNS);
    assertThat(records(items)).hasSize(1999);
    Problem p = onlyProblem(items);
    assertThat(p.reason()).contains("cut short", "1999 records");
    assertThat(p.rawText()).hasSizeLessThanOrEqualTo(LIMIT_64K);
    assertThat(file).startsWith(p.rawText().substring(0, p.rawText().length() - 2));
  }


  // ---------------------------------------------------------------------------------------------------------
  // 5. Line mode (git log, contract section 4): one record a line, kept exactly as written

  private static final String US = "\u001f";
  private static final String GIT1 =
      String.join(US, "c217a5f4f023a6087c30a2df191d2a391df879e2", "759e51bbde9086f6bcaba3f739fa12149bb6a88c 5844de0e98e7aae156e65b253a372cdefcc2e167",
          "Klesh Wong", "zhenmian.huang@merico.dev", "2022-05-18T23:06:47+08:00", "GitHub", "noreply@github.com", "2022-05-18T23:06:47+08:00",
          "Merge pull request #1920 from KeHaohaoke/main");
  private static final String GIT2 =
      String.join(US, "5844de0e98e7aae156e65b253a372cdefcc2e167", "afa5122ffcb601125256aab8e032851afce2816f", "Fábio Frøysaa", "f@example.com",
          "2022-05-18T22:49:10+08:00", "Klesh Wong", "zhenmian.huang@merico.dev", "2022-05-18T22:52:58+08:00", "chore: {\"not\": json} 😀");

  private static List<Item> lines(String name, RecordSplitter.Opener opener, long limit) {
    List<Item> items = new ArrayList<>();
    try {
      RecordSplitter.splitLines(name, opener, items::add, limit);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return items;
  }

  private static List<Item> lines(Variant v, String name, byte[] plain) {
    return lines(v.name(name), v.opener(v.bytes(plain)), RecordSplitter.MAX_RECORD_CHARS);
  }

  @Test
  void everyNonBlankLineIsOneRecordExactlyAsWrittenAtItsLineIndex() {
    // a trailing newline, a blank line, CRLF and a last line without newline; a BOM first
    byte[] file = concat(BOM, utf8(GIT1 + "\n\n" + GIT2 + "\r\nnot git log at all\n   \n" + GIT1));
    for (Variant v : Variant.values()) {
      List<Item> items = lines(v, "log.txt", file);
      assertThat(items).as("%s", v).containsExactly(
          new Record(0, GIT1), new Record(2, GIT2), new Record(3, "not git log at all"), new Record(5, GIT1));
    }
  }

  @Test
  void theRealX1fLogIsEightyRecords() throws IOException, URISyntaxException {
    // read as a stream: in a full build the fixture sits inside the transforms test jar, not in a folder
    byte[] bytes;
    try (java.io.InputStream in =
        RecordSplitterTest.class.getResourceAsStream("/fixtures/git-log/devlake_git_log_format_x1f_fields_80_commits_2022.txt")) {
      bytes = in.readAllBytes();
    }
    List<String> expected = Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\n"));
    for (Variant v : new Variant[] {Variant.PLAIN, Variant.GZIP}) {
      List<Item> items = lines(v, "log.txt", bytes);
      assertThat(problems(items)).isEmpty();
      assertThat(jsons(items)).hasSize(80).containsExactlyElementsOf(expected);
      assertThat(jsons(items)).allSatisfy(l -> assertThat(l.split(US, -1)).hasSize(9));
    }
  }

  @Test
  void emptyAndBlankFilesHoldNothing() {
    assertThat(lines("log.txt", () -> new ByteArrayInputStream(new byte[0]), RecordSplitter.MAX_RECORD_CHARS)).isEmpty();
    assertThat(lines("log.txt.gz", () -> new ByteArrayInputStream(new byte[0]), RecordSplitter.MAX_RECORD_CHARS)).isEmpty();
    assertThat(lines(Variant.GZIP, "log.txt", utf8("\n\r\n  \n"))).isEmpty();
  }

  @Test
  void aGzNameWithoutGzipAndAGzipCutShortAreProblemsNamingGzip() {
    List<Item> notGzip = lines("log.txt.gz", () -> new ByteArrayInputStream(utf8(GIT1 + "\n")), RecordSplitter.MAX_RECORD_CHARS);
    assertThat(onlyProblem(notGzip).position()).isNull();
    assertThat(onlyProblem(notGzip).reason()).contains("not gzip");

    byte[] zipped = gzip(utf8((GIT1 + "\n").repeat(2000)));
    byte[] cut = Arrays.copyOf(zipped, zipped.length / 2);
    List<Item> items = lines("log.txt.gz", () -> new ByteArrayInputStream(cut), RecordSplitter.MAX_RECORD_CHARS);
    Problem p = onlyProblem(items);
    assertThat(p.position()).isNull();
    assertThat(p.reason()).contains("gzip data is corrupt or cut short");
    assertThat(items.get(items.size() - 1)).isEqualTo(p);
    assertThat(records(items)).isNotEmpty().allSatisfy(r -> assertThat(r.json()).isIn(GIT1, GIT1.substring(0, r.json().length())));
  }

  @Test
  void theLineSizeLimitIsExactAndTheNextLineStillComes() {
    // limit 10 bytes: "0123456789" is at the limit, "0123456789A" one over; "é" is 2 bytes in UTF-8
    byte[] file = utf8("0123456789\n0123456789A\néééé\r\néééééé\nok\n");
    List<Item> items = lines("log.txt", () -> new ByteArrayInputStream(file), 10);
    assertThat(items).hasSize(5);
    assertThat(items.get(0)).isEqualTo(new Record(0, "0123456789"));
    Problem over = (Problem) items.get(1);
    assertThat(over.position()).isEqualTo(1L);
    assertThat(over.reason()).contains("line 2", "larger than the limit of 100 MB");
    assertThat(over.rawText()).isEqualTo("0123456789A");
    assertThat(items.get(2)).isEqualTo(new Record(2, "éééé")); // 8 bytes, its \r (the 9th) is the line end
    assertThat(items.get(3)).isInstanceOf(Problem.class); // 12 bytes
    assertThat(items.get(4)).isEqualTo(new Record(4, "ok"));
  }

  @Test
  void aLineOver100MbIsAProblemWith64KbOfEvidenceAndTheNextLineStillComes() {
    long n = 101L * 1024 * 1024;
    RecordSplitter.Opener file = () -> chain(List.of(text(GIT1 + "\n"), () -> new Repeat('x', n), text("\n" + GIT2 + "\n")));
    List<Item> items = lines("log.txt", file, RecordSplitter.MAX_RECORD_CHARS);
    assertThat(items).hasSize(3);
    assertThat(items.get(0)).isEqualTo(new Record(0, GIT1));
    Problem p = (Problem) items.get(1);
    assertThat(p.position()).isEqualTo(1L);
    assertThat(p.reason()).isEqualTo("line 2 is larger than the limit of 100 MB for a record (101 MB); split it or raise the limit");
    assertThat(p.rawText()).hasSize(LIMIT_64K).matches("x+");
    assertThat(items.get(2)).isEqualTo(new Record(2, GIT2));
  }

  @Test
  void invalidUtf8IsThatLineOnly() {
    byte[] file = concat(utf8(GIT1 + "\n"), utf8("caf"), new byte[] {(byte) 0xC3, 0x28}, utf8("\n" + GIT2));
    for (Variant v : Variant.values()) {
      List<Item> items = lines(v, "log.txt", file);
      assertThat(items).as("%s", v).hasSize(3);
      Problem p = (Problem) items.get(1);
      assertThat(p.position()).isEqualTo(1L);
      assertThat(p.reason()).isEqualTo("line 2 is not valid UTF-8 text (the file must be UTF-8 encoded)");
      assertThat(p.rawText()).startsWith("caf");
      assertThat(items.get(2)).isEqualTo(new Record(2, GIT2));
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // TEXT: the whole file is one record (an .ics calendar)

  private static List<Item> whole(String name, RecordSplitter.Opener opener, long limit) {
    List<Item> items = new ArrayList<>();
    try {
      RecordSplitter.splitWhole(name, opener, items::add, limit);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return items;
  }

  @Test
  void aTextFileIsOneRecordExactlyAsWrittenWithItsLineEnds() {
    // CRLF and LF mixed, a folded line, no final newline, a BOM first: the text stays byte for byte (minus the BOM)
    String ics = "BEGIN:VCALENDAR\r\nUID:a\r\n long\nEND:VCALENDAR";
    for (Variant v : Variant.values()) {
      List<Item> items = whole(v.name("cal.ics"), v.opener(v.bytes(concat(BOM, utf8(ics)))), RecordSplitter.MAX_RECORD_CHARS);
      assertThat(items).as(v.name()).containsExactly(new Record(0, ics));
    }
    assertThat(whole("empty.ics", () -> new ByteArrayInputStream(new byte[0]), RecordSplitter.MAX_RECORD_CHARS)).isEmpty();
    assertThat(whole("big.ics", () -> new ByteArrayInputStream(utf8(ics)), 10))
        .singleElement()
        .satisfies(i -> assertThat(((Problem) i).reason()).startsWith("file is larger than the limit of 100 MB"));
    assertThat(whole("latin1.ics", () -> new ByteArrayInputStream(new byte[] {'B', (byte) 0xE9, 'Z'}), RecordSplitter.MAX_RECORD_CHARS))
        .singleElement()
        .satisfies(i -> assertThat(((Problem) i).reason()).isEqualTo("file is not valid UTF-8 text (the file must be UTF-8 encoded)"));
  }
}
