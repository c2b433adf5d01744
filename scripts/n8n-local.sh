#!/usr/bin/env bash
# Runs a real n8n 2.41.1 (embedded SQLite, loopback only) with this package installed the way users
# install it: `npm pack`, then `npm install <tarball>` inside <user folder>/.n8n/nodes.
#
#   scripts/n8n-local.sh                install n8n (cached), build, pack, install, start in the foreground
#   scripts/n8n-local.sh --background   the same, detached; prints the pid file and log file
#   scripts/n8n-local.sh stop           stops the detached n8n (and the task runners it spawned)
#   scripts/n8n-local.sh status         says whether it runs and is ready
#   scripts/n8n-local.sh verify         checks a running n8n knows this package's node and credential types
#                                       (creates the local owner account if none exists yet)
#   scripts/n8n-local.sh prepare        install n8n, build, pack and install the package; don't start
#   scripts/n8n-local.sh n8n <args>     runs the n8n CLI on the same user folder (e.g. import:workflow)
#
# Everything lives in .n8n-local/ (git-ignored): runtime/ (the cached n8n), user/ (N8N_USER_FOLDER: SQLite
# database, encryption key, installed nodes), pkg/ (the packed tarball), n8n.pid and n8n.log.
# Environment: N8N_PORT (default 5678), N8N_LOG_LEVEL (default info), N8N_LOCAL_SKIP_BUILD=1 (pack the
# current dist/ without building), N8N_LOCAL_DB_TYPE (default sqlite; postgresdb with n8n's DB_POSTGRESDB_*),
# N8N_LOCAL_USER_FOLDER (another user folder; its pid and log files sit
# beside it), N8N_LOCAL_OWNER_EMAIL / N8N_LOCAL_OWNER_PASSWORD (the owner `verify` sets up and logs in as).
set -euo pipefail
project="$(cd "$(dirname "$0")/.." && pwd)"
local_dir="$project/.n8n-local"
runtime="$local_dir/runtime"
user_folder="${N8N_LOCAL_USER_FOLDER:-$local_dir/user}"
mkdir -p "$user_folder"
user_folder="$(cd "$user_folder" && pwd)"
state_dir="$(dirname "$user_folder")"
nodes_dir="$user_folder/.n8n/nodes"
pid_file="$state_dir/n8n.pid"
log_file="$state_dir/n8n.log"
port="${N8N_PORT:-5678}"
base_url="http://127.0.0.1:$port"
owner_email="${N8N_LOCAL_OWNER_EMAIL:-owner@n8n-local.test}"
owner_password="${N8N_LOCAL_OWNER_PASSWORD:-Local-owner-5678}"
package_name="$(node -p "require(process.argv[1]).name" "$project/package.json")"

log() { echo "n8n-local: $*"; }
die() { echo "n8n-local: $*" >&2; exit 1; }
[ -n "$package_name" ] || die "cannot read the package name from $project/package.json"

http_status() { curl -s -o /dev/null -w '%{http_code}' --max-time 3 "$base_url$1" 2>/dev/null || true; }
# /healthz answers as soon as the HTTP server listens; /healthz/readiness once the database is migrated.
ready() { [ "$(http_status /healthz/readiness)" = 200 ]; }

running_pid() {
	[ -f "$pid_file" ] || return 1
	local pid
	pid="$(cat "$pid_file")"
	if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then echo "$pid"; return 0; fi
	return 1
}

stop() {
	local pid
	if ! pid="$(running_pid)"; then
		rm -f "$pid_file"
		log "not running (no live pid in $pid_file)"
		return 0
	fi
	# Started with setsid, so n8n leads its own process group: signalling the group also ends its task runners.
	log "stopping n8n (pid $pid)"
	kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
	for _ in $(seq 1 60); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.5
	done
	if kill -0 "$pid" 2>/dev/null; then
		log "still running after 30 s, sending SIGKILL"
		kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
	fi
	rm -f "$pid_file"
	log "stopped"
}

status() {
	local pid
	if pid="$(running_pid)"; then
		if ready; then log "running (pid $pid), ready at http://localhost:$port"; else log "running (pid $pid), not ready yet"; fi
		return 0
	fi
	log "not running"
	return 1
}

