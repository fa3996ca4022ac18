"""Builds the nightly DAG of one ttv config:

    check_config >> [ingest_<system> for each enabled source] >> normalize >> facts (-> fact_* assets)
           [>> publish, when the config has bi.postgres: the recomputed dates into the BI database]
           >> report (the leaders' report for {{ ds }}, report.weeks up to it, under report.out)

Every stage is ``spark-submit --class io.ttv.jobs.Main <jar> <stage> --config FILE --date {{ ds }} --wait``.
"""

from __future__ import annotations

import math
import os
import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pendulum
from airflow.sdk import DAG, Asset
from airflow.timetables.interval import CronDataIntervalTimetable

from ttv_airflow import config as ttv_config
from ttv_airflow.catalog import FACT_TABLES, STAGES_AFTER_INGEST
from ttv_airflow.operators import TtvCheckConfigOperator, TtvSparkSubmitOperator
from ttv_airflow.settings import Settings

MAIN_CLASS = "io.ttv.jobs.Main"
NO_CONFIG = (
    "no ttv config given: set the Airflow Variable ttv_config (or the environment variable TTV_CONFIG)"
    " to the config file's path"
)


def build_dags(settings: Settings) -> dict:
    """One DAG per configured config file: ``ttv_nightly`` for one, ``ttv_nightly_<file stem>`` for several."""
    if not settings.config_paths:
        return {"ttv_nightly": build_dag("ttv_nightly", None, settings)}
    if len(settings.config_paths) == 1:
        return {"ttv_nightly": build_dag("ttv_nightly", settings.config_paths[0], settings)}
    dags = {}
    for path in settings.config_paths:
        stem = re.sub(r"[^A-Za-z0-9_]+", "_", os.path.splitext(os.path.basename(path))[0]).strip("_")
        dag_id = "ttv_nightly_" + stem
        dags[dag_id] = build_dag(dag_id, path, settings)
    return dags


def stage_args(stage: str, config_path: str, source: str | None = None) -> list[str]:
    """The ttv command line of one stage for the run's logical date.

    --wait: the ingest tasks of one DAG run run in parallel, but ttv lets one writer hold a warehouse
    at a time (a lease); without --wait the second one would exit 1 at once and burn a retry.
    """
    args = [stage, "--config", config_path, "--date", "{{ ds }}"]
    if source:
        args += ["--source", source]
    return args + ["--wait"]


def build_dag(dag_id: str, config_path: str | None, settings: Settings) -> DAG:
    cfg = ttv_config.read(config_path) if config_path else None
    problems = list(settings.problems)
    if cfg is None:
        problems.append(NO_CONFIG)
    else:
        problems.extend(cfg.problems)
    zone = cfg.reporting_timezone if cfg else "UTC"
    start_date = _start_date(settings.start_date, zone, problems)

    common = dict(
        application=settings.jar,
        java_class=MAIN_CLASS,
        conf=dict(settings.spark_conf),
        conn_id=settings.conn_id,
    )
    with DAG(
        dag_id=dag_id,
        description="ttv nightly: ingest each source, normalize, facts, report" + (f" ({cfg.path})" if cfg else ""),
        # The interval that starts on day D (reporting time) is the run of D; it runs when the interval
        # ends, on D+1, when D's exports are complete. A new installation catches up from TTV_START_DATE.
        schedule=CronDataIntervalTimetable(settings.schedule or default_schedule(zone), timezone=zone),
        start_date=start_date,
        catchup=True,
        # Delta writers of one warehouse run one at a time; so do the DAG's runs.
        max_active_runs=1,
        default_args={
            "retries": settings.retries,
            "retry_delay": timedelta(minutes=settings.retry_delay_minutes),
        },
        tags=["ttv"],
        doc_md=__doc__,
    ) as dag:
        check = TtvCheckConfigOperator(
            task_id="check_config",
            name="ttv-validate-config",
            application_args=["validate-config", cfg.path] if cfg else [],
            dag_problems=problems,
            unsupported_sources=cfg.unsupported_sources if cfg and cfg.readable else (),
            **{**common, "conn_id": settings.check_conn_id},
        )
        path = cfg.path if cfg else ""
        ingests = [
            TtvSparkSubmitOperator(
                task_id=f"ingest_{system}",
                name=f"ttv-ingest-{system}",
                application_args=stage_args("ingest", path, system),
                **common,
            )
            for system in (cfg.sources if cfg else ())
        ]
        previous = [check]
        if ingests:
            check >> ingests
            previous = ingests
        tasks = {}
        for stage in STAGES_AFTER_INGEST + (("publish",) if cfg and cfg.publishes else ()) + ("report",):
            outlets = []
            if stage == "facts" and cfg and cfg.warehouse:
                base = ttv_config.location_uri(cfg.warehouse)
                outlets = [Asset(uri=f"{base}/{table}") for table in FACT_TABLES]
            tasks[stage] = TtvSparkSubmitOperator(
                task_id=stage,
                name=f"ttv-{stage}",
                application_args=stage_args(stage, path),
                outlets=outlets,
                **common,
            )
            # The report reads only the facts: it follows them, not publish, so an unreachable BI database
            # does not keep the leaders' page from being written (both wait for the warehouse lease in turn).
            upstream = [tasks["facts"]] if stage == "report" else previous
            upstream >> tasks[stage]
            previous = [tasks[stage]]
    return dag


def default_schedule(zone: str) -> str:
    """Daily at 03:00 in the reporting zone, or later in zones east of UTC+3.

    ``{{ ds }}`` is the UTC date of the run's logical date, which is the start of its interval. The
    interval must start at an hour whose UTC date is still the local date D: at or after the zone's
    largest UTC offset of the year (Tokyo, UTC+9: 09:00). Then ``{{ ds }}`` is D in every zone, for
    scheduled runs, backfills and ``airflow dags test DAG D`` alike.
    """
    tz = ZoneInfo(zone)
    year = datetime.now().year
    offsets = [datetime(year, month, 1, 12, tzinfo=tz).utcoffset() for month in (1, 4, 7, 10)]
    largest = max(o.total_seconds() for o in offsets) / 3600
    return f"0 {max(3, math.ceil(largest))} * * *"


def _start_date(value: str | None, zone: str, problems: list) -> pendulum.DateTime:
    if value:
        try:
            d = pendulum.parse(value, exact=True)
            return pendulum.datetime(d.year, d.month, d.day, tz=zone)
        except Exception:
            problems.append(f"TTV_START_DATE / Variable ttv_start_date: expected a date YYYY-MM-DD, got {value!r}")
    # Unset: no backfill, the first run is yesterday's (a fixed date per day, so parses agree).
    return pendulum.today(zone).subtract(days=1)
