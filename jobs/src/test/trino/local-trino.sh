#!/usr/bin/env bash
# A single-node Trino on 127.0.0.1 for ttv's Trino test (TrinoTest) and for trying the Trino route of
# docs/bi.md on one machine. Trino 476 runs on Java 24+ (ttv itself stays on Java 17).
#
#   local-trino.sh java                    prints the home of a Java 24+ runtime; exit 3 and why, when none
#   local-trino.sh install                 prints the trimmed Trino folder; the first call downloads the server
#                                          tarball through Maven (into ~/.m2) and keeps only lib/ and the
#                                          delta_lake plugin, under ~/.cache/ttv (later calls cost nothing)
#   local-trino.sh run DIR PORT FILE...    writes DIR/etc (catalog FILEs copied to DIR/etc/catalog) and runs
#                                          Trino in the foreground on 127.0.0.1:PORT until killed
#
# Environment: TTV_TRINO_JAVA_HOME (a Java 24+ to use), TTV_JVM_DIR (where else to look; /usr/lib/jvm),
# TTV_TRINO_HEAP (default 1G), TTV_CACHE (default ~/.cache/ttv), TTV_TRINO_VERSION (default 476).
set -euo pipefail

VERSION="${TTV_TRINO_VERSION:-476}"
CACHE="${TTV_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/ttv}"
HOME_DIR="$CACHE/trino-server-$VERSION"
# Trino 476's TrinoSystemRequirements refuses anything older than 24.0.1.
MIN_FEATURE=24

