package io.ttv.schemas.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads a Jackson tree against {@link Shape}s, collecting every problem with its JSON path rather
 * than stopping at the first, so a user fixes a config in one round.
 *
 * <p>Every read returns a usable value even when the input is wrong (the default, or null for a
 * missing required value): the loader keeps walking and builds nothing once a problem is recorded.
 * JSON {@code null} counts as an absent key.
 */
final class TreeReader {

  /**
   * The keys one kind of config object may have, and which of them are required.
   *
   * @param hints extra advice for a known wrong key (the key {@code password}, say)
   */
  record Shape(List<String> keys, Set<String> required, Map<String, String> hints) {

    static Shape of(String... keys) {
      return new Shape(List.of(keys), Set.of(), Map.of());
    }

    Shape required(String... required) {
      for (String key : required) {
        if (!keys.contains(key)) {
          throw new IllegalArgumentException("required key not in shape: " + key);
        }
      }
      return new Shape(keys, Set.of(required), hints);
    }

    Shape hint(String wrongKey, String advice) {
      Map<String, String> more = new LinkedHashMap<>(hints);
      more.put(wrongKey, advice);
      return new Shape(keys, required, Map.copyOf(more));
    }
  }

  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern HH_MM = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");
  private static final int MAX_SHOWN_CHARS = 60;

  private final List<String> problems = new ArrayList<>();

  List<String> problems() {
    return Collections.unmodifiableList(problems);
  }

  boolean hasProblems() {
    return !problems.isEmpty();
  }

  void problem(String path, String message) {
    problems.add(path + ": " + message);
  }

  /**
   * The top-level object; a non-object gives one problem and an object whose reads are defaults.
   */
  Obj root(JsonNode node, Shape shape) {
    if (node == null || !node.isObject()) {
      problem("$", "expected an object, got " + describe(node));
      return new Obj("$", null, shape);
    }
    return open("$", node, shape);
  }

