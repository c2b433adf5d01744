/**
 * The boundary between the engine and n8n: an `EngineError` (plain data: kind, status, the redacted report
 * of cause and fix) becomes the n8n error the editor shows. Only the n8n entry layer (node execute, option
 * lists, trigger lifecycle) calls this; nothing below it builds n8n's errors for a failed request.
 */
import { NodeApiError, NodeOperationError, type INode, type JsonObject } from 'n8n-workflow';

import { EngineError, type ErrorReport } from '../transport/engine-error';
import { httpErrorReport, networkErrorReport, type FailureContext } from '../transport/errors';

/** The n8n error a report describes. */
export function toNodeError(report: ErrorReport, node: INode): NodeApiError | NodeOperationError {
	const error =
		report.type === 'api'
			? new NodeApiError(node, report.response ?? ({ message: report.message } as JsonObject), {
					message: report.message,
					...(report.description ? { description: report.description } : {}),
					...(report.httpCode ? { httpCode: report.httpCode } : {}),
					itemIndex: report.itemIndex,
					...(report.failure ? { failure: report.failure } : {}),
				})
			: new NodeOperationError(node, report.message, {
					itemIndex: report.itemIndex,
					...(report.description ? { description: report.description } : {}),
				});
	if (report.request) error.context.request = report.request;
	// n8n keeps the error response as the cause: the report already says all of it.
	delete (error as { cause?: unknown }).cause;
	return error;
}

/** The boundary: an engine error becomes the n8n error that says its cause and fix; anything else is returned as it is. */
export function toN8nError(error: unknown, node: INode): unknown {
	return error instanceof EngineError ? toNodeError(error.report, node) : error;
}

/** The n8n error of a failing status outside a request of the engine (e.g. one answer of a batch). */
export function httpError(
	node: INode,
	status: number,
	body: unknown,
	headers: Record<string, string>,
	ctx: FailureContext,
): NodeApiError {
	return toNodeError(httpErrorReport(status, body, headers, ctx), node) as NodeApiError;
}

/** The n8n error of a request that never got an HTTP answer (for callers outside the engine's requests). */
export function networkError(
	node: INode,
	code: string,
	detail: string,
	ctx: FailureContext,
): NodeApiError {
	return toNodeError(networkErrorReport(code, detail, ctx), node) as NodeApiError;
}
