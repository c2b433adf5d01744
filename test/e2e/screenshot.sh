#!/usr/bin/env bash
# Takes docs/n8n-canvas.png for the README: a real n8n with this package installed (as run.sh does, in
# .e2e/screenshot/), a workflow of its nodes opened in the editor in headless Chromium, signed in
# through the sign-in form. Not part of the test run.
#
#   bash test/e2e/screenshot.sh              (N8N_LOCAL_SKIP_BUILD=1 packs the current dist/)
#
# Needs Debian's chromium (installed here with apt-get when missing and running as root) and
# playwright-core, installed into .e2e/deps (not a dependency of the package).
set -euo pipefail
project="$(cd "$(dirname "$0")/../.." && pwd)"
work="$project/.e2e/screenshot"
export PATH="$project/node_modules/.bin:$PATH"

chromium="${CHROMIUM:-$(command -v chromium || true)}"
if [ -z "$chromium" ]; then
	if [ "$(id -u)" = 0 ]; then
		echo "screenshot: installing Debian's chromium"
		apt-get update -qq && apt-get install -y -qq chromium > /dev/null
		chromium="$(command -v chromium)"
	else
		echo "screenshot: needs chromium (apt-get install chromium)" >&2
		exit 1
	fi
fi
if [ ! -f "$project/.e2e/deps/node_modules/playwright-core/package.json" ]; then
	echo "screenshot: installing playwright-core into .e2e/deps"
	mkdir -p "$project/.e2e/deps"
	[ -f "$project/.e2e/deps/package.json" ] || echo '{ "private": true }' > "$project/.e2e/deps/package.json"
	npm install --prefix "$project/.e2e/deps" --no-audit --no-fund --loglevel=error playwright-core > /dev/null
fi

pid_file="$work/n8n.pid"
cleanup() {
	if [ -f "$pid_file" ]; then
		local pid
		pid="$(cat "$pid_file")"
		if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill -KILL -- "-$pid" 2>/dev/null || true; fi
		rm -f "$pid_file"
	fi
}
trap cleanup EXIT

rm -rf "$work"
mkdir -p "$work"
N8N_LOCAL_USER_FOLDER="$work/user" bash "$project/scripts/n8n-local.sh" prepare
rm -rf "$project/.e2e/build"
tsc -p "$project/test/e2e/tsconfig.json"
CHROMIUM="$chromium" E2E_PROJECT="$project" E2E_WORK="$work" node --enable-source-maps "$project/.e2e/build/screenshot.js"

# The panels of every node and an error panel (docs/screenshots/), taken by the suite's editor test.
E2E_UPDATE_SCREENSHOTS=1 N8N_LOCAL_SKIP_BUILD=1 bash "$project/test/e2e/run.sh" --test-name-pattern="editor in a real browser"
