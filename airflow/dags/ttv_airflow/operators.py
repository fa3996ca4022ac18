"""SparkSubmitOperator that knows ttv's exit codes (contract section 2).

The provider's hook raises a plain AirflowException for any non-zero spark-submit exit, which Airflow
retries. That is right for exit 1 (a lost executor, a lease held past --wait) but wrong for:

* 3, the data-quality gate: the same input fails the same way, so a retry only delays the alarm;
* 2, bad usage or config: nothing was written, and nothing changes until a person fixes the config.

Both become AirflowFailException (failed at once, no retry) with ttv's own lines as the message. The
exit code is spark-submit's, which is the driver's in local and client deploy mode; in YARN or
Kubernetes cluster mode spark-submit only says "failed", so a gated run there fails after its retries.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator
from airflow.sdk.exceptions import AirflowException, AirflowFailException

EXIT_USAGE = 2
EXIT_QUALITY_GATE = 3

_NOT_RETRIED = {
    EXIT_USAGE: "ttv exited 2 (bad usage or config); not retried: fix the config (ttv validate-config FILE)",
    EXIT_QUALITY_GATE: (
        "ttv exited 3 (the data-quality gate stopped the run); not retried: the same input fails the same way."
        " Inspect the quarantine table, fix or re-export the files, then clear this task (docs/operations.md)"
    ),
}
_ERROR_CODE = re.compile(r"Error code is: (\d+)")
_PROBLEMS_HEADER = re.compile(r"^ttv: the config has (\d+) problem\(s\):$")


class TtvSparkSubmitOperator(SparkSubmitOperator):
    """Submits the ttv jobs jar; exit codes 2 and 3 fail the task without a retry."""

    ui_color = "#e8f0fe"

    def execute(self, context):
        try:
            return super().execute(context)
        except AirflowException as e:
            code = self._exit_code(e)
            if code in _NOT_RETRIED:
                lines = ttv_lines(getattr(self._hook, "_last_submit_log_lines", ()))
                for line in lines:
                    self.log.error("%s", line)
                raise AirflowFailException("\n".join([_NOT_RETRIED[code], *lines])) from e
            raise

    def _exit_code(self, error: Exception) -> int | None:
        process = getattr(self._hook, "_submit_sp", None)
        code = getattr(process, "returncode", None)
        if code is None:
            match = _ERROR_CODE.search(str(error))
            code = int(match.group(1)) if match else None
        return code


def ttv_lines(log_lines: Sequence[str]) -> list[str]:
    """ttv's own messages from a spark-submit log: its ``ttv:`` lines and the problem lines under a
    config-problems header (the hook strips their two-space indent; it is put back here)."""
    out: list[str] = []
    pending = 0
    for line in log_lines:
        if pending:
            out.append("  " + line.strip())
            pending -= 1
            continue
        if line.startswith("ttv:"):
            out.append(line)
            header = _PROBLEMS_HEADER.match(line)
            pending = int(header.group(1)) if header else 0
    return out


class TtvCheckConfigOperator(TtvSparkSubmitOperator):
    """The DAG's first task: ``ttv validate-config`` through spark-submit, plus what only the DAG knows
    (no config given, no source it can ingest). Problems are logged one per line, as validate-config
    prints them, and fail the task without a retry."""

    ui_color = "#fde8e8"

    def __init__(self, *, dag_problems: Sequence[str] = (), unsupported_sources: Sequence[str] = (), **kwargs):
        super().__init__(**kwargs)
        self.dag_problems = list(dag_problems)
        self.unsupported_sources = list(unsupported_sources)

    def execute(self, context):
        if self.application_args:
            super().execute(context)
        for system in self.unsupported_sources:
            self.log.warning("sources.%s is enabled, but this ttv does not read %s exports yet: no ingest task", system, system)
        if self.dag_problems:
            lines = [f"ttv: the config has {len(self.dag_problems)} problem(s):", *("  " + p for p in self.dag_problems)]
            for line in lines:
                self.log.error("%s", line)
            raise AirflowFailException("\n".join([_NOT_RETRIED[EXIT_USAGE], *lines]))
