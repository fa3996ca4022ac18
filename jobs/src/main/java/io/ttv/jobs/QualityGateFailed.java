package io.ttv.jobs;

/** The data-quality gate stopped the run (contract section 7): exit 3. */
public class QualityGateFailed extends RuntimeException {
  public QualityGateFailed(String message) {
    super(message);
  }
}
