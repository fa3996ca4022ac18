"""The little of a ttv config the DAG needs at parse time, read with ``json`` only.

The real validation is ttv's (``ttv validate-config``, run by the DAG's first task). Here nothing may
fail: whatever is wrong with the file becomes a problem line, the DAG still builds (so Airflow shows
it), and its first task fails with the problems in its log.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from urllib.parse import urlparse

from ttv_airflow.catalog import ALL_SYSTEMS, SUPPORTED_SOURCES


@dataclass(frozen=True)
class DagConfig:
    path: str
    reporting_timezone: str
    warehouse: str | None
    # The systems that get an ingest task: enabled and supported by this ttv.
    sources: tuple[str, ...]
    # Enabled in the config but not read by this ttv yet (the check task says so).
    unsupported_sources: tuple[str, ...]
    # Problems ttv validate-config does not report (it knows nothing of the DAG), in its format.
    problems: tuple[str, ...]
    # False when the file could not be read as a JSON object (validate-config explains why).
    readable: bool
    # bi.postgres is configured: a publish task follows facts (ttv publish, docs/bi.md).
    publishes: bool = False


def read(path: str) -> DagConfig:
    path = os.path.abspath(os.path.expanduser(path))
    try:
        with open(path, encoding="utf-8-sig") as f:
            cfg = json.load(f)
    except (OSError, ValueError):
        return DagConfig(path, "UTC", None, (), (), (), readable=False)
    if not isinstance(cfg, dict):
        return DagConfig(path, "UTC", None, (), (), (), readable=False)

    zone = cfg.get("reporting_timezone")
    zone = zone if isinstance(zone, str) and _is_zone(zone) else "UTC"
    landing = cfg.get("landing") if isinstance(cfg.get("landing"), str) else None
    warehouse = cfg.get("warehouse") if isinstance(cfg.get("warehouse"), str) else None
    sources_cfg = cfg.get("sources") if isinstance(cfg.get("sources"), dict) else {}

    enabled = [s for s in ALL_SYSTEMS if _enabled(s, sources_cfg, landing)]
    sources = tuple(s for s in enabled if s in SUPPORTED_SOURCES)
    unsupported = tuple(s for s in enabled if s not in SUPPORTED_SOURCES)
    problems = ()
    if not sources and landing is not None:
        problems = (
            "$.sources: no enabled source that this ttv reads (it reads: "
            + ", ".join(SUPPORTED_SOURCES)
            + "); set sources.<system>.enabled to true, or put the exports under <landing>/<system>/",
        )
    bi = cfg.get("bi") if isinstance(cfg.get("bi"), dict) else {}
    publishes = isinstance(bi.get("postgres"), dict)
    return DagConfig(path, zone, warehouse, sources, unsupported, problems, readable=True, publishes=publishes)


def _enabled(system: str, sources_cfg: dict, landing: str | None) -> bool:
    entry = sources_cfg.get(system)
    if isinstance(entry, dict) and isinstance(entry.get("enabled"), bool):
        return entry["enabled"]
    # Not set: the system is read when <landing>/<system>/ exists (contract section 3).
    return _landing_has(landing, system)


def _landing_has(landing: str | None, system: str) -> bool:
    if landing is None:
        return False
    local = local_path(landing)
    if local is None:
        # An object store or HDFS: listing it at parse time is too slow. Make the task; ttv's ingest
        # reads nothing for a system without a folder.
        return system in SUPPORTED_SOURCES
    return os.path.isdir(os.path.join(local, system))


def local_path(location: str) -> str | None:
    """The local folder of a ``file:`` URI or bare path (relative to this process's folder), else None."""
    parsed = urlparse(location)
    if parsed.scheme == "file":
        return parsed.path
    if parsed.scheme == "" or (len(parsed.scheme) == 1 and location[1:2] == ":"):
        return os.path.abspath(os.path.expanduser(location))
    return None


def location_uri(location: str) -> str:
    """A location as an absolute URI (assets need one); bare paths become ``file://`` URIs."""
    local = local_path(location)
    if local is None:
        return location.rstrip("/")
    return "file://" + os.path.normpath(local)


def _is_zone(name: str) -> bool:
    try:
        import pendulum

        pendulum.timezone(name)
        return True
    except Exception:
        return False
