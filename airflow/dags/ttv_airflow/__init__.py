"""Helpers of the ttv nightly DAG (airflow/dags/ttv_nightly.py): settings, cheap config reading, operators.

Nothing here touches Spark or the network at import time; the DAG file stays cheap to parse.
"""
