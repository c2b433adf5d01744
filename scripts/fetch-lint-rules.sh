#!/usr/bin/env bash
# Installs n8n's eslint-plugin-n8n-nodes-base (the rule sets `n8n-node lint` and n8n's community-package scanner
# apply) into .peer/n8n-lint from the lockfile in scripts/n8n-lint, with --ignore-scripts: the plugin's
# `preinstall` (`npx only-allow pnpm`) fails under npm, so it cannot be a devDependency. Nothing of it is vendored.
set -euo pipefail
cd "$(dirname "$0")/.."
src="scripts/n8n-lint"
dest=".peer/n8n-lint"
if [ -f "$dest/node_modules/eslint-plugin-n8n-nodes-base/package.json" ] && cmp -s "$src/package-lock.json" "$dest/package-lock.json"; then exit 0; fi
rm -rf "$dest" && mkdir -p "$dest"
cp "$src/package.json" "$src/package-lock.json" "$dest/"
(cd "$dest" && npm ci --ignore-scripts --no-audit --no-fund --silent)
echo "installed eslint-plugin-n8n-nodes-base into $dest"
