#!/usr/bin/env bash
# The end-to-end benchmark in one command: publish notelsp (Release, framework-dependent), build the driver,
# generate the vaults (or reuse them), run the driver on each size, time `notelsp check` on each vault, print
# the tables. See docs/benchmarks.md for what each figure means.
#
#   scripts/bench-e2e.sh [--vaults DIR] [--notes 1000,10000,100000] [--runs N] [--r2r] [--no-check] [-- DRIVER ARGS...]
#
#   --vaults DIR  where the vaults, the published server, the logs and the JSON summaries go
#                 (default: a new temporary folder); vaults already there with the same size and seed are reused
#   --notes LIST  vault sizes (default 1000,10000,100000; 100,000 notes is about 630 MB on disk)
#   --runs N      runs of the driver per size (default 2)
#   --r2r         also publish a self-contained single-file ReadyToRun notelsp and measure its start-up and the
#                 smallest vault with it (the first such publish takes about 2 minutes)
#   --no-check    skip timing `notelsp check`
#   after --       passed to the driver as is, e.g. -- --env DOTNET_gcServer=1
# Exit status: 0 when every answer was right, 1 when the driver found a wrong answer or a step failed.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

vaults=""
notes="1000,10000,100000"
runs=2
r2r=0
check=1
driver_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --vaults) vaults="$2"; shift 2 ;;
    --notes) notes="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --r2r) r2r=1; shift ;;
    --no-check) check=0; shift ;;
    --) shift; driver_args=("$@"); break ;;
    -h|--help) sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
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
echo "== driver: $notes notes, $runs run(s) each"
"${driver[@]}" --server "$publish/fdd/notelsp" --vaults "$vaults" --notes "$notes" --runs "$runs" --startup-runs 5 \
  --json "$vaults/results-fdd.json" ${driver_args[@]+"${driver_args[@]}"} || status=$?

if [ "$r2r" -eq 1 ]; then
  echo "== publishing notelsp (self-contained single file, ReadyToRun) to $publish/r2r"
  dotnet publish src/NoteLsp.Cli -c Release -r linux-x64 --self-contained -p:PublishSingleFile=true -p:PublishReadyToRun=true \
    -o "$publish/r2r" -nologo -v quiet
  smallest="${notes%%,*}"
  "${driver[@]}" --server "$publish/r2r/notelsp" --vaults "$vaults" --notes "$smallest" --runs 1 --startup-runs 5 \
    --label "ReadyToRun single file" --json "$vaults/results-r2r.json" ${driver_args[@]+"${driver_args[@]}"} || status=$?
fi

if [ "$check" -eq 1 ]; then
  echo
  echo "== notelsp check (exit 1 expected: the vaults have planted errors)"
  echo "| vault | wall time (s) | CPU time, user + system (s) | peak RSS (MiB) | exit |"
  echo "|---|---|---|---|---|"
  for n in ${notes//,/ }; do
    vault="$vaults/vault-$n"
    [ -d "$vault" ] || continue
    if [ -x /usr/bin/time ]; then
      set +e
      /usr/bin/time -f '%e %M %U %S' -o "$vaults/check-$n.time" "$publish/fdd/notelsp" check "$vault" > "$vaults/check-$n.txt" 2> "$vaults/check-$n.err"
      code=$?
      set -e
      read -r wall rss user system < <(tail -n 1 "$vaults/check-$n.time")
      echo "| $n notes | $wall | $(awk "BEGIN { print $user + $system }") | $((rss / 1024)) | $code |"
    else
      start=$(date +%s.%N)
      set +e
      "$publish/fdd/notelsp" check "$vault" > "$vaults/check-$n.txt" 2> "$vaults/check-$n.err"
      code=$?
      set -e
      echo "| $n notes | $(awk "BEGIN { print $(date +%s.%N) - $start }") | (no /usr/bin/time) | | $code |"
    fi
  done
fi

echo
echo "Vaults, logs and JSON summaries: $vaults"
exit "$status"
