#!/usr/bin/env bash
# Prepares what the benchmark needs besides the project's own dependencies:
#  - n8n's node package (.peer/n8n-nodes-base, unpacked without its dependency tree by scripts/fetch-peer.sh);
#  - the few modules its HTTP Request node requires that n8n-core / n8n-workflow do not already bring
#    (all four are required at load time by HttpRequest/shared/optimizeResponse.js), installed into
#    bench/.deps only: never into the project's package.json. Versions are the ones n8n-nodes-base@2.41.1 pins.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/fetch-peer.sh

deps_dir="bench/.deps"
manifest='{
  "name": "n8n-nodes-api-connections-bench-deps",
  "private": true,
  "description": "Modules n8n-nodes-base@2.41.1 HTTP Request node needs that the project does not install (bench only)",
  "dependencies": {
    "@mozilla/readability": "0.6.0",
    "cheerio": "1.1.0",
    "html-to-text": "9.0.5",
    "jsdom": "23.0.1"
  }
}'
mkdir -p "$deps_dir"
# Reinstall only when the list changed or a module is missing.
if [ -f "$deps_dir/package.json" ] && [ "$(cat "$deps_dir/package.json")" = "$manifest" ] \
	&& [ -d "$deps_dir/node_modules/jsdom" ] && [ -d "$deps_dir/node_modules/cheerio" ] \
	&& [ -d "$deps_dir/node_modules/html-to-text" ] && [ -d "$deps_dir/node_modules/@mozilla/readability" ]; then
	exit 0
fi
printf '%s\n' "$manifest" > "$deps_dir/package.json"
(cd "$deps_dir" && npm install --no-save --no-package-lock --ignore-scripts --no-audit --no-fund --loglevel=error)
echo "installed the HTTP Request node's missing modules into $deps_dir"
