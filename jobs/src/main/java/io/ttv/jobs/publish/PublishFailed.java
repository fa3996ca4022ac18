package io.ttv.jobs.publish;

/**
 * The BI database refused or could not be reached: one line naming the config key and the host, exit 1,
 * no stack trace (contract section 2 and issue 12: wrong credentials, an unreachable database, a schema the
 * user does not own). Nothing was committed: the published tables are as before the run.
 */
public final class PublishFailed extends RuntimeException {
  public PublishFailed(String message, Throwable cause) {
    super(message, cause);
  }

  public PublishFailed(String message) {
    super(message);
  }
}
