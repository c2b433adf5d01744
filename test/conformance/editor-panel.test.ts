/**
 * Every node's parameter panel as n8n's editor renders it (test/helpers/editor-view.ts): no field is hidden
 * as "authentication related", and each resource/operation shows Resource, Operation and its required fields.
 * The real editor is checked in the real-n8n suite (test/e2e/editor.ts).
 */
import { NodeHelpers, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import * as pkg from '../../index';
import { Connections } from '../../nodes/Connections/Connections.node';
import { editorView, hiddenAsAuthRelated } from '../helpers/editor-view';

const nodes = (Object.values(pkg) as unknown[])
	.filter((v): v is new () => INodeType => typeof v === 'function' && 'prototype' in v && typeof (v as { prototype: object }).prototype === 'object')
	.map((C) => {
		try {
			return new C();
		} catch {
			return undefined;
		}
	})
	.filter((n): n is INodeType => Boolean(n && (n as Partial<INodeType>).description?.properties))
	.map((n) => n.description);

/** Every (resource, operation) pair a node offers; `[{}]` for a node without them. */
function states(d: INodeTypeDescription): Array<Record<string, string>> {
	const resource = d.properties.find((p) => p.name === 'resource');
	const resources = (resource?.options ?? []).map((o) => String((o as { value: unknown }).value));
	const out: Array<Record<string, string>> = [];
	for (const r of resources.length ? resources : [undefined]) {
		const ops = d.properties.filter((p) => p.name === 'operation' && (r === undefined || (p.displayOptions?.show?.resource ?? [r]).includes(r)));
		for (const op of ops.flatMap((p) => (p.options ?? []).map((o) => String((o as { value: unknown }).value)))) out.push({ ...(r ? { resource: r } : {}), operation: op });
	}
	return out.length ? out : [{}];
}

describe('the parameter panel of every node, by the editor rules', () => {
	it('finds every node of the package', () => {
		expect(nodes.map((d) => d.name).sort()).toEqual(
			['apiWebhookTrigger', 'connections', 'customApi', 'facebookPages', 'facebookPagesTrigger', 'github', 'githubTrigger', 'graphQlApi', 'instagram', 'instagramTrigger', 'stripe', 'stripeTrigger'].sort(),
		);
	});

	it.each(nodes.map((d) => [d.name, d] as const))('%s: no field is hidden as authentication related', (_name, d) => {
		expect(hiddenAsAuthRelated(d)).toEqual([]);
	});

	it.each(nodes.map((d) => [d.name, d] as const))('%s: every operation shows Resource, Operation and its required fields', (_name, d) => {
		for (const state of states(d)) {
			const view = editorView(d, state);
			if (state.resource) expect(view.fields).toContain('Resource');
			if (state.operation) expect(view.fields).toContain('Operation');
			const node = { typeVersion: Array.isArray(d.version) ? Math.max(...d.version) : d.version };
			const required = d.properties.filter((p) => p.required && NodeHelpers.displayParameter(view.values, p, node, d));
			for (const p of required) expect([state, view.fields]).toEqual([state, expect.arrayContaining([p.displayName])]);
			expect(view.fields.length).toBeGreaterThan(0);
		}
	});
});

describe('the Connections node panel', () => {
	const d = new Connections().description;

	it('Get Status (the default): Resource, Operation and Service; no credential slot', () => {
		expect(editorView(d)).toMatchObject({ fields: ['Resource', 'Operation', 'Service'], credentials: [] });
	});

	it('logs: Resource, Operation, Service, Limit and Filters', () => {
		expect(editorView(d, { resource: 'log', operation: 'getErrorLog' })).toMatchObject({ fields: ['Resource', 'Operation', 'Service', 'Limit', 'Filters'], credentials: [] });
		expect(editorView(d, { resource: 'log', operation: 'getAuditLog', service: 'github' }).fields).toEqual(['Resource', 'Operation', 'Service', 'Limit', 'Filters']);
	});

	it.each(['test', 'refresh', 'disconnect'])('%s: the service, its Authentication choice and the matching credential slot', (operation) => {
		expect(editorView(d, { resource: 'connection', operation, service: 'stripe' })).toMatchObject({
			fields: ['Resource', 'Operation', 'Service', 'Authentication'],
			credentials: ['apiConnStripeApi'],
		});
		const github = editorView(d, { resource: 'connection', operation, service: 'github' });
		expect(github).toMatchObject({ fields: ['Resource', 'Operation', 'Service', 'Authentication'], credentials: ['apiConnGithubApi'] });
		expect(github.values.authentication).toBe('apiConnGithubApi');
		expect(editorView(d, { resource: 'connection', operation, service: 'github', authentication: 'apiConnGithubOAuth2Api' }).credentials).toEqual(['apiConnGithubOAuth2Api']);
		expect(editorView(d, { resource: 'connection', operation, service: 'instagram' }).credentials).toEqual(['apiConnInstagramOAuth2Api']);
	});

	it('switching back to Get Status drops the credential slot', () => {
		expect(editorView(d, { resource: 'connection', operation: 'getStatus', service: 'github', authentication: 'apiConnGithubApi' }).credentials).toEqual([]);
	});
});
