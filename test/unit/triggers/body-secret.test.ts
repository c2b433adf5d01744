/**
 * `webhook.bodySecret`: the secret a vendor sends back in every notification of a batch (Graph's `clientState`),
 * checked one notification at a time in constant time; the failing ones dropped, the secret removed from the rest.
 */
import { checkBodySecret } from '../../../lib/triggers/body-secret';

const spec = { items: 'value', field: 'clientState' };
const SECRET = 'a'.repeat(64);

describe('checkBodySecret', () => {
	it('keeps the notifications carrying the secret, in order and without it, and counts the dropped ones', () => {
		expect(
			checkBodySecret(
				{
					value: [
						{ id: 1, clientState: SECRET },
						{ id: 2, clientState: 'b'.repeat(64) },
						{ id: 3 },
						'not an object',
						{ id: 4, clientState: SECRET },
					],
					extra: true,
				},
				spec,
				SECRET,
			),
		).toEqual({ ok: true, body: { value: [{ id: 1 }, { id: 4 }], extra: true }, dropped: 3 });
	});

	it.each([
		[
			'no notification passes',
			{ value: [{ clientState: 'wrong' }, { clientState: SECRET.slice(1) }] },
			SECRET,
			401,
			'bad-body-secret',
		],
		['the secret is a number', { value: [{ clientState: 1 }] }, SECRET, 401, 'bad-body-secret'],
		['no list', { value: { clientState: SECRET } }, SECRET, 400, 'no-notifications'],
		['an empty list', { value: [] }, SECRET, 400, 'no-notifications'],
		['an array body', [{ clientState: SECRET }], SECRET, 400, 'no-notifications'],
		['no stored secret', { value: [{ clientState: '' }] }, undefined, 401, 'missing-secret'],
	])('%s: refused (%s)', (_name, body, secret, status, reason) => {
		const result = checkBodySecret(body, spec, secret);
		expect(result).toMatchObject({ ok: false, status, reason });
		expect(JSON.stringify(result)).not.toContain(SECRET);
	});
});
