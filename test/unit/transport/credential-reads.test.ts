import type { IDataObject } from 'n8n-workflow';

import { alreadyRead, executionCredential } from '../../../lib/transport/credential-reads';

/** A node execution's functions, as far as credential reads go; `values` is what each read returns in turn. */
function execution(values: Array<IDataObject | Error>) {
	const reads: string[] = [];
	let next = 0;
	return {
		reads,
		getNode: () => ({ credentials: { stripeApi: { id: 'cred-7', name: 'Stripe live' } } }),
		getInputData: () => [{ json: {} }],
		getCredentials: async <T extends object = IDataObject>(type: string): Promise<T> => {
			reads.push(type);
			const value = values[Math.min(next++, values.length - 1)];
			if (value instanceof Error) throw value;
			return { ...value } as T;
		},
	};
}

describe('executionCredential: one read per node execution for a credential n8n cannot change', () => {
	it('an API key: 25 items at once and later ones share one read; another execution reads its own', async () => {
		const fn = execution([{ apiKey: 'sk_test_1' }]);
		const first = await Promise.all(
			Array.from({ length: 25 }, async () => await executionCredential(fn, 'stripeApi')),
		);
		const later = await executionCredential(fn, 'stripeApi');
		expect(fn.reads).toEqual(['stripeApi']);
		for (const data of [...first, later]) expect(data).toEqual({ apiKey: 'sk_test_1' });
		// Kept frozen: no caller can change what the next item gets.
		expect(Object.isFrozen(later)).toBe(true);

		const other = execution([{ apiKey: 'sk_test_2' }]);
		expect(await executionCredential(other, 'stripeApi')).toEqual({ apiKey: 'sk_test_2' });
		expect(other.reads).toEqual(['stripeApi']);
	});

	it('an OAuth2 credential (n8n may refresh its token between requests) and a token grant are read every time', async () => {
		const oauth = execution([
			{ oauthTokenData: { access_token: 'at-1' } },
			{ oauthTokenData: { access_token: 'at-2' } },
		]);
		expect(await executionCredential(oauth, 'stripeApi')).toEqual({
			oauthTokenData: { access_token: 'at-1' },
		});
		expect(await executionCredential(oauth, 'stripeApi')).toEqual({
			oauthTokenData: { access_token: 'at-2' },
		});
		expect(oauth.reads).toHaveLength(2);
		expect(alreadyRead(oauth, 'stripeApi')).toEqual({});

		const grant = execution([{ grantType: 'clientCredentials', clientId: 'c' }]);
		await executionCredential(grant, 'stripeApi');
		await executionCredential(grant, 'stripeApi');
		expect(grant.reads).toHaveLength(2);
	});

	it("a poll's or a trigger's functions (made once per activation, no input data) read every time", async () => {
		const { getInputData: _, ...poll } = execution([
			{ apiKey: 'sk_test_1' },
			{ apiKey: 'sk_test_2' },
		]);
		expect(await executionCredential(poll, 'stripeApi')).toEqual({ apiKey: 'sk_test_1' });
		expect(await executionCredential(poll, 'stripeApi')).toEqual({ apiKey: 'sk_test_2' });
		expect(poll.reads).toHaveLength(2);
		expect(alreadyRead(poll, 'stripeApi')).toEqual({});
	});

	it('a failed read is not kept: the next item reads again and gets its own answer', async () => {
		const fn = execution([
			new Error('Credential with ID "cred-7" does not exist'),
			{ apiKey: 'k' },
		]);
		await expect(executionCredential(fn, 'stripeApi')).rejects.toThrow('does not exist');
		expect(await executionCredential(fn, 'stripeApi')).toEqual({ apiKey: 'k' });
		expect(fn.reads).toHaveLength(2);
	});
});

describe('alreadyRead: the kept credential handed to n8n so it does not read it again to sign', () => {
	it('nothing before the read; after it, the credential with its id and name, as a copy n8n may write into', async () => {
		const fn = execution([{ apiKey: 'sk_test_1' }]);
		expect(alreadyRead(fn, 'stripeApi')).toEqual({});
		await executionCredential(fn, 'stripeApi');
		const options = alreadyRead(fn, 'stripeApi');
		expect(options).toEqual({
			credentialsDecrypted: {
				id: 'cred-7',
				name: 'Stripe live',
				type: 'stripeApi',
				data: { apiKey: 'sk_test_1' },
			},
		});
		// n8n's preAuthentication assigns into the data it is given: the kept value stays as read.
		Object.assign(options.credentialsDecrypted!.data!, { apiKey: 'changed' });
		expect(alreadyRead(fn, 'stripeApi').credentialsDecrypted?.data).toEqual({
			apiKey: 'sk_test_1',
		});
		expect(fn.reads).toEqual(['stripeApi']);
	});
});
