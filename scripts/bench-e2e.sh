#!/usr/bin/env bash
# The end-to-end benchmark in one command: publish notelsp (Release, framework-dependent), build the driver,
# generate the vaults (or reuse them), run the driver on each size (a cold start, then a warm one with the cache
# the cold run left), time `notelsp check` on each vault (cold and warm too), print the tables. See
# docs/benchmarks.md for what each figure means.
#
#   scripts/bench-e2e.sh [--vaults DIR] [--notes 1000,10000,100000] [--runs N] [--base SERVER] [--r2r] [--no-check] [-- DRIVER ARGS...]
#
#   --vaults DIR  where the vaults, the published server, the logs and the JSON summaries go
#                 (default: a new temporary folder); vaults already there with the same size and seed are reused
#   --notes LIST  vault sizes (default 1000,10000,100000; 100,000 notes is about 630 MB on disk)
#   --runs N      runs of the driver per size (default 2)
#   --base SERVER another published notelsp (e.g. the last release) measured in the same run, taking turns with
#                 this one on each size: one table with base and new side by side, check rows for both
#   --r2r         also publish a self-contained single-file ReadyToRun notelsp and measure its start-up and the
#                 smallest vault with it (the first such publish takes about 2 minutes)
#   --no-check    skip timing `notelsp check`
#   after --       passed to the driver as is, e.g. -- --env DOTNET_gcServer=1
# Every server and check gets a private cache dir under DIR (NOTELSP_CACHE_DIR and XDG_CACHE_HOME), emptied
# before the cold start: the user's own cache is never used.
# Exit status: 0 when every answer was right, 1 when the driver found a wrong answer or a step failed.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

vaults=""
notes="1000,10000,100000"
runs=2
r2r=0
check=1
base=""
driver_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --vaults) vaults="$2"; shift 2 ;;
    --notes) notes="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --base) base="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"; shift 2 ;;
    --r2r) r2r=1; shift ;;
    --no-check) check=0; shift ;;
    --) shift; driver_args=("$@"); break ;;
    -h|--help) sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done
if [ -z "$vaults" ]; then
  vaults="$(mktemp -d "${TMPDIR:-/tmp}/notelsp-e2e.XXXXXX")"
fi
mkdir -p "$vaults"
vaults="$(cd "$vaults" && pwd)"
publish="$vaults/publish"

echo "== machine: $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GB memory; commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
echo "== publishing notelsp (Release, framework-dependent) to $publish/fdd"
dotnet publish src/NoteLsp.Cli -c Release -o "$publish/fdd" -nologo -v quiet
echo "== building the driver"
dotnet build benchmarks/NoteLsp.EndToEnd -c Release -nologo -v quiet
driver=(dotnet "$PWD/benchmarks/NoteLsp.EndToEnd/bin/Release/net10.0/NoteLsp.EndToEnd.dll")

status=0
base_args=()
if [ -n "$base" ]; then
  [ -x "$base" ] || { echo "no server at $base" >&2; exit 2; }
  base_args=(--base "$base" --base-label base --label new)
fi
echo "== driver: $notes notes, $runs run(s) each${base:+, base $base}"
"${driver[@]}" --server "$publish/fdd/notelsp" --vaults "$vaults" --notes "$notes" --runs "$runs" --startup-runs 5 \
  --json "$vaults/results-fdd.json" ${base_args[@]+"${base_args[@]}"} ${driver_args[@]+"${driver_args[@]}"} || status=$?

if [ "$r2r" -eq 1 ]; then
  echo "== publishing notelsp (self-contained single file, ReadyToRun) to $publish/r2r"
  dotnet publish src/NoteLsp.Cli -c Release -r linux-x64 --self-contained -p:PublishSingleFile=true -p:PublishReadyToRun=true \
    -o "$publish/r2r" -nologo -v quiet
  smallest="${notes%%,*}"
  "${driver[@]}" --server "$publish/r2r/notelsp" --vaults "$vaults" --notes "$smallest" --runs 1 --startup-runs 5 \
    --label "ReadyToRun single file" --json "$vaults/results-r2r.json" ${driver_args[@]+"${driver_args[@]}"} || status=$?
fi

# One `notelsp check` of a vault with the given cache dir: prints a table row.
check_row() {
  local name="$1" server="$2" n="$3" start="$4" cache="$5"
  local vault="$vaults/vault-$n" out="$vaults/check-$name-$n-$start"
  local args=(check "$vault")
  # A check that knows --cache-dir is told it too; one without a cache (the baseline) runs as it always did.
  if "$server" check --help 2>&1 | grep -q -- '--cache-dir'; then args+=(--cache-dir "$cache"); fi
  local code
  if [ -x /usr/bin/time ]; then
    set +e
    NOTELSP_CACHE_DIR="$cache" XDG_CACHE_HOME="$cache" /usr/bin/time -f '%e %M %U %S' -o "$out.time" "$server" "${args[@]}" > "$out.txt" 2> "$out.err"
    code=$?
    set -e
    read -r wall rss user system < <(tail -n 1 "$out.time")
    echo "| $n notes | $name | $start | $wall | $(awk "BEGIN { print $user + $system }") | $((rss / 1024)) | $(du -sb "$cache" | awk '{ printf "%.1f", $1 / 1048576 }') | $code |"
  else
    local t0
    t0=$(date +%s.%N)
    set +e
    NOTELSP_CACHE_DIR="$cache" XDG_CACHE_HOME="$cache" "$server" "${args[@]}" > "$out.txt" 2> "$out.err"
    code=$?
    set -e
    echo "| $n notes | $name | $start | $(awk "BEGIN { print $(date +%s.%N) - $t0 }") | (no /usr/bin/time) | | $(du -sb "$cache" | awk '{ printf "%.1f", $1 / 1048576 }') | $code |"
  fi
}

if [ "$check" -eq 1 ]; then
  echo
  echo "== notelsp check (exit 1 expected: the vaults have planted errors); cold: empty cache dir, warm: the same check again"
  echo "| vault | server | start | wall time (s) | CPU time, user + system (s) | peak RSS (MiB) | cache dir after (MiB) | exit |"
  echo "|---|---|---|---|---|---|---|---|"
  servers=("new=$publish/fdd/notelsp")
  [ -n "$base" ] && servers=("base=$base" "${servers[@]}")
  for n in ${notes//,/ }; do
    [ -d "$vaults/vault-$n" ] || continue
    for start in cold warm; do
      for entry in "${servers[@]}"; do
        name="${entry%%=*}"
        cache="$vaults/cache-check-$name-$n-$$"
        if [ "$start" = cold ]; then rm -rf "$cache"; mkdir -p "$cache"; fi
        check_row "$name" "${entry#*=}" "$n" "$start" "$cache"
      done
    done
    for entry in "${servers[@]}"; do rm -rf "$vaults/cache-check-${entry%%=*}-$n-$$"; done
  done
fi

echo
echo "Vaults, logs and JSON summaries: $vaults"
exit "$status"
