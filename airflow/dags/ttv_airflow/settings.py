"""The DAG's deployment settings: each from the environment variable ``TTV_<NAME>``, else the Airflow
Variable ``ttv_<name>``, else its default (airflow/README.md lists them).

The environment is read first because it costs nothing at parse time; a Variable is looked up only when
the variable is not set (and ``AIRFLOW_VAR_TTV_<NAME>`` also works, through Airflow's own lookup).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

# The jar next to this DAG when it runs from a ttv checkout (tests, the demo); set TTV_JAR elsewhere.
_HERE = Path(__file__).resolve()
_CHECKOUT_JAR = (_HERE.parents[3] if len(_HERE.parents) > 3 else Path("/")) / "jobs" / "target" / "ttv-jobs-all.jar"

# Spark settings every stage gets; TTV_SPARK_CONF (a JSON object) adds to or overrides them. ttv sets
# the Delta extension and catalog and the session time zone itself, and spark-submit adds the JVM
# --add-opens flags Spark needs, so nothing Delta- or JVM-specific is required here.
DEFAULT_SPARK_CONF = {
    "spark.ui.showConsoleProgress": "false",
    "spark.driver.memory": "2g",
}


def setting(name: str, default: str | None = None) -> str | None:
    value = os.environ.get("TTV_" + name.upper())
    if value:
        return value
    try:
        from airflow.sdk import Variable

        value = Variable.get("ttv_" + name, default=None)
    except Exception:  # no metadata database or API reachable (a bare parse, a unit test)
        value = None
    return value if value else default


@dataclass(frozen=True)
class Settings:
    """Everything the DAG factory needs besides the ttv config itself."""

    config_paths: tuple[str, ...]
    jar: str
    start_date: str | None
    schedule: str | None
    conn_id: str
    check_conn_id: str
    spark_conf: dict = field(default_factory=dict)
    retries: int = 2
    retry_delay_minutes: float = 10.0
    problems: tuple[str, ...] = ()

    @staticmethod
    def load() -> "Settings":
        problems = []
        raw_paths = setting("config") or ""
        # Several configs (several warehouses) give one DAG each; separated like PATH.
        paths = tuple(p for p in raw_paths.split(os.pathsep) if p.strip())
        spark_conf = dict(DEFAULT_SPARK_CONF)
        extra = setting("spark_conf")
        if extra:
            try:
                parsed = json.loads(extra)
                if not isinstance(parsed, dict):
                    raise ValueError("not a JSON object")
                spark_conf.update({str(k): str(v) for k, v in parsed.items()})
            except ValueError as e:
                problems.append(f"TTV_SPARK_CONF / Variable ttv_spark_conf: expected a JSON object of Spark settings ({e})")
        conn_id = setting("spark_conn_id", "spark_default")
        return Settings(
            config_paths=paths,
            jar=setting("jar", str(_CHECKOUT_JAR)),
            start_date=setting("start_date"),
            schedule=setting("schedule"),
            conn_id=conn_id,
            check_conn_id=setting("check_conn_id", conn_id),
            spark_conf=spark_conf,
            retries=_int(setting("retries"), 2, "retries", problems),
            retry_delay_minutes=_float(setting("retry_delay_minutes"), 10.0, "retry_delay_minutes", problems),
            problems=tuple(problems),
        )


def _int(value, default, name, problems):
    if value is None:
        return default
    try:
        return int(value)
    except ValueError:
        problems.append(f"TTV_{name.upper()} / Variable ttv_{name}: expected a whole number, got {value!r}")
        return default


def _float(value, default, name, problems):
    if value is None:
        return default
    try:
        return float(value)
    except ValueError:
        problems.append(f"TTV_{name.upper()} / Variable ttv_{name}: expected a number, got {value!r}")
        return default
