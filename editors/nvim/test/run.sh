#!/usr/bin/env bash
# Runs lsp_test.lua in headless Neovim against the built server. Usage: run.sh "<server command>"
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
server_cmd=${1:?usage: run.sh "<server command line>"}
vault=$(mktemp -d)
trap 'rm -rf "$vault"' EXIT
# The test loads the shipped configuration (notelsp-legacy.lua), not a setup of its own.
export VAULT="$vault" NOTELSP_CMD="$server_cmd" NOTELSP_CONFIG="$here/../notelsp-legacy.lua" \
    NOTELSP_SHOW_REFERENCES="$here/../show-references.lua"
# -u NONE: no user config; the test script sets up everything itself.
timeout 120 nvim --headless -u NONE -i NONE -n -c "luafile $here/lsp_test.lua" 2>&1
