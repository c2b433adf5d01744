#!/usr/bin/env bash
# Unpacks n8n's own node package (the same version n8n 2.41.1 ships) into .peer/ without installing its
# dependency tree (which builds native addons such as Kafka). Tests read its published credential list
# and OAuth2 base credential from there; the benchmark runs its HTTP Request node.
set -euo pipefail
cd "$(dirname "$0")/.."
version="2.41.1"
dest=".peer/n8n-nodes-base"
if [ -f "$dest/package.json" ] && grep -q "\"version\": \"$version\"" "$dest/package.json"; then exit 0; fi
rm -rf "$dest" && mkdir -p .peer
tgz=$(cd .peer && npm pack --silent "n8n-nodes-base@$version")
mkdir -p "$dest" && tar -xzf ".peer/$tgz" -C "$dest" --strip-components=1 && rm ".peer/$tgz"
echo "unpacked n8n-nodes-base@$version into $dest"
