#!/usr/bin/env bash
# Installs code-server (VS Code 1.100.3 for the browser) from the npm registry into a cache outside the
# repo, replaying by hand the postinstall steps that would download binaries from the internet.
# Idempotent: a finished install is marked with .ready and reused.
set -euo pipefail
VERSION=4.100.3
DIR="${UPGRADE_INSPECTOR_CS_DIR:-$HOME/.cache/upgrade-inspector/code-server-$VERSION}"
if [ -f "$DIR/.ready" ]; then echo "$DIR"; exit 0; fi
need=()
command -v rg >/dev/null || need+=(ripgrep)
command -v chromium >/dev/null || need+=(chromium)
[ -f /usr/include/krb5.h ] || [ -f /usr/include/gssapi/gssapi.h ] || need+=(libkrb5-dev)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >&2
fi
rm -rf "$DIR"; mkdir -p "$DIR"; cd "$DIR"
export npm_config_yes=true
echo '{"name":"cs-host","private":true}' > package.json
npm install --no-audit --no-fund --ignore-scripts "code-server@$VERSION" >&2
npm rebuild argon2 >&2
cd node_modules/code-server/lib/vscode
npm install --no-audit --no-fund --omit=dev --ignore-scripts >&2
mkdir -p node_modules/@vscode/ripgrep/bin
cp "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
npm rebuild >&2
ln -sfn node_modules node_modules.asar
(cd extensions && npm install --no-audit --no-fund --omit=dev >&2)
touch "$DIR/.ready"
echo "$DIR"
