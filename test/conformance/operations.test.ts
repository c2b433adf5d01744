/**
 * Every operation of every service against its recorded fixture (test/fixtures/operations/<service>/
 * <resource>.<operation>.json): the exact request (method, URL, query, headers with the auth header, body) and
 * the exact output, through a real workflow. A service's own suite then tests only what is special about it.
 * `RECORD_FIXTURES=1` re-records the request halves and outputs (test/kit/operations.ts).
 */
import { join } from 'node:path';

import type { ICredentialType, INodeType } from 'n8n-workflow';

import * as pkg from '../../index';
import { services } from '../../nodes/services';
import { operationFixtureSuite } from '../kit';

const instances = (Object.values(pkg) as unknown[])
	.filter((v): v is new () => unknown => typeof v === 'function' && 'prototype' in v)
	.flatMap((C) => {
		try {
			return [new C()];
		} catch {
			return [];
		}
	});

describe('every operation of every service against its recorded fixture', () => {
	operationFixtureSuite({
		services,
		fixturesDir: join(__dirname, '..', 'fixtures', 'operations'),
		nodeTypes: instances.filter((n): n is INodeType => Boolean((n as INodeType).description)),
		credentialTypes: instances.filter((c): c is ICredentialType =>
			Boolean((c as ICredentialType).properties && !(c as INodeType).description),
		),
	});
});
