#!/usr/bin/env bash
# Runs lsp_test.lua in headless Neovim against the built server. Usage: run.sh "<server command>"
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
server_cmd=${1:?usage: run.sh "<server command line>"}
vault=$(mktemp -d)
trap 'rm -rf "$vault"' EXIT
export VAULT="$vault" NOTELSP_CMD="$server_cmd"
# -u NONE: no user config; the test script sets up everything itself.
timeout 120 nvim --headless -u NONE -i NONE -n -c "luafile $here/lsp_test.lua" 2>&1
