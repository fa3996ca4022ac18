"""The DAG run by the real Airflow CLI (``airflow dags test``) against the real jobs jar, spark-submit in
local mode, on a small generated landing zone."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import sqlite3
import time
from pathlib import Path

import pytest
from conftest import airflow, dag_env, require_spark_submit, ttv, write_config

from ttv_airflow.catalog import SUPPORTED_SOURCES

pytestmark = pytest.mark.slow


def record_timing(name: str, seconds: float) -> None:
    print(f"{name}: {seconds:.1f} s")
    path = os.environ.get("TTV_TIMINGS")
    if path:
        with open(path, "a") as f:
            f.write(f"{name}: {seconds:.1f} s\n")


def dags_test(env: dict, date: str, label: str):
    """One DAG run for real, but for the report task, which is marked done: its Spark work (tens of seconds)
    proves nothing about the DAG that the JUnit suite's report tests and the argument test here do not."""
    started = time.monotonic()
    done = airflow(["dags", "test", "ttv_nightly", date, "--mark-success-pattern", "^report$"], env)
    record_timing(f"airflow dags test ({label})", time.monotonic() - started)
    return done


def task_states(home: Path) -> dict[str, tuple[str, int]]:
    """task_id -> (state, try_number) of the newest run of ttv_nightly in this home's database."""
    with sqlite3.connect(home / "airflow.db") as db:
        (run_id,) = db.execute(
            "SELECT run_id FROM dag_run WHERE dag_id = 'ttv_nightly' ORDER BY id DESC LIMIT 1"
        ).fetchone()
        rows = db.execute(
            "SELECT task_id, state, try_number FROM task_instance WHERE dag_id = 'ttv_nightly' AND run_id = ?", (run_id,)
        ).fetchall()
    return {task: (state, tries) for task, state, tries in rows}


def query(config: Path, sql: str) -> list[dict]:
    done = ttv("query", "--config", str(config), sql)
    assert done.returncode == 0, done.stderr[-3000:]
    return list(csv.DictReader(io.StringIO(done.stdout)))


@pytest.fixture(scope="module")
def generated(tmp_path_factory, jar) -> Path:
    """./ttv generate --engineers 8 --days 3: the exports of 2026-01-05..07 and config.json."""
    out = tmp_path_factory.mktemp("org")
    done = ttv("generate", "--out", str(out / "org"), "--engineers", "8", "--days", "3", "--start", "2026-01-05")
    assert done.returncode == 0, done.stderr
    return out / "org"


# GitHub's CI and deployment datasets: what the DAG tests prove things about. The version-control
# datasets (pulls, reviews, commits) add minutes of Spark work per run and are tested in the JUnit suite.
CI_DATASETS = {
    "github": ("workflow_runs", "workflow_jobs", "deployments", "deployment_statuses"),
    "gitlab": ("pipelines", "jobs", "deployments"),
}


def copy_org(generated: Path, to: Path, systems: tuple[str, ...] = ("github",)) -> Path:
    """A copy of the generated organisation with its own landing zone and warehouse, reading only
    `systems`, and of GitHub and GitLab only their CI and deployment datasets (every Spark task costs a JVM start-up:
    the suite keeps real runs to what they prove)."""
    shutil.copytree(generated / "landing", to / "landing")
    for system, keep in CI_DATASETS.items():
        folder = to / "landing" / system
        if folder.is_dir():
            for dataset in folder.iterdir():
                if dataset.name not in keep:
                    shutil.rmtree(dataset)
    cfg = json.loads((generated / "config.json").read_text())
    cfg["landing"] = str(to / "landing")
    cfg["warehouse"] = str(to / "warehouse")
    cfg["sources"] = {system: {"enabled": system in systems} for system in SUPPORTED_SOURCES}
    path = to / "config.json"
    path.write_text(json.dumps(cfg, indent=2))
    return path


def test_nightly_runs_of_two_dates_fill_the_facts_like_one_backfill(generated, tmp_path, airflow_home):
    require_spark_submit()
    config = copy_org(generated, tmp_path / "dag")
    env = dag_env(config, airflow_home)

    done = dags_test(env, "2026-01-05", "first date")
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-3000:]
    assert set(task_states(airflow_home).values()) == {("success", 1)}
    days = query(config, "SELECT CAST(date AS STRING) AS date, sum(runs) AS runs FROM fact_ci_daily GROUP BY date")
    by_day = {r["date"]: int(r["runs"]) for r in days}
    assert by_day.get("2026-01-05", 0) > 0, days
    assert "2026-01-06" not in by_day, days

    done = dags_test(env, "2026-01-06", "second date")
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-3000:]
    assert set(task_states(airflow_home).values()) == {("success", 1)}

    # The two nightly runs compose: their facts equal one `ttv run` backfill over both dates.
    backfill = copy_org(generated, tmp_path / "backfill")
    started = time.monotonic()
    done = ttv("run", "--config", str(backfill), "--date", "2026-01-05", "--to", "2026-01-06", "--stages", "ingest,normalize,facts")
    record_timing("ttv run backfill of both dates", time.monotonic() - started)
    assert done.returncode == 0, done.stderr[-3000:]
    facts = "SELECT * FROM fact_ci_daily ORDER BY date, repo, workflow"
    nightly_rows = query(config, facts)
    assert {r["date"] for r in nightly_rows} >= {"2026-01-05", "2026-01-06"}
    assert "2026-01-07" not in {r["date"] for r in nightly_rows}
    assert nightly_rows == query(backfill, facts)
    assert_every_table_opens_without_spark(backfill)


