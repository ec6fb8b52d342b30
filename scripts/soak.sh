#!/usr/bin/env bash
# The soak (not part of `dotnet test`): 1,000 didChange per second for 60 s on one open note of a generated
# 10,000-note vault, completion and definition interleaved and cancelled at random, against the real server.
# Usage: scripts/soak.sh [--notes N] [--seconds S] [--rate R] [--seed SEED]
# Prints requests answered, errors, latency percentiles, server memory and whether any edit was lost; exit 1 if so.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build tests/NoteLsp.Soak -c Release -v q -nologo >/dev/null
exec dotnet tests/NoteLsp.Soak/bin/Release/net10.0/NoteLsp.Soak.dll "$@"
