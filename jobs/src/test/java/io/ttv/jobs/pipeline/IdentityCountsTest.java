package io.ttv.jobs.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.ttv.schemas.config.ConfigLoader;
import io.ttv.schemas.config.TtvConfig;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdentityCountsTest {
  @Test
  void loginsAreMatchedIgnoringCaseBotsByRegexTheRestUnmatched() {
    TtvConfig cfg =
        ConfigLoader.parse(
            "{\"warehouse\":\"/tmp/w\",\"landing\":\"/tmp/l\",\"teams\":[{\"name\":\"pay\"}],"
                + "\"people\":[{\"id\":\"ana\",\"team\":\"pay\",\"github\":[\"Ana-Dev\"]}]}",
            "test");
    IdentityCounts c = IdentityCounts.of(cfg, Map.of("github", Set.of("ana-dev", "dependabot[bot]", "stranger")));
    assertThat(c.matched()).containsEntry("github", 1L);
    assertThat(c.bots()).containsEntry("github", 1L);
    assertThat(c.unmatched()).containsEntry("github", 1L);
    assertThat(c.summary()).isEqualTo("github: 1 matched, 1 unmatched, 1 bots");
    // git emails: a noreply address is matched by its GitHub login, a bot's by its login too
    IdentityCounts git =
        IdentityCounts.of(cfg, Map.of("git", Set.of("7+ana-dev@users.noreply.github.com", "49699333+dependabot[bot]@users.noreply.github.com", "x@y.org")));
    assertThat(git.summary()).isEqualTo("git: 1 matched, 1 unmatched, 1 bots");
  }
}
