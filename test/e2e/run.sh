#!/usr/bin/env bash
# The real-n8n end-to-end suite (`npm run test:e2e`; not part of Jest).
#
# 1. installs n8n 2.41.1 once into .n8n-local/runtime (cached; ~5 min on a clean machine),
# 2. builds this package, packs it with `npm pack` and installs the tarball into a fresh user folder
#    .e2e/n8n/user/.n8n/nodes, as users install community packages,
# 3. compiles test/e2e/*.ts into .e2e/build and runs it with Node 24's test runner: one n8n server on
#    127.0.0.1 (free ports), n8n's CLI, its REST API, loopback fakes of the APIs and an OAuth2 provider.
#
#   bash test/e2e/run.sh                     the whole suite
#   bash test/e2e/run.sh --test-name-pattern=OAuth2     only some tests (node:test options pass through)
#   N8N_LOCAL_SKIP_BUILD=1 bash test/e2e/run.sh         pack the current dist/ without building
#
# Leaves nothing running: the suite ends the server's process group itself, and the trap below ends it
# too if the suite was killed. On failure it prints where the server log and the CLI outputs are.
# Timings on this project's 2-core machines: about 21 min warm for the whole suite (the editor opens each of the
# ~60 nodes in Chromium, ~6 s each; every service runs against its fake; queue mode ~1.5 min: its own n8n, two
# workers, and n8n's 30 s wait for a killed worker's jobs), plus ~5 min cold (n8n install with a warm npm cache).
# E2E_TIMEOUT (default 2700 s) bounds the suite itself: far above a normal run, inside CI's 90 minutes.
#
# Found while building it, on n8n 2.41.1 (see test/e2e/suite.ts):
# - The CLI can run beside the server on the same SQLite user folder, but each CLI run needs a task-runner
#   broker port of its own (N8N_RUNNERS_BROKER_PORT), or it collides with the server's.
# - Activation over REST is `POST /rest/workflows/:id/activate` with `{ versionId }` (from GET
#   /rest/workflows/:id); the webhook answers 404 "not registered" for a moment after the 200.
# - The CLI sometimes dies of SIGSEGV while exiting, after printing its complete result (isolated-vm, the
#   default "vm" expression engine, on Node 24); the suite accepts that only after complete output.
# - /rest/oauth2-credential/callback needs the session cookie of the user who started the flow; the
#   redirect URI is built from N8N_EDITOR_BASE_URL (http://localhost:<port>).
# - GET /rest/executions/:id returns the run data as a `flatted` string (n8n's own `flatted` parses it).
# - Activation and deactivation are applied in the background (the "workflow publication outbox"): the
#   trigger's create/delete hooks run after the REST answer, and the production URL may answer (401) before
#   a hook that needs two requests (Facebook Pages: Page token, then subscribe) is done. The suite waits for
#   the requests at the fakes.
# - Service nodes reach the loopback fakes through the engine's N8N_API_CONNECTIONS_ORIGIN_MAP, set for the
#   server and every CLI run (support/n8n.ts `env`).
# - Queue mode (queue.ts: `n8n start` + two `n8n worker`, EXECUTIONS_MODE=queue, a real redis-server): n8n
#   accepts SQLite there with a warning ("Scaling mode is not officially supported with sqlite"), but three
#   processes writing at once fail deliveries with SQLITE_BUSY, so it runs on a throwaway PostgreSQL
#   (Debian's postgresql; initdb refuses root, so as root it runs as the postgres user). A worker is ready
#   when it logs "n8n worker is now ready".
# - n8n 2.41.1 runs Bull with maxStalledCount 0 (QUEUE_WORKER_MAX_STALLED_COUNT is gone): the jobs of a
#   killed worker are never run again. Once their lease (QUEUE_WORKER_LOCK_DURATION) has run out, the main
#   process waits 30 s for them to finish anyway, then fails each execution as a whole with "This execution
#   failed to be processed too many times and will no longer retry. …".
# - A GET to a POST-only production webhook answers 404 "…not registered for GET requests. Did you mean to
#   make a POST request?" once it is registered (before: "The requested webhook … is not registered").
set -euo pipefail
project="$(cd "$(dirname "$0")/../.." && pwd)"
work="$project/.e2e/n8n"
export PATH="$project/node_modules/.bin:$PATH"
t0=$SECONDS

pid_file="$work/n8n.pid"
cleanup() {
	local rc=$?
	if [ -f "$pid_file" ]; then
		local pid
		pid="$(cat "$pid_file")"
		if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
			echo "e2e: ending the n8n server left running (process group $pid)"
			kill -KILL -- "-$pid" 2>/dev/null || true
		fi
		rm -f "$pid_file"
	fi
	if [ "$rc" != 0 ]; then
		[ "$rc" = 124 ] && echo "e2e: the suite ran longer than E2E_TIMEOUT (${E2E_TIMEOUT:-2700} s) and was stopped" >&2
		echo "e2e: FAILED (exit $rc) after $((SECONDS - t0)) s" >&2
		if [ -f "$work/n8n.log" ]; then
			echo "e2e: server log: $work/n8n.log (last lines below); CLI outputs: $work/cli-*.log" >&2
			tail -n 30 "$work/n8n.log" | sed 's/\x1b\[[0-9;]*m//g' >&2 || true
		fi
	fi
	exit "$rc"
}
trap cleanup EXIT

# The editor test (test/e2e/editor.ts) drives Debian's chromium with playwright-core (pinned, installed into
# .e2e/deps, not a dependency of the package); both are installed here when missing.
PLAYWRIGHT_CORE_VERSION=1.57.0
chromium="${CHROMIUM:-$(command -v chromium || true)}"
if [ -z "$chromium" ]; then
	if [ "$(id -u)" = 0 ]; then
		echo "e2e: installing Debian's chromium for the editor test"
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium > /dev/null
		chromium="$(command -v chromium)"
	else
		echo "e2e: the editor test needs chromium (apt-get install chromium)" >&2
		exit 1
	fi
fi
export CHROMIUM="$chromium"
deps="$project/.e2e/deps"
if [ "$(node -p "try { require('$deps/node_modules/playwright-core/package.json').version } catch { '' }")" != "$PLAYWRIGHT_CORE_VERSION" ]; then
	echo "e2e: installing playwright-core@$PLAYWRIGHT_CORE_VERSION into .e2e/deps"
	mkdir -p "$deps"
	[ -f "$deps/package.json" ] || echo '{ "private": true }' > "$deps/package.json"
	npm install --prefix "$deps" --no-audit --no-fund --loglevel=error --save-exact "playwright-core@$PLAYWRIGHT_CORE_VERSION" > /dev/null
fi

# A fresh user folder each run: a new SQLite database, so ids and execution counts are exact.
rm -rf "$work"
mkdir -p "$work"
N8N_LOCAL_USER_FOLDER="$work/user" bash "$project/scripts/n8n-local.sh" prepare
t_prepare=$SECONDS

rm -rf "$project/.e2e/build"
tsc -p "$project/test/e2e/tsconfig.json"
echo "e2e: n8n installed, package built and installed in $((t_prepare - t0)) s; suite compiled in $((SECONDS - t_prepare)) s"

# A bound on the whole suite: a hang becomes a failure.
E2E_PROJECT="$project" E2E_WORK="$work" timeout --signal=TERM --kill-after=30 "${E2E_TIMEOUT:-2700}" \
	node --enable-source-maps --test-reporter=spec "$@" "$project/.e2e/build/suite.js"
echo "e2e: PASS in $((SECONDS - t0)) s"
