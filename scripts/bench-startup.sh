#!/usr/bin/env bash
# Size and start-up of a `notelsp` program: its size on disk, and the median wall time of 5 runs each of
# `notelsp --version` and of an LSP initialize round trip (start → initialize result; then shutdown and exit, on an
# empty folder).
#
#   bash scripts/bench-startup.sh path/to/notelsp [label]
#
# docs/benchmarks.md ("Release builds") has the figures and the publish commands of each build measured.
set -euo pipefail
program=${1:?usage: bash scripts/bench-startup.sh path/to/notelsp [label]}
label=${2:-$program}
runs=5
folder=$(mktemp -d)
trap 'rm -rf "$folder"' EXIT


# Milliseconds of one `notelsp --version`.
version_once() {
    local start end
    start=$(date +%s%N)
    "$program" --version >/dev/null
    end=$(date +%s%N)
    echo $(((end - start) / 1000000))
}
median() { sort -n | sed -n "$(((runs + 1) / 2))p"; }

version_ms=$(for _ in $(seq $runs); do version_once; done | median)
# Milliseconds from start to the initialize result, then shutdown and exit (the process must end with status 0).
init_ms=$(python3 - "$program" "$folder" "$runs" <<'PY'
import json, subprocess, sys, time
program, folder, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
def send(p, message):
    body = json.dumps(message).encode()
    p.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    p.stdin.flush()
def receive(p, id):
    while True:
        length = 0
        while (line := p.stdout.readline().strip()):
            if line.lower().startswith(b"content-length:"): length = int(line.split(b":")[1])
        if length == 0: raise SystemExit("the server closed its output")
        message = json.loads(p.stdout.read(length))
        if message.get("id") == id and "method" not in message: return message
times = []
uri = "file://" + folder
for _ in range(runs):
    start = time.perf_counter()
    p = subprocess.Popen([program], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    send(p, {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"processId": None, "rootUri": uri, "capabilities": {}, "workspaceFolders": [{"uri": uri, "name": "v"}]}})
    assert "result" in receive(p, 1)
    times.append((time.perf_counter() - start) * 1000)
    send(p, {"jsonrpc": "2.0", "method": "initialized", "params": {}})
    send(p, {"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
    receive(p, 2)
    send(p, {"jsonrpc": "2.0", "method": "exit"})
    if p.wait(10) != 0: raise SystemExit(f"exit status {p.returncode}")
print(round(sorted(times)[len(times) // 2]))
PY
)
size_kib=$(du -k "$program" | cut -f1)
printf '| %s | %s MiB | %s ms | %s ms |\n' "$label" "$(awk "BEGIN { printf \"%.1f\", $size_kib / 1024 }")" "$version_ms" "$init_ms"
