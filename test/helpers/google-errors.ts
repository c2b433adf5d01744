/**
 * Google's error answers as its APIs send them (https://cloud.google.com/apis/design/errors), shared by the
 * Google node suites.
 */

/** 403 for a token without the scope the method needs (`google.rpc.ErrorInfo` reason). */
export const GOOGLE_SCOPE_INSUFFICIENT = {
	error: {
		code: 403,
		message: 'Request had insufficient authentication scopes.',
		status: 'PERMISSION_DENIED',
		details: [
			{
				'@type': 'type.googleapis.com/google.rpc.ErrorInfo',
				reason: 'ACCESS_TOKEN_SCOPE_INSUFFICIENT',
				domain: 'googleapis.com',
			},
		],
	},
};
