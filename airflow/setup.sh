#!/usr/bin/env bash
# Installs what the Airflow DAG's tests run on, into two virtual environments under ~/.cache/ttv/venvs
# (TTV_CACHE_DIR), shared by every clone on the machine (a fresh CI checkout reuses them):
#   venv-airflow  Airflow + the Apache Spark provider + pytest + deltalake   (airflow/requirements.txt)
#   venv-spark    pyspark, for its spark-submit                                (airflow/requirements-spark.txt)
# They are separate because the provider's pyspark-client and full pyspark share the pyspark/ package
# folder. A venv is rebuilt only when its requirements file (or python3's version) changes; pip's wheel cache lives in
# ~/.cache/ttv/pip (TTV_PIP_CACHE), so a fresh clone on the same machine does not rebuild the pyspark wheel.
# Prints the two venvs' bin folders as shell assignments (eval-able) on stdout; progress goes to stderr.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="${TTV_CACHE_DIR:-$HOME/.cache/ttv/venvs}"
export PIP_CACHE_DIR="${TTV_PIP_CACHE:-$HOME/.cache/ttv/pip}"
export PIP_DISABLE_PIP_VERSION_CHECK=1
PYTHON="${TTV_PYTHON:-python3}"
mkdir -p "$CACHE" "$PIP_CACHE_DIR"

"$PYTHON" - <<'PY' || { echo "airflow/setup.sh: needs Python 3.10-3.13 as python3 (or TTV_PYTHON)" >&2; exit 1; }
import sys
sys.exit(0 if (3, 10) <= sys.version_info[:2] <= (3, 13) else 1)
PY

# One installer at a time per cache folder (two worktrees' ./test may start together).
exec 9>"$CACHE/.setup.lock"
flock 9

venv() { # venv NAME REQUIREMENTS
  local dir="$CACHE/$1" req="$2" stamp
  stamp="$("$PYTHON" --version 2>&1) $(sha256sum "$req" | cut -d' ' -f1)"
  if [[ -f "$dir/.ttv-stamp" && "$(cat "$dir/.ttv-stamp")" == "$stamp" ]]; then
    return 0
  fi
  echo "airflow/setup.sh: installing $1 from ${req#"$ROOT"/} (first time: a minute or two)..." >&2
  local t0=$SECONDS
  rm -rf "$dir"
  "$PYTHON" -m venv "$dir"
  "$dir/bin/pip" install -q -r "$req" >&2
  echo "$stamp" > "$dir/.ttv-stamp"
  echo "airflow/setup.sh: $1 installed in $((SECONDS - t0)) s" >&2
}

venv venv-airflow "$ROOT/airflow/requirements.txt"
venv venv-spark "$ROOT/airflow/requirements-spark.txt"
echo "TTV_AIRFLOW_BIN=$CACHE/venv-airflow/bin"
echo "TTV_SPARK_BIN=$CACHE/venv-spark/bin"
