"""DAG integrity: the file imports cleanly for good and bad configs, the tasks and their order follow the
config, and the spark-submit command each task renders is one the jobs jar accepts."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pendulum
import pytest
from airflow.models import DagBag
from conftest import DAGS, JAR, write_config, ttv

from ttv_airflow import catalog
from ttv_airflow import config as ttv_config
from ttv_airflow.dag import default_schedule
from ttv_airflow.operators import TtvCheckConfigOperator, TtvSparkSubmitOperator, ttv_lines

DAG_FILE = DAGS / "ttv_nightly.py"
LOCAL_SPARK = json.dumps({"conn_type": "spark", "host": "local[2]"})


def load(monkeypatch, config: Path | str | None, **settings):
    """Parses the DAG file the way Airflow does, with these settings in the environment."""
    if config is None:
        monkeypatch.delenv("TTV_CONFIG", raising=False)
    else:
        monkeypatch.setenv("TTV_CONFIG", str(config))
    monkeypatch.setenv("TTV_START_DATE", "2026-01-05")
    for k, v in settings.items():
        monkeypatch.setenv("TTV_" + k.upper(), str(v))
    bag = DagBag(dag_folder=str(DAG_FILE))
    assert bag.import_errors == {}
    return bag


def edges(dag) -> set[tuple[str, str]]:
    return {(t.task_id, d) for t in dag.tasks for d in t.downstream_task_ids}


def rendered_command(task, ds: str) -> list[str]:
    """The spark-submit command line the task runs for logical date ds (templates rendered)."""
    task.render_template_fields({"ds": ds})
    return task._get_hook()._build_spark_submit_command(task.application)


def test_tasks_and_order_for_a_github_config(monkeypatch, tmp_path):
    cfg = write_config(tmp_path)
    dag = load(monkeypatch, cfg).dags["ttv_nightly"]

    assert sorted(dag.task_ids) == ["check_config", "facts", "ingest_github", "normalize", "report"]
    assert edges(dag) == {
        ("check_config", "ingest_github"), ("ingest_github", "normalize"), ("normalize", "facts"), ("facts", "report")
    }  # fmt: skip
    assert dag.catchup is True
    assert dag.max_active_runs == 1
    assert dag.start_date == pendulum.datetime(2026, 1, 5, tz="Europe/Berlin")
    assert dag.timetable.summary == "0 3 * * *"
    assert str(dag.timezone.name) == "Europe/Berlin"
    for task in dag.tasks:
        assert isinstance(task, TtvSparkSubmitOperator)
        assert task.retries == 2 and task.retry_delay == dt.timedelta(minutes=10)


def test_each_enabled_supported_source_gets_its_own_ingest_task(monkeypatch, tmp_path):
    # A second source slots in by adding it to catalog.SUPPORTED_SOURCES; here one is pretended.
    monkeypatch.setattr(ttv_config, "SUPPORTED_SOURCES", ("github", "gitlab"))
    cfg = write_config(tmp_path, sources={"github": {"enabled": True}, "gitlab": {"enabled": True}, "jira": {"enabled": True}})
    dag = load(monkeypatch, cfg).dags["ttv_nightly"]

    assert sorted(dag.task_ids) == ["check_config", "facts", "ingest_github", "ingest_gitlab", "normalize", "report"]
    for system in ("github", "gitlab"):
        assert ("check_config", f"ingest_{system}") in edges(dag)
        assert (f"ingest_{system}", "normalize") in edges(dag)
    assert dag.get_task("check_config").unsupported_sources == ["jira"]


def test_sources_default_to_the_landing_folders(monkeypatch, tmp_path):
    (tmp_path / "landing" / "github").mkdir(parents=True)
    (tmp_path / "landing" / "ics").mkdir(parents=True)
    (tmp_path / "landing" / "gitlab").mkdir(parents=True)
    # A system this ttv does not read (pretended: every system of the contract is read today) is reported, not ingested.
    monkeypatch.setattr(ttv_config, "SUPPORTED_SOURCES", ("github", "ics"))
    cfg = write_config(tmp_path, sources=None)
    dag = load(monkeypatch, cfg).dags["ttv_nightly"]
    assert [t for t in dag.task_ids if t.startswith("ingest_")] == ["ingest_github", "ingest_ics"]
    assert dag.get_task("check_config").unsupported_sources == ["gitlab"]
    assert dag.get_task("check_config").dag_problems == []


def test_disabled_source_gets_no_task(monkeypatch, tmp_path):
    (tmp_path / "landing" / "github").mkdir(parents=True)
    cfg = write_config(tmp_path, sources={"github": {"enabled": False}})
    dag = load(monkeypatch, cfg).dags["ttv_nightly"]
    assert sorted(dag.task_ids) == ["check_config", "facts", "normalize", "report"]
    assert dag.get_task("check_config").dag_problems[0].startswith("$.sources: no enabled source that this ttv reads")


STAGE_ARGS = {
    "check_config": ["validate-config", "{cfg}"],
    "ingest_github": ["ingest", "--config", "{cfg}", "--date", "2026-01-05", "--source", "github", "--wait"],
    "normalize": ["normalize", "--config", "{cfg}", "--date", "2026-01-05", "--wait"],
    "facts": ["facts", "--config", "{cfg}", "--date", "2026-01-05", "--wait"],
    "report": ["report", "--config", "{cfg}", "--date", "2026-01-05", "--wait"],
}


def test_rendered_spark_submit_commands(monkeypatch, tmp_path):
    monkeypatch.setenv("AIRFLOW_CONN_SPARK_DEFAULT", LOCAL_SPARK)
    cfg = write_config(tmp_path)
    dag = load(monkeypatch, cfg, jar="/opt/ttv/ttv-jobs-all.jar", spark_conf='{"spark.sql.shuffle.partitions": "8"}').dags[
        "ttv_nightly"
    ]
    for task_id, args in STAGE_ARGS.items():
        name = "ttv-validate-config" if task_id == "check_config" else "ttv-" + task_id.replace("_", "-")
        assert rendered_command(dag.get_task(task_id), "2026-01-05") == [
            "spark-submit",
            "--master", "local[2]",
            "--conf", "spark.ui.showConsoleProgress=false",
            "--conf", "spark.driver.memory=2g",
            "--conf", "spark.sql.shuffle.partitions=8",
            "--name", name,
            "--class", "io.ttv.jobs.Main",
            "/opt/ttv/ttv-jobs-all.jar",
            *[a.format(cfg=cfg) for a in args],
        ]  # fmt: skip


@pytest.mark.parametrize("task_id", list(STAGE_ARGS))
def test_the_jar_accepts_the_rendered_arguments(monkeypatch, tmp_path, jar, task_id):
    # picocli parses every option before it honours --help: an option the command does not know
    # (or a missing required one) exits 2, a command line it accepts prints the help and exits 0.
    monkeypatch.setenv("AIRFLOW_CONN_SPARK_DEFAULT", LOCAL_SPARK)
    cfg = write_config(tmp_path)
    task = load(monkeypatch, cfg).dags["ttv_nightly"].get_task(task_id)
    task.render_template_fields({"ds": "2026-01-05"})
    done = ttv(*task.application_args, "--help", timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Usage: ttv " + task.application_args[0] in done.stdout


def test_a_bi_database_adds_a_publish_task_after_facts(monkeypatch, tmp_path):
    monkeypatch.setenv("AIRFLOW_CONN_SPARK_DEFAULT", LOCAL_SPARK)
    bi = {"postgres": {"url": "jdbc:postgresql://db:5432/analytics", "schema": "ttv", "user": "ttv", "password_env": "TTV_BI_PASSWORD"}}
    cfg = write_config(tmp_path, bi=bi)
    dag = load(monkeypatch, cfg).dags["ttv_nightly"]
    assert sorted(dag.task_ids) == ["check_config", "facts", "ingest_github", "normalize", "publish", "report"]
    assert ("facts", "publish") in edges(dag)
    # the report follows the facts, not publish: a BI database that is down does not hold back the page
    assert ("facts", "report") in edges(dag) and ("publish", "report") not in edges(dag)
    publish = dag.get_task("publish")
    assert rendered_command(publish, "2026-01-05")[-6:] == ["publish", "--config", str(cfg), "--date", "2026-01-05", "--wait"]


def test_the_jar_accepts_the_publish_arguments(monkeypatch, tmp_path, jar):
    bi = {"postgres": {"url": "jdbc:postgresql://db:5432/analytics", "password_env": "TTV_BI_PASSWORD"}}
    task = load(monkeypatch, write_config(tmp_path, bi=bi)).dags["ttv_nightly"].get_task("publish")
    task.render_template_fields({"ds": "2026-01-05"})
    done = ttv(*task.application_args, "--help", timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Usage: ttv publish" in done.stdout


def test_fact_tables_are_assets_of_the_facts_task(monkeypatch, tmp_path):
    cfg = write_config(tmp_path)
    dag = load(monkeypatch, cfg).dags["ttv_nightly"]
    uris = [a.uri for a in dag.get_task("facts").outlets]
    assert uris == [f"file://{tmp_path}/warehouse/{t}" for t in catalog.FACT_TABLES]
    assert all(not dag.get_task(t).outlets for t in dag.task_ids if t != "facts")


def test_default_jar_is_the_checkouts(monkeypatch, tmp_path):
    dag = load(monkeypatch, write_config(tmp_path)).dags["ttv_nightly"]
    assert dag.get_task("facts").application == str(JAR)


def test_several_configs_give_one_dag_each(monkeypatch, tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    a = write_config(tmp_path / "a").rename(tmp_path / "a" / "north.json")
    b = write_config(tmp_path / "b").rename(tmp_path / "b" / "south.json")
    bag = load(monkeypatch, f"{a}:{b}")
    assert sorted(bag.dag_ids) == ["ttv_nightly_north", "ttv_nightly_south"]


# --- bad input: the DAG still imports, its first task carries the problem ---


def test_missing_config_file_still_imports(monkeypatch, tmp_path):
    missing = tmp_path / "nope.json"
    dag = load(monkeypatch, missing).dags["ttv_nightly"]
    assert sorted(dag.task_ids) == ["check_config", "facts", "normalize", "report"]
    assert edges(dag) == {("check_config", "normalize"), ("normalize", "facts"), ("facts", "report")}
    check = dag.get_task("check_config")
    assert check.application_args == ["validate-config", str(missing)]  # ttv says what is wrong


def test_config_that_is_not_json_still_imports(monkeypatch, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"warehouse": "/w", "landing": "/l",}')
    dag = load(monkeypatch, bad).dags["ttv_nightly"]
    assert dag.get_task("check_config").application_args == ["validate-config", str(bad)]


def test_no_config_given_still_imports(monkeypatch):
    dag = load(monkeypatch, None).dags["ttv_nightly"]
    check = dag.get_task("check_config")
    assert check.application_args == []
    assert check.dag_problems[0].startswith("no ttv config given: set the Airflow Variable ttv_config")


@pytest.mark.parametrize(
    "zone, cron",
    [("Europe/Berlin", "0 3 * * *"), ("America/New_York", "0 3 * * *"), ("Asia/Kolkata", "0 6 * * *"),
     ("Asia/Tokyo", "0 9 * * *"), ("Pacific/Auckland", "0 13 * * *"), ("UTC", "0 3 * * *")],
)  # fmt: skip
def test_default_schedule_keeps_ds_the_reporting_date(zone, cron):
    assert default_schedule(zone) == cron
    hour = int(cron.split()[1])
    for month in range(1, 13):
        start = pendulum.datetime(2026, month, 15, hour, tz=zone)
        assert start.in_timezone("UTC").date() == start.date(), (zone, month)


def test_ttv_lines_are_picked_from_the_spark_submit_log():
    log = [
        "WARNING: Using incubator modules: jdk.incubator.vector",
        "ttv: the config has 2 problem(s):",
        "$.foo: unknown key",
        "$.teams[0].name: required key is missing",
        "26/01/05 INFO ShutdownHookManager: Shutdown hook called",
        "ttv: quality gate: github/workflow_jobs quarantined 40 of 49 records",
    ]
    assert ttv_lines(log) == [
        "ttv: the config has 2 problem(s):",
        "  $.foo: unknown key",
        "  $.teams[0].name: required key is missing",
        "ttv: quality gate: github/workflow_jobs quarantined 40 of 49 records",
    ]


def test_check_task_is_the_check_operator(monkeypatch, tmp_path):
    dag = load(monkeypatch, write_config(tmp_path)).dags["ttv_nightly"]
    assert isinstance(dag.get_task("check_config"), TtvCheckConfigOperator)
