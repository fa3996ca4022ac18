package io.ttv.jobs.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Statements against a Trino coordinator over Trino's client REST protocol ({@code POST /v1/statement}, then
 * {@code GET nextUri} until there is none), with the JDK's HTTP client and Jackson: the Trino JDBC driver
 * needs more than ttv's shaded jar wants to carry for a few {@code CALL}s. Connection trouble is a
 * {@link PublishFailed} naming {@code bi.trino.url} and the host; a statement Trino refuses is a
 * {@link QueryFailed} with Trino's error name, for the caller to explain.
 */
public final class TrinoClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Trino answers 502/503/504 while busy or starting; the protocol says to retry. */
  private static final int RETRIES = 100;

  private final URI base;
  private final String host;
  private final String user;
  private final HttpClient http;

  private TrinoClient(URI base, String user) {
    this.base = base;
    this.host = base.getHost() + ":" + base.getPort();
    this.user = user;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  }

  /**
   * A client for {@code jdbc:trino://HOST[:PORT][/...][?user=U&SSL=true]} (the JDBC url users already write
   * for their BI tools): {@code https} with {@code SSL=true}, default port 80 or 443 as the JDBC driver does,
   * the user from {@code user=} or else the operating system's user (as the Trino CLI does).
   */
  public static TrinoClient of(String jdbcUrl) {
    if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:trino://")) {
      throw new PublishFailed("bi.trino.url: expected jdbc:trino://HOST:PORT, got " + jdbcUrl);
    }
    URI u;
    try {
      u = URI.create(jdbcUrl.substring("jdbc:".length()));
    } catch (IllegalArgumentException e) {
      throw new PublishFailed("bi.trino.url: not a url: " + jdbcUrl);
    }
    if (u.getHost() == null) {
      throw new PublishFailed("bi.trino.url: no host in " + jdbcUrl);
    }
    boolean ssl = false;
    String user = System.getProperty("user.name", "ttv");
    if (u.getRawQuery() != null) {
      for (String kv : u.getRawQuery().split("&")) {
        int eq = kv.indexOf('=');
        String k = eq < 0 ? kv : kv.substring(0, eq);
        String v = eq < 0 ? "" : URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8);
        if (k.equals("SSL")) {
          ssl = v.equalsIgnoreCase("true");
        } else if (k.equals("user")) {
          user = v;
        }
      }
    }
    int port = u.getPort() > 0 ? u.getPort() : ssl ? 443 : 80;
    return new TrinoClient(URI.create((ssl ? "https" : "http") + "://" + u.getHost() + ":" + port), user);
  }

  /** {@code host:port}, for messages. */
  public String host() {
    return host;
  }

  public String user() {
    return user;
  }

  /** A statement's answer: column names and rows of plain JSON values (numbers, strings, booleans, nulls). */
  public record Result(List<String> columns, List<List<Object>> rows) {}

  /** Trino refused a statement: its error name (e.g. {@code CATALOG_NOT_FOUND}) and first message line. */
  public static final class QueryFailed extends RuntimeException {
    private final String errorName;

    QueryFailed(String errorName, String message) {
      super(message);
      this.errorName = errorName;
    }

    public String errorName() {
      return errorName;
    }
  }

  /** Trino's error when no worker serves the statement's catalog yet: nothing ran. */
  static final String NO_NODES_AVAILABLE = "NO_NODES_AVAILABLE";

  /** How long a statement is sent again while Trino has no worker for it (a coordinator that just started). */
  static final Duration NO_NODES_PATIENCE = Duration.ofSeconds(30);

  /**
   * Runs one statement to its end and returns every row (for small answers: DDL, CALLs, aggregates). A
   * coordinator that has just started answers "No nodes available to run query" until its workers have
   * announced themselves (every few seconds): nothing ran then, so the statement is sent again every half
   * second for up to {@link #NO_NODES_PATIENCE}; any other failure is thrown at once.
   */
  public Result execute(String sql) {
    long deadline = System.nanoTime() + NO_NODES_PATIENCE.toNanos();
    while (true) {
      try {
        return executeOnce(sql);
      } catch (QueryFailed e) {
        if (!NO_NODES_AVAILABLE.equals(e.errorName()) || System.nanoTime() > deadline) {
          throw e;
        }
        sleep(500);
      }
    }
  }

  private Result executeOnce(String sql) {
    JsonNode page =
        send(HttpRequest.newBuilder(base.resolve("/v1/statement"))
            .header("X-Trino-User", user)
            .header("X-Trino-Source", "ttv")
            .header("Content-Type", "text/plain; charset=utf-8")
            .POST(HttpRequest.BodyPublishers.ofString(sql, StandardCharsets.UTF_8)));
    List<String> columns = new ArrayList<>();
    List<List<Object>> rows = new ArrayList<>();
    while (true) {
      if (columns.isEmpty() && page.has("columns")) {
        page.get("columns").forEach(c -> columns.add(c.get("name").asText()));
      }
      if (page.has("data")) {
        for (JsonNode r : page.get("data")) {
          List<Object> row = new ArrayList<>();
          r.forEach(v -> row.add(v.isNull() ? null : v.isIntegralNumber() ? (Object) v.asLong()
              : v.isNumber() ? (Object) v.asDouble() : v.isBoolean() ? (Object) v.asBoolean() : v.isTextual() ? v.asText() : v.toString()));
          rows.add(row);
        }
      }
      JsonNode error = page.get("error");
      if (error != null && !error.isNull()) {
        String name = error.path("errorName").asText("UNKNOWN");
        String message = error.path("message").asText("no message").lines().findFirst().orElse("no message");
        throw new QueryFailed(name, message);
      }
      JsonNode next = page.get("nextUri");
      if (next == null || next.isNull()) {
        return new Result(columns, rows);
      }
      page = send(HttpRequest.newBuilder(URI.create(next.asText())).header("X-Trino-User", user).GET());
    }
  }

  private JsonNode send(HttpRequest.Builder request) {
    HttpRequest r = request.timeout(Duration.ofMinutes(10)).build();
    for (int attempt = 0; ; attempt++) {
      HttpResponse<String> response;
      try {
        response = http.send(r, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      } catch (HttpConnectTimeoutException | ConnectException e) {
        throw new PublishFailed("bi.trino.url: cannot reach Trino at " + host + " (" + describe(e) + ")", e);
      } catch (HttpTimeoutException e) {
        throw new PublishFailed("bi.trino.url: Trino at " + host + " did not answer within 10 minutes", e);
      } catch (IOException e) {
        throw new PublishFailed("bi.trino.url: cannot talk to Trino at " + host + " (" + describe(e) + ")", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new PublishFailed("bi.trino.url: interrupted while talking to Trino at " + host, e);
      }
      int status = response.statusCode();
      if ((status == 502 || status == 503 || status == 504) && attempt < RETRIES) {
        sleep(Math.min(1000, 50L * (attempt + 1)));
        continue;
      }
      if (status == 401 || status == 403) {
        throw new PublishFailed("bi.trino.url: Trino at " + host + " refused user '" + user + "' (HTTP " + status + ": "
            + firstLine(response.body()) + "); ttv sends no password: use a user Trino lets in without one (user= in the url)");
      }
      if (status != 200) {
        throw new PublishFailed("bi.trino.url: " + host + " answered HTTP " + status + " to " + r.uri().getPath()
            + ", not like a Trino coordinator (" + firstLine(response.body()) + ")");
      }
      try {
        return JSON.readTree(response.body());
      } catch (IOException e) {
        throw new PublishFailed("bi.trino.url: " + host + " did not answer in Trino's protocol (" + firstLine(response.body()) + ")", e);
      }
    }
  }

  private static String describe(Exception e) {
    String m = e.getMessage();
    if (m == null || m.isBlank()) {
      Throwable c = e.getCause();
      m = c != null && c.getMessage() != null ? c.getMessage() : e.getClass().getSimpleName();
    }
    return firstLine(m);
  }

  private static String firstLine(String s) {
    if (s == null || s.isBlank()) {
      return "no message";
    }
    String line = s.strip().lines().findFirst().orElse("");
    return line.length() > 200 ? line.substring(0, 200) + "..." : line;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PublishFailed("bi.trino.url: interrupted while waiting for Trino", e);
    }
  }

  /** Trino's SQL spelling of a string literal. */
  public static String literal(String s) {
    return "'" + s.replace("'", "''") + "'";
  }
}
