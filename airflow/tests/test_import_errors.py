"""`airflow dags list-import-errors --local` (the real CLI, parsing the DAG folder) is clean."""

from __future__ import annotations

import pytest
from conftest import airflow, dag_env, write_config


@pytest.mark.slow
def test_no_import_errors(tmp_path, airflow_home):
    env = dag_env(write_config(tmp_path), airflow_home)
    done = airflow(["dags", "list-import-errors", "--local"], env, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "No data found" in done.stdout
    listed = airflow(["dags", "list", "--local", "-o", "plain"], env, timeout=300)
    assert listed.returncode == 0, listed.stdout + listed.stderr
    assert "ttv_nightly" in listed.stdout
