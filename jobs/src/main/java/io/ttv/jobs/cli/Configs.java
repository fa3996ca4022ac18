package io.ttv.jobs.cli;

import io.ttv.schemas.config.ConfigLoader;
import io.ttv.schemas.config.TtvConfig;
import java.nio.file.Path;

/** Loads and validates the config before Spark starts (a bad config never costs a Spark start-up). */
final class Configs {
  private Configs() {}

  static TtvConfig load(Path file) {
    return ConfigLoader.load(file);
  }
}
