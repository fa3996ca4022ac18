package io.ttv.jobs.generate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Small helpers of the GitLab, Jenkins and GitHub deployment writers: compact JSON and timestamps. */
final class JsonFiles {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private static final DateTimeFormatter MILLIS_Z =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter MILLIS_OFFSET =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'+00:00'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private JsonFiles() {}

  static byte[] bytes(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** GitLab's {@code 2026-01-05T09:12:03.123Z}. */
  static String millisZ(long epochMillis) {
    return MILLIS_Z.format(Instant.ofEpochMilli(epochMillis));
  }

  /** GitLab commit dates: {@code 2026-01-05T09:12:03.000+00:00}. */
  static String millisOffset(long epochSecond) {
    return MILLIS_OFFSET.format(Instant.ofEpochSecond(epochSecond));
  }

  /** GitHub's {@code 2026-01-05T09:12:03Z}. */
  static String seconds(long epochSecond) {
    return Instant.ofEpochSecond(epochSecond).toString();
  }

  /** A GitHub REST user object, as the Actions exports write it. */
  static ObjectNode githubUser(String login, long id, String type) {
    String escaped = login.replace("[", "%5B").replace("]", "%5D");
    String api = "https://api.github.com/users/" + escaped;
    ObjectNode u = MAPPER.createObjectNode();
    u.put("login", login);
    u.put("id", id);
    u.put("node_id", GithubActionsJson.nodeId("U_kgDO", id));
    u.put("avatar_url", type.equals("Bot")
        ? "https://avatars.githubusercontent.com/in/15368?v=4"
        : "https://avatars.githubusercontent.com/u/" + id + "?v=4");
    u.put("gravatar_id", "");
    u.put("url", api);
    u.put("html_url", type.equals("Bot")
        ? "https://github.com/apps/" + login.replace("[bot]", "")
        : "https://github.com/" + login);
    u.put("followers_url", api + "/followers");
    u.put("following_url", api + "/following{/other_user}");
    u.put("gists_url", api + "/gists{/gist_id}");
    u.put("starred_url", api + "/starred{/owner}{/repo}");
    u.put("subscriptions_url", api + "/subscriptions");
    u.put("organizations_url", api + "/orgs");
    u.put("repos_url", api + "/repos");
    u.put("events_url", api + "/events{/privacy}");
    u.put("received_events_url", api + "/received_events");
    u.put("type", type);
    u.put("user_view_type", "public");
    u.put("site_admin", false);
    return u;
  }
}
