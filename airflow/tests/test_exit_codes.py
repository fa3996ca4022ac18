"""How the operator turns ttv's exit codes into Airflow outcomes (contract section 2): 2 and 3 fail at
once without a retry, anything else stays an ordinary (retried) failure."""

from __future__ import annotations

import types

import pytest
from airflow.sdk.exceptions import AirflowException, AirflowFailException

from ttv_airflow.operators import TtvSparkSubmitOperator


class FakeHook:
    _should_track_driver_status = False
    _is_yarn_cluster_mode = False

    def __init__(self, returncode: int, log: list[str]):
        self._submit_sp = types.SimpleNamespace(returncode=returncode)
        self._last_submit_log_lines = log

    def _should_track_driver_via_k8s_api(self):
        return False

    def submit(self, application):
        if self._submit_sp.returncode:
            raise AirflowException(f"Cannot execute: spark-submit ... Error code is: {self._submit_sp.returncode}.")


def run(returncode: int, log=()):
    op = TtvSparkSubmitOperator(task_id="ingest_github", application="ttv.jar", application_args=["ingest"])
    op._hook = FakeHook(returncode, list(log))
    return op.execute({})


def test_quality_gate_fails_without_retry_and_says_why():
    with pytest.raises(AirflowFailException) as e:
        run(3, ["INFO noise", "ttv: quality gate failed: github/workflow_jobs 94.0% quarantined"])
    assert "ttv exited 3 (the data-quality gate stopped the run); not retried" in str(e.value)
    assert "ttv: quality gate failed: github/workflow_jobs 94.0% quarantined" in str(e.value)


def test_config_error_fails_without_retry():
    with pytest.raises(AirflowFailException) as e:
        run(2, ["ttv: the config has 1 problem(s):", "/etc/ttv.json: no such file"])
    assert "  /etc/ttv.json: no such file" in str(e.value)


def test_unexpected_failure_stays_retryable():
    with pytest.raises(AirflowException) as e:
        run(1, ["ttv: the warehouse ... is held by run 5d45"])
    assert not isinstance(e.value, AirflowFailException)


def test_success_passes():
    assert run(0) is None
