#!/usr/bin/env bash
# End-to-end smoke test against a real n8n 2.41.1 (not part of the Jest run).
#
# Installs the packed package into a throwaway n8n user folder (.e2e/n8n/user) exactly as users do, imports
# a credential and a workflow with n8n's CLI, runs the workflow with `n8n execute --id --rawOutput` and checks
# the run data and what a loopback HTTP server received:
#   Manual Trigger -> Custom API (no auth, GET /items)              -> 2 items, no auth header sent
#                  -> Custom API (API key credential, GET /secure) -> key sent in its header, never in the output
#                  -> GraphQL API (POST /graphql, variables)       -> the data object
#                  -> GraphQL API (answer with `errors`, Continue On Fail) -> an item carrying the error message
#
#   bash test/e2e/smoke.sh          (N8N_LOCAL_SKIP_BUILD=1 packs the current dist/ without building)
set -euo pipefail
project="$(cd "$(dirname "$0")/../.." && pwd)"
work="$project/.e2e/n8n"
export N8N_LOCAL_USER_FOLDER="$work/user"
# Its own ports (the CLI starts a task-runner broker on N8N_PORT+1), so a dev instance on 5678 can keep running.
export N8N_PORT="${E2E_N8N_PORT:-5698}"
export N8N_LOG_LEVEL="${E2E_N8N_LOG_LEVEL:-warn}"
export PATH="$project/node_modules/.bin:$PATH"
n8n_local="$project/scripts/n8n-local.sh"

fail() { echo "e2e smoke: FAIL: $*" >&2; exit 1; }
step() { echo "e2e smoke: $*"; }

server_pid=""
cleanup() {
	if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
}
trap cleanup EXIT

# A fresh database each run, so the imported ids and the single execution are deterministic.
rm -rf "$work"
mkdir -p "$work"
t0=$SECONDS
bash "$n8n_local" prepare

# The loopback API: records every request (method, url, headers) as one JSON line.
cat > "$work/server.js" <<'JS'
const http = require('node:http');
const fs = require('node:fs');
const [portFile, logFile] = process.argv.slice(2);
const server = http.createServer((req, res) => {
	fs.appendFileSync(logFile, JSON.stringify({ method: req.method, url: req.url, headers: req.headers }) + '\n');
	const send = (status, body) => {
		res.writeHead(status, { 'content-type': 'application/json' });
		res.end(JSON.stringify(body));
	};
	if (req.url === '/items') return send(200, [{ id: 1, name: 'alpha' }, { id: 2, name: 'beta' }]);
	if (req.url === '/graphql' || req.url === '/graphql-error') {
		let raw = '';
		req.on('data', (c) => (raw += c));
		req.on('end', () => {
			fs.appendFileSync(logFile, JSON.stringify({ method: req.method, url: req.url, body: raw }) + '\n');
			const { variables } = JSON.parse(raw);
			if (req.url === '/graphql-error') return send(200, { data: null, errors: [{ message: 'user not found', path: ['user'] }] });
			send(200, { data: { user: { id: variables.id, name: 'seven' } } });
		});
		return;
	}
	if (req.url === '/secure') {
		if (req.headers['x-api-key'] !== 'e2e-secret-key-123') return send(401, { error: 'bad key' });
		return send(200, { ok: true, user: 'e2e' });
	}
	send(404, { error: 'not found' });
});
server.listen(0, '127.0.0.1', () => fs.writeFileSync(portFile, String(server.address().port)));
JS
: > "$work/requests.jsonl"
node "$work/server.js" "$work/server.port" "$work/requests.jsonl" &
server_pid=$!
for _ in $(seq 1 50); do [ -s "$work/server.port" ] && break; sleep 0.1; done
[ -s "$work/server.port" ] || fail "loopback server did not start"
api="http://127.0.0.1:$(cat "$work/server.port")"
step "loopback API at $api"

cred_id="e2eApiKeyCred001"
wf_id="e2eSmokeWorkflw1"
cat > "$work/credentials.json" <<JSON
[
	{
		"id": "$cred_id",
		"name": "E2E API key",
		"type": "customApiKeyApi",
		"data": { "baseUrl": "$api", "apiKey": "e2e-secret-key-123", "keyLocation": "header", "keyName": "X-API-Key" }
	}
]
JSON
cat > "$work/workflow.json" <<JSON
{
	"id": "$wf_id",
	"name": "E2E smoke",
	"active": false,
	"settings": { "executionOrder": "v1" },
	"nodes": [
		{
			"id": "00000000-0000-4000-8000-000000000001",
			"name": "Start",
			"type": "n8n-nodes-base.manualTrigger",
			"typeVersion": 1,
			"position": [0, 0],
			"parameters": {}
		},
		{
			"id": "00000000-0000-4000-8000-000000000002",
			"name": "List items",
			"type": "n8n-nodes-api-connections.customApi",
			"typeVersion": 1,
			"position": [220, -100],
			"parameters": { "authentication": "none", "baseUrl": "$api", "method": "GET", "endpoint": "/items" }
		},
		{
			"id": "00000000-0000-4000-8000-000000000003",
			"name": "Secure call",
			"type": "n8n-nodes-api-connections.customApi",
			"typeVersion": 1,
			"position": [220, 100],
			"parameters": { "authentication": "apiKey", "method": "GET", "endpoint": "/secure" },
			"credentials": { "customApiKeyApi": { "id": "$cred_id", "name": "E2E API key" } }
		},
		{
			"id": "00000000-0000-4000-8000-000000000004",
			"name": "GraphQL user",
			"type": "n8n-nodes-api-connections.graphQlApi",
			"typeVersion": 1,
			"position": [220, 300],
			"parameters": {
				"authentication": "none",
				"endpointUrl": "$api/graphql",
				"query": "query (\$id: ID!) { user(id: \$id) { id name } }",
				"variables": "{\"id\": \"7\"}"
			}
		},
		{
			"id": "00000000-0000-4000-8000-000000000005",
			"name": "GraphQL error",
			"type": "n8n-nodes-api-connections.graphQlApi",
			"typeVersion": 1,
			"position": [220, 500],
			"onError": "continueRegularOutput",
			"parameters": { "authentication": "none", "endpointUrl": "$api/graphql-error", "query": "{ user(id: 1) { id } }" }
		}
	],
	"connections": {
		"Start": {
			"main": [[
				{ "node": "List items", "type": "main", "index": 0 },
				{ "node": "Secure call", "type": "main", "index": 0 },
				{ "node": "GraphQL user", "type": "main", "index": 0 },
				{ "node": "GraphQL error", "type": "main", "index": 0 }
			]]
		}
	}
}
JSON

