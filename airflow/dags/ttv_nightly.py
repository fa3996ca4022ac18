"""The ttv nightly DAG: one DAG per ttv config, one task per stage, each a spark-submit of the jobs jar.

Where the config comes from: the environment variable ``TTV_CONFIG`` or the Airflow Variable
``ttv_config`` (the config file's path; several paths separated by ``:`` give one DAG each). Every other
setting (jar, start date, schedule, Spark connection and conf, retries) is listed in airflow/README.md.

Parsing this file reads the config with ``json`` and nothing else: no Spark, no jar, no network. The real
validation is the first task's (``ttv validate-config``).
"""

from __future__ import annotations

import os
import sys

# The helper package sits next to this file; not every Airflow puts the DAG folder on sys.path.
_HERE = os.path.dirname(os.path.abspath(__file__))
if _HERE not in sys.path:
    sys.path.insert(0, _HERE)

from ttv_airflow.dag import build_dags  # noqa: E402 import build_dags
from ttv_airflow.settings import Settings  # noqa: E402

# Module-level names are how Airflow finds DAGs.
globals().update(build_dags(Settings.load()))
