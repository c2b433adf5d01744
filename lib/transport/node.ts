/**
 * The node of an n8n functions object, copied once per execution: n8n's `getNode()` deep-copies the node on
 * every call, and the engine reads it several times per request (names, credentials, error context). The
 * copy is shared, so it is read-only: build errors from it, never change it.
 */
import type { INode } from 'n8n-workflow';

const nodes = new WeakMap<object, INode>();

export function nodeOf(fn: { getNode(): INode }): INode {
	let node = nodes.get(fn);
	if (!node) {
		node = fn.getNode();
		nodes.set(fn, node);
	}
	return node;
}
