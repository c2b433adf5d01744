#!/usr/bin/env bash
# Starts a real n8n 2.41.1 (embedded SQLite, loopback only) with this package installed the way users
# install it: `npm pack`, then `npm install <tarball>` inside <user folder>/.n8n/nodes.
#
#   scripts/n8n-local.sh                 install (cached), build, pack, install, start in the foreground
#   scripts/n8n-local.sh --background    same, detached; prints the pid file and log file
#   scripts/n8n-local.sh stop            stops the detached n8n
#   scripts/n8n-local.sh status          says whether it runs and answers /healthz
#
# Everything lives in .n8n-local/ (git-ignored): runtime/ (the cached n8n install), user/ (N8N_USER_FOLDER:
# SQLite database, encryption key, installed nodes), pkg/ (the packed tarball), n8n.pid, n8n.log.
# Environment: N8N_PORT (default 5678), N8N_LOG_LEVEL (default info), N8N_LOCAL_SKIP_BUILD=1 to reuse dist/.
set -euo pipefail
project="$(cd "$(dirname "$0")/.." && pwd)"
local_dir="$project/.n8n-local"
runtime="$local_dir/runtime"
user_folder="$local_dir/user"
nodes_dir="$user_folder/.n8n/nodes"
pid_file="$local_dir/n8n.pid"
log_file="$local_dir/n8n.log"
port="${N8N_PORT:-5678}"
health_url="http://127.0.0.1:$port/healthz"
package_name="$(cd "$project" && node -p "require('./package.json').name")"

log() { echo "n8n-local: $*"; }
die() { echo "n8n-local: $*" >&2; exit 1; }

healthy() { curl -fsS -o /dev/null --max-time 2 "$health_url" 2>/dev/null; }

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
	# n8n was started as its own process group (setsid): stopping the group also stops its task runners.
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
		if healthy; then log "running (pid $pid), healthy at http://localhost:$port"; else log "running (pid $pid), not answering $health_url yet"; fi
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
		npm run build --silent
	fi
	mkdir -p "$local_dir/pkg" "$nodes_dir"
	rm -f "$local_dir/pkg/"*.tgz
	local tgz
	tgz="$(npm pack --silent --pack-destination "$local_dir/pkg" | tail -n 1)"
	tgz="$local_dir/pkg/$tgz"
	[ -f "$tgz" ] || die "npm pack produced no tarball"
	log "packed $(basename "$tgz")"
	cd "$nodes_dir"
	# The manifest n8n itself writes there before installing a community package.
	[ -f package.json ] || printf '{\n\t"name": "installed-nodes",\n\t"private": true,\n\t"dependencies": {}\n}\n' > package.json
	# A rebuilt tarball keeps its file name: drop the old copy so npm takes the new content.
	rm -rf "node_modules/$package_name" package-lock.json
	# --omit=peer: n8n-workflow is n8n's own copy at runtime (like n8n's installer, which passes --legacy-peer-deps).
	npm install "$tgz" --no-audit --no-fund --loglevel=error $N8N_LOCAL_NPM_FLAGS
	[ -f "node_modules/$package_name/package.json" ] || die "package not installed into $nodes_dir"
	log "installed into $nodes_dir/node_modules/$package_name"
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
	export DB_TYPE=sqlite
	export N8N_LOG_LEVEL="${N8N_LOG_LEVEL:-info}"
	# No calls home: telemetry, version checks, templates, personalization survey, banners.
	export N8N_DIAGNOSTICS_ENABLED=false
	export N8N_VERSION_NOTIFICATIONS_ENABLED=false
	export N8N_TEMPLATES_ENABLED=false
	export N8N_PERSONALIZATION_ENABLED=false
	export N8N_HIRING_BANNER_ENABLED=false
	export EXTERNAL_FRONTEND_HOOKS_URLS=
	# The session cookie must work over plain http on localhost.
	export N8N_SECURE_COOKIE=false
	export N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS=true
}

wait_healthy() {
	local pid="$1" deadline=$((SECONDS + ${N8N_LOCAL_START_TIMEOUT:-180}))
	while [ $SECONDS -lt $deadline ]; do
		if healthy; then return 0; fi
		kill -0 "$pid" 2>/dev/null || return 1
		sleep 0.5
	done
	return 1
}

start() {
	local background="$1"
	if pid="$(running_pid)"; then die "already running (pid $pid); run: $0 stop"; fi
	if healthy; then die "something already answers on port $port; set N8N_PORT or stop it"; fi
	bash "$project/scripts/n8n-install.sh"
	install_package
	n8n_env
	local n8n="$runtime/node_modules/.bin/n8n"
	mkdir -p "$user_folder"
	local t0=$SECONDS
	if [ "$background" = 1 ]; then
		: > "$log_file"
		# setsid: its own process group, so `stop` ends n8n and the task runners it spawns, nothing else.
		setsid "$n8n" start >> "$log_file" 2>&1 < /dev/null &
		local pid=$!
		echo "$pid" > "$pid_file"
		if ! wait_healthy "$pid"; then
			tail -n 40 "$log_file" >&2 || true
			stop
			die "n8n did not become healthy; log: $log_file"
		fi
		log "n8n is up at http://localhost:$port (healthy after $((SECONDS - t0)) s)"
		log "pid file: $pid_file (pid $pid)"
		log "log file: $log_file"
		log "stop with: $0 stop"
		return 0
	fi
	"$n8n" start &
	local pid=$!
	trap 'kill -TERM "$pid" 2>/dev/null || true' INT TERM
	if wait_healthy "$pid"; then
		log "n8n is up at http://localhost:$port (healthy after $((SECONDS - t0)) s); Ctrl+C stops it"
	fi
	wait "$pid" || true
	trap - INT TERM
	wait "$pid" 2>/dev/null || true
}

background=0
command=start
for arg in "$@"; do
	case "$arg" in
		--background | -b) background=1 ;;
		start) command=start ;;
		stop) command=stop ;;
		status) command=status ;;
		-h | --help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
		*) die "unknown argument: $arg (see --help)" ;;
	esac
done
case "$command" in
	start) start "$background" ;;
	stop) stop ;;
	status) status ;;
esac
