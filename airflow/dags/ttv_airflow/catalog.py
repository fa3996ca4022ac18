"""What this version of ttv reads and writes, as far as the DAG needs to know. Extend it with the jobs.

SUPPORTED_SOURCES: the systems whose exports ttv ingests today (a system of contract section 4 not listed
here gets no ingest task, even when the config enables it). Keep in step with
``SourceDatasets.supported()`` in ``schemas/``.

FACT_TABLES: the fact tables the ``facts`` stage writes; each is an Airflow asset the ``facts`` task
updates, so BI refresh DAGs can be scheduled on it.
"""

# Every system the config may name (contract section 3/4), in the contract's order.
ALL_SYSTEMS = (
    "github",
    "gitlab",
    "jenkins",
    "git",
    "jira",
    "pagerduty",
    "ics",
    "google_calendar",
    "msgraph_calendar",
)

SUPPORTED_SOURCES = ("github", "gitlab", "jenkins", "git", "jira", "pagerduty", "ics", "google_calendar", "msgraph_calendar")

FACT_TABLES = ("fact_ci_daily", "fact_deployment", "fact_delivery_daily", "fact_change", "fact_flow_daily", "fact_person_day", "friction_intervals", "fact_friction_daily")

STAGES_AFTER_INGEST = ("normalize", "facts")
