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

  /** A GitHub repository object, exactly as the Actions exports write it. */
  static ObjectNode githubRepository(Organisation org, Repo repo) {
    try (com.fasterxml.jackson.databind.util.TokenBuffer buf = new com.fasterxml.jackson.databind.util.TokenBuffer(MAPPER, false)) {
      GithubActionsJson.writeRepository(buf, org, repo);
      return (ObjectNode) MAPPER.readTree(buf.asParser());
    } catch (java.io.IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A GitHub REST user object, exactly as the Actions exports write it. */
  static ObjectNode githubUser(String login, long id, String type) {
    try (com.fasterxml.jackson.databind.util.TokenBuffer buf = new com.fasterxml.jackson.databind.util.TokenBuffer(MAPPER, false)) {
      GithubActionsJson.writeUser(buf, login, id, type);
      return (ObjectNode) MAPPER.readTree(buf.asParser());
    } catch (java.io.IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
