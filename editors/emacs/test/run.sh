#!/usr/bin/env bash
# Runs eglot-test.el in `emacs --batch` (Debian's Emacs 28 + elpa-eglot 1.9 + markdown-mode) against the
# built server. Usage: run.sh "<server command line>"
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
server_cmd=${1:?usage: run.sh "<server command line>"}
vault=$(mktemp -d)
trap 'rm -rf "$vault"' EXIT
export VAULT="$vault" NOTELSP_CMD="$server_cmd"
timeout 180 emacs --batch -Q -l "$here/eglot-test.el" 2>&1