# Build, pack and install the package into the user folder exactly as a user would.
install_package() {
	cd "$project"
	if [ "${N8N_LOCAL_SKIP_BUILD:-}" != "1" ]; then
		log "building the package (npm run build)"
		npm run build --silent > "$local_dir/build.log" 2>&1 || { cat "$local_dir/build.log" >&2; die "npm run build failed"; }
	fi
	[ -f "$project/dist/index.js" ] || die "no dist/ to pack; run npm run build"
	mkdir -p "$local_dir/pkg" "$nodes_dir"
	rm -f "$local_dir/pkg/"*.tgz
	local tgz
	tgz="$local_dir/pkg/$(npm pack --silent --pack-destination "$local_dir/pkg" | tail -n 1)"
	[ -f "$tgz" ] || die "npm pack produced no tarball"
	cd "$nodes_dir"
	# The manifest n8n itself keeps there for community packages.
	[ -f package.json ] || printf '{\n\t"name": "installed-nodes",\n\t"private": true,\n\t"dependencies": {}\n}\n' > package.json
	# A rebuilt tarball keeps its file name: drop the old copy and lock so npm unpacks the new content.
	rm -rf "node_modules/$package_name" package-lock.json
	# --legacy-peer-deps: don't install the n8n-workflow peer. n8n's own installer (Settings > Community Nodes)
	# strips peerDependencies too, and n8n puts its node_modules on NODE_PATH, so the package shares n8n's copy;
	# a second copy would break n8n's `instanceof NodeApiError` checks on errors the nodes throw.
	npm install "$tgz" --legacy-peer-deps --no-audit --no-fund --loglevel=error > /dev/null
	[ -f "node_modules/$package_name/package.json" ] || die "package not installed into $nodes_dir"
	log "installed $(basename "$tgz") into $nodes_dir/node_modules/$package_name"
	cd "$project"
}

prepare() {
	bash "$project/scripts/n8n-install.sh"
	install_package
}

n8n_env() {
	export PATH="$project/node_modules/.bin:$PATH"
	export N8N_USER_FOLDER="$user_folder"
	export N8N_LISTEN_ADDRESS=127.0.0.1
	export N8N_PORT="$port"
	export N8N_HOST=localhost
	export N8N_PROTOCOL=http
	export N8N_EDITOR_BASE_URL="http://localhost:$port"
	export WEBHOOK_URL="http://localhost:$port/"
	# SQLite unless N8N_LOCAL_DB_TYPE=postgresdb (with n8n's DB_POSTGRESDB_* settings): queue mode's tests use that.
	export DB_TYPE="${N8N_LOCAL_DB_TYPE:-sqlite}"
	export N8N_LOG_LEVEL="${N8N_LOG_LEVEL:-info}"
	# No calls home: telemetry, version checks and "what's new", templates, banners, personalization survey.
	export N8N_DIAGNOSTICS_ENABLED=false
	export N8N_VERSION_NOTIFICATIONS_ENABLED=false
	export N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED=false
	export N8N_TEMPLATES_ENABLED=false
	export N8N_DYNAMIC_BANNERS_ENABLED=false
	export N8N_HIRING_BANNER_ENABLED=false
	export N8N_PERSONALIZATION_ENABLED=false
	# The MCP server registry refreshes from api.n8n.io at start (and logs a stack trace when offline).
	export N8N_DISABLED_MODULES="${N8N_DISABLED_MODULES:-mcp-registry}"
	# Task runners are always on in n8n 2.x (internal mode, broker on loopback); N8N_RUNNERS_ENABLED is gone.
	# Their broker port follows N8N_PORT so two instances on different ports don't collide.
	export N8N_RUNNERS_BROKER_LISTEN_ADDRESS=127.0.0.1
	export N8N_RUNNERS_BROKER_PORT="${N8N_RUNNERS_BROKER_PORT:-$((port + 1))}"
	# The session cookie must work over plain http on localhost.
	export N8N_SECURE_COOKIE=false
	export N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS=true
}

wait_ready() {
	local pid="$1" deadline=$((SECONDS + ${N8N_LOCAL_START_TIMEOUT:-180}))
	while [ $SECONDS -lt $deadline ]; do
		if ready; then return 0; fi
		kill -0 "$pid" 2>/dev/null || return 1
		sleep 0.5
	done
	return 1
}

start() {
	local background="$1" pid
	if pid="$(running_pid)"; then die "already running (pid $pid); run: $0 stop"; fi
	[ "$(http_status /healthz)" = 000 ] || die "something already answers on port $port; set N8N_PORT or stop it"
	prepare
	n8n_env
	local n8n="$runtime/node_modules/.bin/n8n" t0=$SECONDS
	if [ "$background" = 1 ]; then
		: > "$log_file"
		setsid "$n8n" start >> "$log_file" 2>&1 < /dev/null &
		pid=$!
		echo "$pid" > "$pid_file"
		if ! wait_ready "$pid"; then
			tail -n 40 "$log_file" >&2 || true
			stop
			die "n8n did not become ready; log: $log_file"
		fi
		log "n8n is ready at http://localhost:$port ($((SECONDS - t0)) s after start)"
		log "pid file: $pid_file (pid $pid)"
		log "log file: $log_file"
		log "stop with: $0 stop"
		return 0
	fi
	# Foreground: n8n gets the terminal (Ctrl+C reaches it directly); a watcher announces readiness.
	(
		deadline=$((SECONDS + ${N8N_LOCAL_START_TIMEOUT:-180}))
		until ready; do
			[ $SECONDS -lt $deadline ] || exit 0
			sleep 0.5
		done
		log "n8n is ready at http://localhost:$port ($((SECONDS - t0)) s after start); Ctrl+C stops it"
	) &
	local watcher=$! rc=0
	"$n8n" start || rc=$?
	kill "$watcher" 2>/dev/null || true
	wait "$watcher" 2>/dev/null || true
	return "$rc"
}