feature_of() { # the feature version of the Java at $1, from its release file (no JVM start)
  local v
  v=$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$1/release" 2>/dev/null || true)
  if [[ -z "$v" ]]; then
    v=$("$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -1)
  fi
  [[ "$v" == 24 || "$v" == 24.0.0* ]] && { echo 0; return; } # below 24.0.1
  echo "${v%%[.+-]*}"
}

find_java() {
  local candidates=() c
  [[ -n "${TTV_TRINO_JAVA_HOME:-}" ]] && candidates+=("$TTV_TRINO_JAVA_HOME")
  [[ -n "${JAVA_HOME:-}" ]] && candidates+=("$JAVA_HOME")
  for c in "${TTV_JVM_DIR:-/usr/lib/jvm}"/*; do [[ -L "$c" ]] || candidates+=("$c"); done
  local best="" best_f=0 f
  for c in "${candidates[@]}"; do
    [[ -x "$c/bin/java" ]] || continue
    f=$(feature_of "$c")
    [[ "$f" =~ ^[0-9]+$ ]] || continue
    if [[ -n "${TTV_TRINO_JAVA_HOME:-}" && "$c" == "$TTV_TRINO_JAVA_HOME" && "$f" -ge $MIN_FEATURE ]]; then
      echo "$c"; return 0
    fi
    if (( f >= MIN_FEATURE && f > best_f )); then best="$c"; best_f=$f; fi
  done
  if [[ -z "$best" ]]; then
    echo "no Java $MIN_FEATURE+ runtime found (looked at TTV_TRINO_JAVA_HOME, JAVA_HOME and ${TTV_JVM_DIR:-/usr/lib/jvm}/*);" \
      "Trino $VERSION needs Java 24.0.1 or newer" >&2
    return 3
  fi
  echo "$best"
}

install() {
  if [[ -f "$HOME_DIR/.complete" ]]; then
    echo "$HOME_DIR"; return 0
  fi
  mkdir -p "$CACHE"
  exec 9>"$CACHE/trino-install.lock"
  flock 9 # two test JVMs may ask at once
  if [[ -f "$HOME_DIR/.complete" ]]; then
    echo "$HOME_DIR"; return 0
  fi
  local tmp top tarball
  tmp=$(mktemp -d "$CACHE/trino-install.XXXXXX")
  trap 'rm -rf "$tmp"' RETURN
  echo "local-trino: first use: fetching io.trino:trino-server:$VERSION:tar.gz through Maven (about 820 MB, cached in ~/.m2)" >&2
  (cd "$tmp" && mvn -q -B -ntp dependency:copy "-Dartifact=io.trino:trino-server:$VERSION:tar.gz" -DoutputDirectory="$tmp" >&2)
  tarball="$tmp/trino-server-$VERSION.tar.gz"
  top="trino-server-$VERSION"
  # Keep the server's lib/ and the delta_lake plugin only (375 of 2,000 MB unpacked). The tarball stores
  # files shared between plugins as hard links to their first copy (often under plugin/bigquery), so those
  # first copies are extracted too and the other plugins' folders removed afterwards.
  tar tvzf "$tarball" "$top/plugin/delta-lake" | sed -n 's/.* link to //p' \
    | grep -v -E "^$top/(lib|plugin/delta-lake)/" | sort -u > "$tmp/link-targets"
  tar xzf "$tarball" -C "$tmp" "$top/lib" "$top/plugin/delta-lake" -T "$tmp/link-targets"
  find "$tmp/$top/plugin" -mindepth 1 -maxdepth 1 ! -name delta-lake -exec rm -rf {} +
  rm -f "$tarball"
  touch "$tmp/$top/.complete"
  rm -rf "$HOME_DIR"
  mv "$tmp/$top" "$HOME_DIR"
  echo "$HOME_DIR"
}

run() {
  local dir="$1" port="$2"
  shift 2
  local java home
  java=$(find_java)
  home=$(install)
  mkdir -p "$dir/etc/catalog"
  local f
  for f in "$@"; do cp "$f" "$dir/etc/catalog/"; done
  # One node that is coordinator and worker, on loopback only, with a heap that suits a 2-core CI machine.
  cat > "$dir/etc/config.properties" <<PROPS
node.environment=ttv_local
node.id=ttv-local-trino
node.bind-ip=127.0.0.1
node.internal-address=127.0.0.1
coordinator=true
node-scheduler.include-coordinator=true
http-server.http.port=$port
http-server.log.enabled=false
discovery.uri=http://127.0.0.1:$port
plugin.dir=$home/plugin
catalog.config-dir=$dir/etc/catalog
query.max-memory=512MB
query.max-memory-per-node=512MB
task.concurrency=2
PROPS
  printf 'io.trino=INFO\nio.airlift=WARN\n' > "$dir/etc/log.properties"
  # Trino needs at least 4,096 open files
  ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
  cd "$dir"
  # Start-up is what a test pays, not query speed: the C1 compiler alone and a class-data archive of Trino's
  # classes (written by the JVM at the first run's exit, beside the install) took the start from about 9 s
  # to about 5.5 s on a 2-core machine. A production Trino uses Trino's own jvm.config instead.
  exec "$java/bin/java" -server -XX:TieredStopAtLevel=1 -XX:+AutoCreateSharedArchive \
    "-XX:SharedArchiveFile=$home/cds-$(basename "$java").jsa" "-Xmx${TTV_TRINO_HEAP:-1G}" -XX:+UseG1GC -XX:G1HeapRegionSize=32M \
    -XX:+ExplicitGCInvokesConcurrent -XX:+ExitOnOutOfMemoryError -XX:-OmitStackTraceInFastThrow \
    -XX:ReservedCodeCacheSize=256M -XX:+EnableDynamicAgentLoading -Djdk.attach.allowAttachSelf=true \
    -Djdk.nio.maxCachedBufferSize=2000000 -Dfile.encoding=UTF-8 --enable-native-access=ALL-UNNAMED \
    "-Dconfig=$dir/etc/config.properties" "-Dlog.levels-file=$dir/etc/log.properties" \
    -cp "$home/lib/*" io.trino.server.TrinoServer
}

case "${1:-}" in
  java) find_java ;;
  install) install ;;
  run) [[ $# -ge 3 ]] || { echo "usage: $0 run DIR PORT [CATALOG.properties...]" >&2; exit 2; }; shift; run "$@" ;;
  *) sed -n '2,/^set -euo/{/^#/p}' "$0" >&2; exit 2 ;;
esac
