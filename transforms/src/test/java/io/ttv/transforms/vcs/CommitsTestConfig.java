package io.ttv.transforms.vcs;

import io.ttv.schemas.config.ConfigLoader;
import io.ttv.schemas.config.TtvConfig;

/** The config of the commit tests: two listed people (one by e-mail, one by GitHub login), default bots and key pattern. */
final class CommitsTestConfig {
  private CommitsTestConfig() {}

  static final TtvConfig CONFIG =
      ConfigLoader.parse(
          """
          {"warehouse": "/tmp/ttv-w", "landing": "/tmp/ttv-l",
           "teams": [{"name": "data"}],
           "people": [
             {"id": "klesh", "name": "Klesh Wong", "team": "data", "emails": ["Zhenmian.Huang@merico.dev"]},
             {"id": "vincent", "name": "Vincent Jacques", "team": "data", "github": ["jacquev6"]}]}
          """,
          "commits-test-config.json");
}
