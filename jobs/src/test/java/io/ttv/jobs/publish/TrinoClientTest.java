package io.ttv.jobs.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The client's handling of Trino's answers that a running Trino (TrinoTest) cannot be made to give on demand:
 * a coordinator without workers yet. The server here answers {@code POST /v1/statement} with bodies in the
 * shape Trino's REST protocol gives (https://trino.io/docs/current/develop/client-protocol.html).
 */
class TrinoClientTest {
  private HttpServer server;

  /** Answers the n-th statement (from 1) with {@code answers[n-1]}, the last one again after that. */
  private TrinoClient serving(AtomicInteger statements, String... answers) throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/v1/statement", exchange -> {
      int n = statements.incrementAndGet();
      byte[] body = answers[Math.min(n, answers.length) - 1].getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    return TrinoClient.of("jdbc:trino://127.0.0.1:" + server.getAddress().getPort() + "?user=ttv");
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  private static final String NO_NODES =
      "{\"id\":\"q1\",\"stats\":{\"state\":\"FAILED\"},\"error\":{\"message\":\"No nodes available to run query\","
          + "\"errorCode\":65536,\"errorName\":\"NO_NODES_AVAILABLE\",\"errorType\":\"INTERNAL_ERROR\"}}";

  private static final String ONE_ROW =
      "{\"id\":\"q2\",\"columns\":[{\"name\":\"n\",\"type\":\"bigint\"}],\"data\":[[42]],\"stats\":{\"state\":\"FINISHED\"}}";

  @Test
  void aStatementSentBeforeAnyWorkerAnnouncedItselfIsSentAgain() throws Exception {
    AtomicInteger statements = new AtomicInteger();
    TrinoClient client = serving(statements, NO_NODES, NO_NODES, ONE_ROW);
    TrinoClient.Result r = client.execute("SELECT 42");
    assertThat(r.columns()).containsExactly("n");
    assertThat(r.rows()).containsExactly(List.of(42L));
    assertThat(statements.get()).isEqualTo(3); // two refusals, each followed by half a second, then the answer
  }

  @Test
  void anyOtherFailureIsThrownAtOnce() throws Exception {
    AtomicInteger statements = new AtomicInteger();
    TrinoClient client = serving(statements,
        "{\"id\":\"q3\",\"stats\":{\"state\":\"FAILED\"},\"error\":{\"message\":\"line 1:15: Table 'ttv.ttv.nope' does not exist\","
            + "\"errorCode\":46,\"errorName\":\"TABLE_NOT_FOUND\",\"errorType\":\"USER_ERROR\"}}");
    assertThatThrownBy(() -> client.execute("SELECT * FROM nope"))
        .isInstanceOf(TrinoClient.QueryFailed.class)
        .hasMessageContaining("does not exist")
        .satisfies(e -> assertThat(((TrinoClient.QueryFailed) e).errorName()).isEqualTo("TABLE_NOT_FOUND"));
    assertThat(statements.get()).isEqualTo(1);
  }
}