  private Obj open(String path, JsonNode node, Shape shape) {
    for (String key : shape.keys()) {
      if (shape.required().contains(key)) {
        JsonNode value = node.get(key);
        if (value == null) {
          problem(childPath(path, key), "required key is missing");
        } else if (value.isNull()) {
          problem(childPath(path, key), "required key is null");
        }
      }
    }
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!shape.keys().contains(name)) {
        String hint = shape.hints().get(name);
        problem(
            childPath(path, name),
            "unknown key (expected one of: "
                + String.join(", ", shape.keys())
                + ")"
                + (hint == null ? "" : "; " + hint));
      }
    }
    return new Obj(path, node, shape);
  }

  /** One JSON object of the config; {@code node} is null when it is absent or not an object. */
  final class Obj {
    private final String path;
    private final JsonNode node;
    private final Shape shape;

    private Obj(String path, JsonNode node, Shape shape) {
      this.path = path;
      this.node = node;
      this.shape = shape;
    }

    String path() {
      return path;
    }

    /** The JSON path of one of this object's keys. */
    String at(String key) {
      return childPath(path, key);
    }

    boolean has(String key) {
      return value(key) != null;
    }

    /** The raw value, null when absent or JSON null. */
    JsonNode value(String key) {
      if (!shape.keys().contains(key)) {
        throw new IllegalStateException("key not declared in the shape of " + path + ": " + key);
      }
      if (node == null) {
        return null;
      }
      JsonNode value = node.get(key);
      return value == null || value.isNull() ? null : value;
    }

    String string(String key, String dflt) {
      JsonNode v = value(key);
      if (v == null) {
        return dflt;
      }
      if (!v.isTextual()) {
        problem(at(key), "expected a string, got " + describe(v));
        return dflt;
      }
      return v.textValue();
    }

    /** A string that must not be empty; null when absent (a required key is reported on open). */
    String nonEmptyString(String key) {
      String s = string(key, null);
      if (s != null && s.isBlank()) {
        problem(at(key), "must not be empty");
        return null;
      }
      return s;
    }

    int integer(String key, int dflt, int min) {
      JsonNode v = value(key);
      if (v == null) {
        return dflt;
      }
      if (!v.isIntegralNumber()) {
        problem(at(key), "expected an integer, got " + describe(v));
        return dflt;
      }
      if (!v.canConvertToInt() || v.intValue() < min) {
        problem(at(key), "must be " + min + " or more, got " + v.asText());
        return dflt;
      }
      return v.intValue();
    }

    double number(String key, double dflt, double min, double max) {
      JsonNode v = value(key);
      if (v == null) {
        return dflt;
      }
      if (!v.isNumber()) {
        problem(at(key), "expected a number, got " + describe(v));
        return dflt;
      }
      double d = v.doubleValue();
      if (!(d >= min && d <= max)) {
        String range =
            max == Double.MAX_VALUE
                ? "must be " + plain(min) + " or more"
                : "must be between " + plain(min) + " and " + plain(max);
        problem(at(key), range + ", got " + v.asText());
        return dflt;
      }
      return d;
    }

    Boolean bool(String key, Boolean dflt) {
      JsonNode v = value(key);
      if (v == null) {
        return dflt;
      }
      if (!v.isBoolean()) {
        problem(at(key), "expected true or false, got " + describe(v));
        return dflt;
      }
      return v.booleanValue();
    }

    /** A Java regex; {@code ""} is the rule switched off ({@link Regex#NEVER}). */
    Regex regex(String key, Regex dflt) {
      String source = string(key, null);
      if (source == null) {
        return dflt;
      }
      try {
        return Regex.of(source);
      } catch (PatternSyntaxException e) {
        String where = e.getIndex() >= 0 ? " near index " + e.getIndex() : "";
        problem(at(key), "invalid regex: " + e.getDescription() + where);
        return dflt;
      }
    }

    ZoneId zone(String key, ZoneId dflt) {
      String id = string(key, null);
      if (id == null) {
        return dflt;
      }
      ZoneId zone = Zones.parse(id);
      if (zone == null) {
        String suggestion = Zones.closest(id);
        problem(
            at(key),
            "unknown time zone '"
                + id
                + "'"
                + (suggestion == null ? "" : "; did you mean '" + suggestion + "'?"));
        return dflt;
      }
      return zone;
    }

    LocalTime time(String key, LocalTime dflt) {
      JsonNode v = value(key);
      if (v == null) {
        return dflt;
      }
      if (!v.isTextual() || !HH_MM.matcher(v.textValue()).matches()) {
        problem(at(key), "expected HH:MM, got " + describe(v));
        return dflt;
      }
      return LocalTime.parse(v.textValue());
    }

    /** An array of non-empty strings; absent gives {@code dflt}, {@code []} gives an empty list. */
    List<String> strings(String key, List<String> dflt) {
      return list(key, dflt, (elementPath, element) -> element);
    }

    /**
     * An array of strings, each turned into a value by {@code parse}, which reports its own problem
     * and returns null for a bad element (the element is then left out).
     */
    <T> List<T> list(String key, List<T> dflt, ElementParser<T> parse) {
      JsonNode v = value(key);
      if (v == null) {
        return dflt;
      }
      if (!v.isArray()) {
        problem(at(key), "expected an array, got " + describe(v));
        return dflt;
      }
      List<T> out = new ArrayList<>();
      for (int i = 0; i < v.size(); i++) {
        JsonNode element = v.get(i);
        String elementPath = at(key) + "[" + i + "]";
        if (!element.isTextual()) {
          problem(elementPath, "expected a string, got " + describe(element));
        } else if (element.textValue().isBlank()) {
          problem(elementPath, "must not be empty");
        } else {
          T parsed = parse.parse(elementPath, element.textValue());
          if (parsed != null) {
            out.add(parsed);
          }
        }
      }
      return out;
    }

    /** A nested object; absent (or not an object) gives an object whose reads are all defaults. */
    Obj object(String key, Shape shape) {
      JsonNode v = value(key);
      if (v == null) {
        return new Obj(at(key), null, shape);
      }
      if (!v.isObject()) {
        problem(at(key), "expected an object, got " + describe(v));
        return new Obj(at(key), null, shape);
      }
      return open(at(key), v, shape);
    }

    /**
     * Visits each element of an array of objects of one shape (absent: none), opening each just
     * before its visit, so problems come out in the order of the file.
     */
    void eachObject(String key, Shape shape, Consumer<Obj> visit) {
      JsonNode v = value(key);
      if (v == null) {
        return;
      }
      if (!v.isArray()) {
        problem(at(key), "expected an array, got " + describe(v));
        return;
      }
      for (int i = 0; i < v.size(); i++) {
        JsonNode element = v.get(i);
        String elementPath = at(key) + "[" + i + "]";
        if (!element.isObject()) {
          problem(elementPath, "expected an object, got " + describe(element));
        } else {
          visit.accept(open(elementPath, element, shape));
        }
      }
    }

    /**
     * An object of user-chosen names to one of {@code allowed} values (matched ignoring case, kept
     * lower case). Names that differ only in case are reported: they would match the same input.
     */
    Map<String, String> nameMap(String key, Map<String, String> dflt, List<String> allowed) {
      JsonNode v = value(key);
      if (v == null) {
        return dflt;
      }
      if (!v.isObject()) {
        problem(at(key), "expected an object, got " + describe(v));
        return dflt;
      }
      Map<String, String> out = new LinkedHashMap<>();
      Map<String, String> seen = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> entry = it.next();
        String name = entry.getKey();
        String entryPath = childPath(at(key), name);
        JsonNode value = entry.getValue();
        if (name.isBlank()) {
          problem(entryPath, "a name must not be empty");
          continue;
        }
        String folded = name.toLowerCase(Locale.ROOT);
        if (seen.containsKey(folded)) {
          problem(entryPath, "same name as '" + seen.get(folded) + "' (names match ignoring case)");
          continue;
        }
        seen.put(folded, name);
        String lower = value.isTextual() ? value.textValue().toLowerCase(Locale.ROOT) : null;
        if (lower == null || !allowed.contains(lower)) {
          problem(
              entryPath,
              "expected one of " + String.join(", ", allowed) + ", got " + describe(value));
          continue;
        }
        out.put(name, lower);
      }
      return out;
    }
  }

  @FunctionalInterface
  interface ElementParser<T> {
    T parse(String path, String value);
  }

  /** {@code path.key}, or {@code path["key"]} for a key that is not a plain identifier. */
  static String childPath(String path, String key) {
    return IDENTIFIER.matcher(key).matches() ? path + "." + key : path + "[" + quote(key) + "]";
  }

  /** What a JSON value is, for "expected X, got Y". */
  static String describe(JsonNode v) {
    if (v == null || v.isMissingNode()) {
      return "nothing";
    }
    if (v.isNull()) {
      return "null";
    }
    if (v.isTextual()) {
      return "string " + quote(v.textValue());
    }
    if (v.isNumber()) {
      return "number " + v.asText();
    }
    if (v.isBoolean()) {
      return "boolean " + v.asText();
    }
    return v.isArray() ? "an array" : "an object";
  }

  /** Like {@link #describe} without the value, for keys that may hold a secret by mistake. */
  static String describeWithoutValue(JsonNode v) {
    if (v == null || v.isNull()) {
      return "null";
    }
    if (v.isTextual()) {
      return "a string";
    }
    if (v.isNumber()) {
      return "a number";
    }
    if (v.isBoolean()) {
      return "a boolean";
    }
    return v.isArray() ? "an array" : "an object";
  }

  /** A JSON string literal, shortened for a one-line message. */
  static String quote(String s) {
    String shown = s.length() > MAX_SHOWN_CHARS ? s.substring(0, MAX_SHOWN_CHARS) + "..." : s;
    StringBuilder b = new StringBuilder("\"");
    for (char c : shown.toCharArray()) {
      switch (c) {
        case '"':
          b.append("\\\"");
          break;
        case '\\':
          b.append("\\\\");
          break;
        case '\n':
          b.append("\\n");
          break;
        case '\t':
          b.append("\\t");
          break;
        case '\r':
          b.append("\\r");
          break;
        default:
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
      }
    }
    return b.append('"').toString();
  }

  private static String plain(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }

  /** IANA zone ids and the closest one to a misspelling. */
  static final class Zones {
    // Sorted, so that of two equally close ids the suggestion is always the same one.
    private static final Set<String> IDS =
        Collections.unmodifiableSet(new TreeSet<>(ZoneId.getAvailableZoneIds()));

    private Zones() {}

    /** The zone, or null when {@code id} is not one Java knows. */
    static ZoneId parse(String id) {
      try {
        return ZoneId.of(id);
      } catch (DateTimeException e) {
        return null;
      }
    }

    /**
     * The known zone id closest to {@code id} (at most 3 edits, ignoring case), else one that ends
     * with {@code /<id>}, or null.
     */
    static String closest(String id) {
      String wanted = id.toLowerCase(Locale.ROOT);
      String best = null;
      int bestDistance = 4;
      for (String candidate : IDS) {
        int d = distance(wanted, candidate.toLowerCase(Locale.ROOT), bestDistance);
        if (d < bestDistance) {
          best = candidate;
          bestDistance = d;
        }
      }
      if (best == null) {
        // "Berlin" for "Europe/Berlin": the city alone is the commonest miss.
        best =
            IDS.stream()
                .filter(candidate -> candidate.toLowerCase(Locale.ROOT).endsWith("/" + wanted))
                .findFirst()
                .orElse(null);
      }
      return best;
    }

    // Levenshtein distance, giving up (returning limit) once every path is at least limit.
    private static int distance(String a, String b, int limit) {
      if (Math.abs(a.length() - b.length()) >= limit) {
        return limit;
      }
      int[] prev = new int[b.length() + 1];
      int[] cur = new int[b.length() + 1];
      for (int j = 0; j <= b.length(); j++) {
        prev[j] = j;
      }
      for (int i = 1; i <= a.length(); i++) {
        cur[0] = i;
        int rowMin = cur[0];
        for (int j = 1; j <= b.length(); j++) {
          int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
          cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
          rowMin = Math.min(rowMin, cur[j]);
        }
        if (rowMin >= limit) {
          return limit;
        }
        int[] swap = prev;
        prev = cur;
        cur = swap;
      }
      return Math.min(prev[b.length()], limit);
    }
  }
}