# Logs in as the local owner (setting it up on a fresh instance) and checks the package's types are known.
verify() {
	ready || die "no ready n8n at $base_url (start it first)"
	local tmp body
	tmp="$(mktemp -d)"
	# shellcheck disable=SC2064
	trap "rm -rf '$tmp'" EXIT
	local jar="$tmp/cookies" nodes="$tmp/nodes.json" creds="$tmp/credentials.json"
	if curl -fsS "$base_url/rest/settings" | grep -q '"showSetupOnFirstLoad":true'; then
		body="$(printf '{"email":"%s","firstName":"Local","lastName":"Owner","password":"%s"}' "$owner_email" "$owner_password")"
		curl -fsS -o /dev/null -c "$jar" -H 'content-type: application/json' -d "$body" "$base_url/rest/owner/setup" \
			|| die "owner setup failed"
		log "set up the owner account $owner_email / $owner_password"
	else
		body="$(printf '{"emailOrLdapLoginId":"%s","password":"%s"}' "$owner_email" "$owner_password")"
		curl -fsS -o /dev/null -c "$jar" -H 'content-type: application/json' -d "$body" "$base_url/rest/login" \
			|| die "login as $owner_email failed (set N8N_LOCAL_OWNER_EMAIL / N8N_LOCAL_OWNER_PASSWORD)"
	fi
	curl -fsS -b "$jar" -o "$nodes" "$base_url/types/nodes.json" || die "GET /types/nodes.json failed"
	curl -fsS -b "$jar" -o "$creds" "$base_url/types/credentials.json" || die "GET /types/credentials.json failed"
	PATH="$project/node_modules/.bin:$PATH" node - "$project/package.json" "$nodes" "$creds" <<'JS'
const fs = require('node:fs');
const path = require('node:path');
const [pkgFile, nodesFile, credsFile] = process.argv.slice(2);
const pkg = JSON.parse(fs.readFileSync(pkgFile, 'utf8'));
const root = path.dirname(pkgFile);
// The expected names come from the built files the package lists, so the check follows the package.
const expectedNodes = pkg.n8n.nodes.map((f) => `${pkg.name}.${new (Object.values(require(path.join(root, f)))[0])().description.name}`);
const expectedCreds = pkg.n8n.credentials.map((f) => new (Object.values(require(path.join(root, f)))[0])().name);
const nodes = new Set(JSON.parse(fs.readFileSync(nodesFile, 'utf8')).map((n) => n.name));
const creds = new Set(JSON.parse(fs.readFileSync(credsFile, 'utf8')).map((c) => c.name));
const missing = [...expectedNodes.filter((n) => !nodes.has(n)), ...expectedCreds.filter((c) => !creds.has(c))];
for (const n of expectedNodes) console.log(`n8n-local: node type ${nodes.has(n) ? 'known' : 'MISSING'}: ${n}`);
for (const c of expectedCreds) console.log(`n8n-local: credential type ${creds.has(c) ? 'known' : 'MISSING'}: ${c}`);
process.exit(missing.length ? 1 : 0);
JS
	if [ -f "$log_file" ] && grep -q "Loaded all credentials and nodes from $package_name" "$log_file"; then
		log "log: $(grep -o "Loaded all credentials and nodes from $package_name[^}]*}" "$log_file" | sed 's/\x1b\[[0-9;]*m//g' | tail -n 1)"
	fi
	log "verified: $package_name is loaded by n8n at http://localhost:$port"
}

background=0
command=start
case "${1:-}" in
	n8n)
		shift
		n8n_env
		exec "$runtime/node_modules/.bin/n8n" "$@"
		;;
esac
for arg in "$@"; do
	case "$arg" in
		--background | -b) background=1 ;;
		start | stop | status | verify | prepare) command="$arg" ;;
		-h | --help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
		*) die "unknown argument: $arg (see --help)" ;;
	esac
done
case "$command" in
	start) start "$background" ;;
	stop) stop ;;
	status) status ;;
	verify) verify ;;
	prepare) prepare ;;
esac
