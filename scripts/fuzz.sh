#!/usr/bin/env bash
# Fuzz the parser, the diagnostics and features, didChange sequences against the server, and the lean scanner against
# Markdig (tests/NoteLsp.Fuzz/LeanProperties.cs) for a chosen time.
# Usage: scripts/fuzz.sh [SECONDS] [SEED]   (default 120 s; a seed from a failure report replays that run)
# Exit status 1 when a property failed; the report shows the shrunk input and the seed.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-120}"
seed="${2:-}"
dotnet build tests/NoteLsp.Fuzz -c Release -v q -nologo >/dev/null
args=(--seconds "$seconds")
[ -n "$seed" ] && args+=(--seed "$seed")
exec dotnet tests/NoteLsp.Fuzz/bin/Release/net10.0/NoteLsp.Fuzz.dll "${args[@]}"
