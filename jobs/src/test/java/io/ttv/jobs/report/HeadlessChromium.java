package io.ttv.jobs.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A headless Chromium driven over the Chrome DevTools Protocol (a WebSocket from {@code java.net.http}, JSON with
 * Jackson: no browser driver library). {@link #open} loads one page at a given window size and returns what a
 * reader's browser did with it: every request it made, every console error, a screenshot, and the value of a
 * JavaScript expression evaluated on the loaded page.
 *
 * <p>The browser resolves no host name ({@code --host-resolver-rules}): a request that leaves the page is still
 * seen (CDP reports it before it fails), but nothing reaches the network, so the test is the same offline and
 * on a CI machine with internet access.
 */
final class HeadlessChromium implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  /** What a page did when opened. {@code requests}: URLs other than the page itself. */
  record Visit(List<String> requests, List<String> consoleErrors, byte[] screenshot, JsonNode evaluated) {}

  private final Process process;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final List<JsonNode> events = new ArrayList<>();

  /** The browser: {@code TTV_CHROMIUM}, else the first of chromium, chromium-browser, google-chrome on the PATH. */
  static Optional<Path> find() {
    String configured = System.getenv("TTV_CHROMIUM");
    if (configured != null && !configured.isBlank()) {
      return Optional.of(Path.of(configured)).filter(Files::isExecutable);
    }
    for (String name : List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")) {
      for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
        Path p = Path.of(dir, name);
        if (Files.isExecutable(p)) {
          return Optional.of(p);
        }
      }
    }
    return Optional.empty();
  }

  /** Starts the browser with its own profile under {@code profile} (a fresh folder). */
  static HeadlessChromium start(Path binary, Path profile) throws IOException, InterruptedException {
    Files.createDirectories(profile);
    Path log = profile.resolve("chromium.log");
    Process p = new ProcessBuilder(
            binary.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-port=0",
            "--user-data-dir=" + profile, "--no-first-run", "--no-default-browser-check", "--disable-extensions",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--mute-audio",
            "--host-resolver-rules=MAP * ~NOTFOUND", "about:blank")
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    // Chromium writes the port it chose and the browser's WebSocket path here once it listens.
    Path activePort = profile.resolve("DevToolsActivePort");
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!Files.exists(activePort) || Files.readAllLines(activePort).size() < 2) {
      if (!p.isAlive() || System.nanoTime() > deadline) {
        p.destroyForcibly();
        throw new IOException("chromium did not start (" + binary + "); its log: " + Files.readString(log));
      }
      Thread.sleep(50);
    }
    List<String> lines = Files.readAllLines(activePort);
    URI ws = URI.create("ws://127.0.0.1:" + lines.get(0).trim() + lines.get(1).trim());
    return new HeadlessChromium(p, ws);
  }

  private HeadlessChromium(Process process, URI endpoint) {
    this.process = process;
    this.socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(endpoint, new Listener()).join();
  }

  /**
   * Opens {@code page} in a new tab of {@code width} x {@code height} CSS pixels, waits for its load event and a
   * moment more (for anything the page starts late), takes a screenshot of the window and evaluates {@code
   * expression} (its JSON value, {@code returnByValue}).
   */
  Visit open(URI page, int width, int height, String expression) throws Exception {
    String target = call(null, "Target.createTarget", Map.of("url", "about:blank")).get("targetId").asText();
    String session = call(null, "Target.attachToTarget", Map.of("targetId", target, "flatten", true)).get("sessionId").asText();
    for (String domain : List.of("Network", "Runtime", "Log", "Page")) {
      call(session, domain + ".enable", Map.of());
    }
    call(session, "Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
    call(session, "Page.navigate", Map.of("url", page.toString()));
    awaitEvent(session, "Page.loadEventFired");
    Thread.sleep(300);
    byte[] png = Base64.getDecoder().decode(call(session, "Page.captureScreenshot", Map.of("format", "png")).get("data").asText());
    JsonNode value = call(session, "Runtime.evaluate", Map.of("expression", expression, "returnByValue", true)).path("result").path("value");
    Thread.sleep(100);
    List<String> requests = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    synchronized (events) {
      for (JsonNode e : events) {
        if (!session.equals(e.path("sessionId").asText())) {
          continue;
        }
        JsonNode params = e.path("params");
        switch (e.path("method").asText()) {
          case "Network.requestWillBeSent" -> {
            String url = params.path("request").path("url").asText();
            if (!url.equals(page.toString())) {
              requests.add(url);
            }
          }
          case "Runtime.consoleAPICalled" -> {
            if (List.of("error", "assert").contains(params.path("type").asText())) {
              errors.add("console." + params.path("type").asText() + ": " + params.path("args"));
            }
          }
          case "Runtime.exceptionThrown" -> errors.add("exception: " + params.path("exceptionDetails"));
          case "Log.entryAdded" -> {
            if ("error".equals(params.path("entry").path("level").asText())) {
              errors.add(params.path("entry").path("source").asText() + ": " + params.path("entry").path("text").asText()
                  + " " + params.path("entry").path("url").asText(""));
            }
          }
          default -> {}
        }
      }
    }
    call(null, "Target.closeTarget", Map.of("targetId", target));
    return new Visit(requests, errors, png, value);
  }

  private JsonNode call(String session, String method, Map<String, Object> params) throws Exception {
    int id = ids.incrementAndGet();
    ObjectNode msg = JSON.createObjectNode().put("id", id).put("method", method);
    msg.set("params", JSON.valueToTree(params));
    if (session != null) {
      msg.put("sessionId", session);
    }
    CompletableFuture<JsonNode> reply = new CompletableFuture<>();
    pending.put(id, reply);
    socket.sendText(JSON.writeValueAsString(msg), true).join();
    JsonNode r = reply.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    if (r.has("error")) {
      throw new IllegalStateException(method + ": " + r.get("error"));
    }
    return r.path("result");
  }

  private void awaitEvent(String session, String method) throws InterruptedException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    synchronized (events) {
      while (events.stream().noneMatch(e -> method.equals(e.path("method").asText()) && session.equals(e.path("sessionId").asText()))) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new IllegalStateException("no " + method + " within " + TIMEOUT.toSeconds() + " s");
        }
        events.wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
      }
    }
  }

  @Override
  public void close() {
    try {
      socket.sendText("{\"id\":0,\"method\":\"Browser.close\"}", true).get(5, TimeUnit.SECONDS);
      process.waitFor(5, TimeUnit.SECONDS);
    } catch (Exception ignored) {
      // destroyed below
    }
    process.destroyForcibly();
  }

  /** Replies complete their call; everything else is an event, kept for {@link #open} to read. */
  private final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        try {
          JsonNode msg = JSON.readTree(partial.toString());
          if (msg.has("id")) {
            CompletableFuture<JsonNode> f = pending.remove(msg.get("id").asInt());
            if (f != null) {
              f.complete(msg);
            }
          } else {
            synchronized (events) {
              events.add(msg);
              events.notifyAll();
            }
          }
        } catch (IOException e) {
          pending.values().forEach(f -> f.completeExceptionally(e));
        }
        partial.setLength(0);
      }
      ws.request(1);
      return null;
    }
  }
}
