"""Shared set-up of the DAG tests. Run them with airflow/test (or ./test, which calls it): it installs the
venvs (airflow/setup.sh) and runs pytest from the Airflow venv with the pyspark venv's bin on PATH.

AIRFLOW_HOME must be set before anything imports airflow, so it is set here, at import time, to a
throw-away folder; every test that runs the airflow CLI gets its own home (and SQLite database).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DAGS = REPO / "airflow" / "dags"
JAR = REPO / "jobs" / "target" / "ttv-jobs-all.jar"
AIRFLOW_BIN = Path(sys.executable).parent
SPARK_BIN = Path(os.environ.get("TTV_SPARK_BIN", REPO / ".cache" / "venv-spark" / "bin"))

# Small-machine Spark settings for the real runs (2 cores, other builds alongside): without them every
# Delta commit plans 50 snapshot and 200 shuffle partitions for a few hundred records. The C1-only JIT
# suits short jobs on tiny data (one ingest: 77 s -> 45 s here under load); not for real volumes.
# Code generation off, as in the JUnit suite's TestSpark: for a few rows generating and compiling Java
# for each query costs far more than interpreting it.
INTERPRETED = {"spark.sql.codegen.wholeStage": "false", "spark.sql.codegen.factoryMode": "NO_CODEGEN"}
TEST_SPARK_CONF = {
    **INTERPRETED,
    "spark.driver.extraJavaOptions": "-XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=256m -XX:+UseSerialGC",
    "spark.sql.shuffle.partitions": "2",
    "spark.databricks.delta.snapshotPartitions": "2",
    "spark.ui.enabled": "false",
    "spark.driver.memory": "1g",
}

_HOME = tempfile.mkdtemp(prefix="ttv-airflow-home-")
os.environ["AIRFLOW_HOME"] = _HOME
os.environ["AIRFLOW__CORE__LOAD_EXAMPLES"] = "False"
os.environ["AIRFLOW__CORE__DAGS_FOLDER"] = str(DAGS)
os.environ["AIRFLOW__CORE__UNIT_TEST_MODE"] = "False"
os.environ.setdefault("AIRFLOW_CONN_SPARK_DEFAULT", json.dumps({"conn_type": "spark", "host": "local[2]"}))
for name in [n for n in os.environ if n.startswith("TTV_") and n not in ("TTV_SPARK_BIN", "TTV_SKIP_SLOW", "TTV_TIMINGS")]:
    del os.environ[name]  # the DAG's settings come from each test, never from the caller's shell
sys.path.insert(0, str(DAGS))


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: runs the real airflow CLI and Spark (TTV_SKIP_SLOW=1 skips)")


def pytest_collection_modifyitems(config, items):
    if os.environ.get("TTV_SKIP_SLOW") == "1":
        skip = pytest.mark.skip(reason="TTV_SKIP_SLOW=1")
        for item in items:
            if "slow" in item.keywords:
                item.add_marker(skip)


@pytest.fixture(scope="session")
def jar() -> Path:
    if not JAR.is_file():
        pytest.fail(f"{JAR} is missing: build it with `mvn -q -B -DskipTests package` (./test does)")
    return JAR


def write_config(folder: Path, **overrides) -> Path:
    """A minimal valid ttv config with its warehouse and landing under folder."""
    cfg = {
        "warehouse": str(folder / "warehouse"),
        "landing": str(folder / "landing"),
        "reporting_timezone": "Europe/Berlin",
        "sources": {"github": {"enabled": True}},
    }
    cfg.update(overrides)
    cfg = {k: v for k, v in cfg.items() if v is not None}
    path = folder / "config.json"
    path.write_text(json.dumps(cfg, indent=2))
    return path


def dag_env(config: Path | str | None, home: Path, **settings) -> dict:
    """The environment of one airflow CLI call: its own home, the DAG folder, spark-submit on PATH."""
    env = dict(os.environ)
    env.update(
        {
            "AIRFLOW_HOME": str(home),
            "PATH": os.pathsep.join([str(SPARK_BIN), str(AIRFLOW_BIN), env.get("PATH", "")]),
            "SPARK_LOCAL_IP": "127.0.0.1",
            "TTV_START_DATE": "2026-01-05",
            "TTV_SPARK_CONF": json.dumps(TEST_SPARK_CONF),
        }
    )
    env.pop("PYTHONPATH", None)
    if config is not None:
        env["TTV_CONFIG"] = str(config)
    env.update({"TTV_" + k.upper(): str(v) for k, v in settings.items()})
    return env


def airflow(args: list[str], env: dict, timeout: float = 900) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(AIRFLOW_BIN / "airflow"), *args], env=env, capture_output=True, text=True, timeout=timeout
    )


@pytest.fixture
def airflow_home(tmp_path) -> Path:
    """A fresh AIRFLOW_HOME with a migrated SQLite database."""
    home = tmp_path / "airflow-home"
    home.mkdir()
    env = dag_env(None, home)
    done = airflow(["db", "migrate"], env, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    return home


def ttv(*args: str, timeout: float = 600) -> subprocess.CompletedProcess:
    env = dict(os.environ, TTV_SKIP_BUILD="1", SPARK_LOCAL_IP="127.0.0.1", TTV_JAVA_OPTS="-Xmx1g -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=256m -XX:+UseSerialGC "
        + " ".join(f"-D{k}={v}" for k, v in INTERPRETED.items()))
    return subprocess.run([str(REPO / "ttv"), *args], env=env, capture_output=True, text=True, timeout=timeout)


def require_spark_submit():
    if shutil.which("spark-submit", path=str(SPARK_BIN)) is None:
        pytest.fail(f"no spark-submit in {SPARK_BIN}: run airflow/setup.sh (airflow/test does)")
