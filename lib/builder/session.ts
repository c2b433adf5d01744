/**
 * Sessions around the calls of one run (`ServiceSpec.session`, e.g. a spreadsheet API's workbook session):
 * the first item whose operation runs in the session opens it (`open`, through the engine with that item's
 * request function), every call of every item on the same object carries its id in `header`, and after the
 * last item — also when an item failed — each opened session is closed (`close`). Items on the same object
 * (the operation's filled path up to and including `scope`, on the same connection) share one session; items
 * on another object get their own.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { SessionSpec } from '../spec/types';
import { readPath } from '../transport/path';
import type { EngineRequest, EngineResponse } from '../transport/types';
import { fillPath } from '../transport/url';

type Request = (req: EngineRequest) => Promise<EngineResponse>;

interface OpenSession {
	id: Promise<string>;
	scopePath: string;
	baseUrl: string;
	request: Request;
}

/** The sessions of one run of a node. */
export class RunSessions {
	private readonly sessions = new Map<string, OpenSession>();

	constructor(
		private readonly fn: IExecuteFunctions,
		private readonly spec: SessionSpec,
	) {}

	/** The filled path that names the request's session object (up to and including `scope`), if it has one. */
	scopeOf(req: EngineRequest): string | undefined {
		const path = fillPath(req.path, req.pathParams);
		const at = path.indexOf(this.spec.scope);
		return at < 0 ? undefined : path.slice(0, at + this.spec.scope.length);
	}

	/**
	 * The session of a request's object on a connection: opened with `request` (the first item's request
	 * function) on first use; a failed open is the error of every item on that object.
	 */
	async idFor(
		connection: string,
		req: EngineRequest,
		request: Request,
	): Promise<string | undefined> {
		const scopePath = this.scopeOf(req);
		if (scopePath === undefined) return undefined;
		const key = JSON.stringify([connection, req.baseUrl, scopePath]);
		let session = this.sessions.get(key);
		if (!session) {
			const { open, idPath } = this.spec;
			const id = request({
				method: open.method,
				baseUrl: req.baseUrl,
				path: scopePath + open.path,
				body: structuredClone(open.body ?? {}),
				bodyEncoding: 'json',
				responseFormat: 'json',
				cacheable: false,
			}).then((res) => {
				const value = readPath(res.body, idPath);
				if (typeof value !== 'string' || value === '')
					throw new Error(`The session answer has no id at '${idPath}'.`);
				return value;
			});
			session = { id, scopePath, baseUrl: req.baseUrl, request };
			this.sessions.set(key, session);
		}
		return await session.id;
	}

	/** The request with the session's header (the session opened first when it is the object's first call). */
	async withSession(
		connection: string,
		req: EngineRequest,
		request: Request,
	): Promise<EngineRequest> {
		const id = await this.idFor(connection, req, request);
		return id === undefined
			? req
			: { ...req, headers: { ...(req.headers ?? {}), [this.spec.header]: id } };
	}

	/**
	 * Closes every session that opened. A failed close is logged, not raised: the items' changes were made
	 * (a persistent session saves each change), and the service ends an idle session on its own.
	 */
	async closeAll(): Promise<void> {
		const { close, header } = this.spec;
		const opened = [...this.sessions.values()];
		this.sessions.clear();
		for (const session of opened) {
			let id: string;
			try {
				id = await session.id;
			} catch {
				continue; // never opened: nothing to close
			}
			try {
				await session.request({
					method: close.method,
					baseUrl: session.baseUrl,
					path: session.scopePath + close.path,
					headers: { [header]: id },
					body: structuredClone(close.body ?? {}) as IDataObject,
					bodyEncoding: 'json',
					responseFormat: 'json',
					cacheable: false,
				});
			} catch (error) {
				this.fn.logger?.warn?.(
					`Could not close the session on ${session.scopePath}: ${(error as Error).message}`,
				);
			}
		}
	}
}
