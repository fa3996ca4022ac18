package io.ttv.jobs;

/** A mistake the user can fix (bad arguments, a missing file): one line, exit 2, no stack trace. */
public class UserError extends RuntimeException {
  public UserError(String message) {
    super(message);
  }
}