def assert_every_table_opens_without_spark(config: Path) -> None:
    """Open tables (docs/bi.md): every Delta table of the warehouse opens with delta-rs (``deltalake``, no
    Spark, no JVM) at reader protocol 1, with the row counts ``ttv query`` gives and the same sum of runs."""
    import pyarrow.compute as pc
    from deltalake import DeltaTable

    warehouse = Path(json.loads(config.read_text())["warehouse"])
    tables = sorted(p.name for p in warehouse.iterdir() if (p / "_delta_log").is_dir())
    assert {"ci_runs", "fact_ci_daily", "dim_date", "quarantine", "ttv_runs"} <= set(tables), tables
    # one `ttv query` (a JVM each): every table's row count, and the sum of runs under the name "sum(runs)"
    counts = query(
        config,
        " UNION ALL ".join([f"SELECT '{t}' AS t, count(*) AS n FROM {t}" for t in tables]
                           + ["SELECT 'sum(runs)' AS t, sum(runs) AS n FROM fact_ci_daily"]),
    )
    spark_counts = {r["t"]: int(r["n"]) for r in counts}
    for t in tables:
        dt = DeltaTable(str(warehouse / t))
        assert dt.protocol().min_reader_version == 1, (t, dt.protocol())
        assert dt.to_pyarrow_table().num_rows == spark_counts[t], t
    runs = DeltaTable(str(warehouse / "fact_ci_daily")).to_pyarrow_table()["runs"]
    assert pc.sum(runs).as_py() == spark_counts["sum(runs)"]
    print(f"deltalake read {len(tables)} tables, {sum(n for t, n in spark_counts.items() if t in tables)} rows, as Spark does")


def test_a_gated_source_fails_its_ingest_task_once_and_loudly(generated, tmp_path, airflow_home):
    require_spark_submit()
    config = copy_org(generated, tmp_path / "gated", systems=("github", "gitlab"))
    # Most of one dataset of one date is garbage: far more than 1% quarantined, so ingest exits 3.
    files = sorted((tmp_path / "gated" / "landing" / "github" / "workflow_jobs" / "dt=2026-01-05").rglob("*.json"))
    for f in files[2:]:
        f.write_text("<html>502 Bad Gateway</html>")
    # Retries are on (and quick): a task that were retried would show try_number > 1.
    env = dag_env(config, airflow_home, retries=2, retry_delay_minutes=0.05)

    done = dags_test(env, "2026-01-05", "gated source")
    out = done.stdout + done.stderr
    assert done.returncode != 0, out[-6000:]
    states = task_states(airflow_home)
    assert states["check_config"] == ("success", 1)
    assert states["ingest_github"] == ("failed", 1), states
    # The other source's ingest goes on: a broken export of one system fails only its own task.
    assert states["ingest_gitlab"] == ("success", 1), states
    assert states["normalize"][0] == "upstream_failed"
    assert states["facts"][0] == "upstream_failed"
    assert "ttv exited 3 (the data-quality gate stopped the run); not retried" in out
    assert "github/workflow_jobs" in out


@pytest.fixture(scope="module")
def shared_home(tmp_path_factory) -> Path:
    """One migrated AIRFLOW_HOME for the bad-config cases (each uses its own logical date)."""
    home = tmp_path_factory.mktemp("airflow-home")
    done = airflow(["db", "migrate"], dag_env(None, home), timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    return home


@pytest.mark.parametrize(
    "case, date, expected",
    [
        ("missing", "2026-01-05", "nope.json: no such file"),
        ("invalid", "2026-01-06", "$.teams[0].nme: unknown key"),
        ("no_source", "2026-01-07", "$.sources: no enabled source that this ttv reads"),
    ],
)
def test_a_bad_config_fails_the_first_task_with_its_problems(tmp_path, shared_home, jar, case, date, expected):
    airflow_home = shared_home
    require_spark_submit()
    if case == "missing":
        config = tmp_path / "nope.json"
    elif case == "invalid":
        config = write_config(tmp_path, teams=[{"nme": "payments"}])
    else:
        config = write_config(tmp_path, sources={"github": {"enabled": False}})
    env = dag_env(config, airflow_home, retries=2, retry_delay_minutes=0.05)

    listed = airflow(["dags", "list-import-errors", "--local"], env)
    assert listed.returncode == 0, listed.stdout + listed.stderr

    done = dags_test(env, date, f"bad config: {case}")
    out = done.stdout + done.stderr
    assert done.returncode != 0
    states = task_states(airflow_home)
    assert states["check_config"] == ("failed", 1), states
    assert {s for t, (s, _) in states.items() if t != "check_config"} == {"upstream_failed"}
    assert "ttv: the config has" in out
    assert expected in out
