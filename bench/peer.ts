/**
 * n8n's own HTTP Request node, from the n8n-nodes-base tarball that scripts/fetch-peer.sh unpacks into
 * .peer/ (same version as the n8n-core we run). Its few modules that n8n-core does not bring are in
 * bench/.deps (bench/setup.sh), found through NODE_PATH, which bench/run.ts sets for its workers.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import type { IVersionedNodeType } from 'n8n-workflow';

/** The project root, from bench/.out/bench/ (compiled) or bench/ (sources). */
export const ROOT = [join(__dirname, '../../..'), join(__dirname, '..')].find(
	(dir) => existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'bench')),
)!;

export const PEER_DIR = join(ROOT, '.peer/n8n-nodes-base');
export const DEPS_MODULES = join(ROOT, 'bench/.deps/node_modules');

export const HTTP_REQUEST_TYPE = 'n8n-nodes-base.httpRequest';
export const HTTP_REQUEST_VERSION = 4.2;

export function peerVersion(): string {
	return (require(join(PEER_DIR, 'package.json')) as { version: string }).version;
}

export function loadHttpRequestNode(): IVersionedNodeType {
	const file = join(PEER_DIR, 'dist/nodes/HttpRequest/HttpRequest.node.js');
	if (!existsSync(file)) throw new Error(`${file} is missing: run bash bench/setup.sh`);
	try {
		const mod = require(file) as { HttpRequest: new () => IVersionedNodeType };
		return new mod.HttpRequest();
	} catch (error) {
		throw new Error(
			`Loading n8n's HTTP Request node failed (${(error as Error).message}): run bash bench/setup.sh`,
		);
	}
}