t1=$SECONDS
bash "$n8n_local" n8n import:credentials --input="$work/credentials.json" > "$work/import-credentials.log" 2>&1 \
	|| { cat "$work/import-credentials.log" >&2; fail "import:credentials"; }
t2=$SECONDS
bash "$n8n_local" n8n import:workflow --input="$work/workflow.json" > "$work/import-workflow.log" 2>&1 \
	|| { cat "$work/import-workflow.log" >&2; fail "import:workflow"; }
t3=$SECONDS
step "imported credential $cred_id ($((t2 - t1)) s) and workflow $wf_id ($((t3 - t2)) s)"
# The run data goes through n8n's logger at level info, so execute needs at least that level.
N8N_LOG_LEVEL=info bash "$n8n_local" n8n execute --id="$wf_id" --rawOutput > "$work/execute.out" 2> "$work/execute.err" \
	|| { cat "$work/execute.out" "$work/execute.err" >&2; fail "n8n execute"; }
t4=$SECONDS
step "n8n execute took $((t4 - t3)) s"

# The checks: run data per node, the requests the API saw, and no secret anywhere in the output.
node - "$work/execute.out" "$work/requests.jsonl" <<'JS'
const fs = require('node:fs');
const assert = require('node:assert/strict');
const [outFile, requestsFile] = process.argv.slice(2);
const out = fs.readFileSync(outFile, 'utf8');
// --rawOutput logs the run as indented JSON between a line "{" and a line "}"; other log lines surround it.
const start = out.search(/^\{$/m);
const end = out.slice(start).search(/^\}$/m);
assert.ok(start >= 0 && end > 0, `no run JSON in the output: ${out.slice(0, 500)}`);
const run = JSON.parse(out.slice(start, start + end + 1));
assert.equal(run.status, 'success', `run status ${run.status}`);
assert.equal(run.mode, 'cli');
const runData = run.data.resultData.runData;
const items = (node) => {
	const runs = runData[node];
	assert.ok(runs && runs.length === 1, `node "${node}" did not run once`);
	assert.equal(runs[0].error, undefined, `node "${node}" failed: ${JSON.stringify(runs[0].error)}`);
	return runs[0].data.main[0].map((i) => i.json);
};
assert.deepEqual(items('List items'), [{ id: 1, name: 'alpha' }, { id: 2, name: 'beta' }]);
assert.deepEqual(items('Secure call'), [{ ok: true, user: 'e2e' }]);
assert.deepEqual(items('GraphQL user'), [{ data: { user: { id: '7', name: 'seven' } } }]);
// Continue On Fail: the node's own error (cause and fix) becomes the item, as n8n shows it on the canvas.
assert.deepEqual(items('GraphQL error'), [
	{
		error: 'GraphQL error: user not found (at user)',
		description:
			'The server answered 200 with 1 GraphQL error(s):\nuser not found (at user)\nFix: check the query, the variables and the permissions of the connection.',
	},
]);
assert.ok(!out.includes('e2e-secret-key-123'), 'the API key appears in the run output');

const lines = fs.readFileSync(requestsFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const requests = lines.filter((r) => r.headers);
assert.deepEqual(requests.map((r) => `${r.method} ${r.url}`).sort(), ['GET /items', 'GET /secure', 'POST /graphql', 'POST /graphql-error']);
const gqlBody = JSON.parse(lines.find((r) => r.url === '/graphql' && r.body !== undefined).body);
assert.deepEqual(gqlBody, { query: 'query ($id: ID!) { user(id: $id) { id name } }', variables: { id: '7' } });
const list = requests.find((r) => r.url === '/items');
assert.equal(list.headers['x-api-key'], undefined, 'no-auth request carried a key');
assert.equal(requests.find((r) => r.url === '/secure').headers['x-api-key'], 'e2e-secret-key-123');
console.log('e2e smoke: run data and requests as expected (Custom API: no auth and API key; GraphQL: data and error item)');
JS
step "PASS in $((SECONDS - t0)) s"
