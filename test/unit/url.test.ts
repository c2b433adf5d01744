import fc from 'fast-check';

import {
	buildUrl,
	encodePathSegment,
	fillPath,
	joinUrl,
	resolveBaseUrl,
	toFormBody,
	toQueryString,
} from '../../lib/transport/url';

const BASE = 'https://api.example.test/v1';

describe('path parameters can never escape their segment', () => {
	it('property: any value (except a dot segment) is one segment on the same host and path prefix', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }), (value) => {
				fc.pre(value !== '.' && value !== '..');
				const url = new URL(buildUrl(BASE, '/users/{id}/posts', { id: value }));
				expect(url.origin).toBe('https://api.example.test');
				const segments = url.pathname.split('/');
				expect(segments.slice(0, 3)).toEqual(['', 'v1', 'users']);
				expect(segments).toHaveLength(5);
				expect(segments[4]).toBe('posts');
				expect(decodeURIComponent(segments[3])).toBe(value);
				expect(url.search).toBe('');
				expect(url.hash).toBe('');
			}),
			{ numRuns: 2000 },
		);
	});

	it('property: hostile fragments are encoded', () => {
		const hostile = fc.constantFrom(
			'../',
			'..\\',
			'//',
			'/',
			'\\',
			'?',
			'#',
			'%2e%2e',
			'%2F',
			'@',
			':',
			'evil.example',
			'\u0000',
			'\n',
			' ',
		);
		fc.assert(
			fc.property(fc.array(hostile, { minLength: 1, maxLength: 6 }), (parts) => {
				const value = parts.join('');
				fc.pre(value !== '.' && value !== '..');
				const url = new URL(buildUrl(BASE, '/a/{x}', { x: value }));
				expect(url.host).toBe('api.example.test');
				expect(url.pathname.startsWith('/v1/a/')).toBe(true);
				expect(url.pathname.split('/')).toHaveLength(4);
			}),
			{ numRuns: 1000 },
		);
	});

	it('refuses dot segments and empty values, naming the field', () => {
		expect(() => encodePathSegment('..', 'id')).toThrow(
			"The field 'id' is '..', which would change the URL path",
		);
		expect(() => encodePathSegment('.', 'id')).toThrow("The field 'id' is '.'");
		expect(() => encodePathSegment('', 'id')).toThrow("The field 'id' is empty");
		expect(() => fillPath('/a/{b}', {})).toThrow("The field 'b' is missing");
	});

	it("encodes the characters encodeURIComponent leaves alone (!'()*)", () => {
		expect(encodePathSegment("a!'()*b", 'x')).toBe('a%21%27%28%29%2Ab');
	});
});

describe('base URL and absolute URLs', () => {
	it('fills host labels from credential fields and refuses anything that could change the host', () => {
		expect(resolveBaseUrl('https://{shop}.myshop.test/admin', { shop: 'acme-1' })).toBe(
			'https://acme-1.myshop.test/admin',
		);
		expect(() => resolveBaseUrl('https://{shop}.myshop.test', { shop: 'evil.test/x?' })).toThrow(
			"The credential field 'shop' must be the name before .myshop.test (letters, digits and '-'), or the whole host name ending in .myshop.test (got 'evil.test/x?').",
		);
		expect(() => resolveBaseUrl('https://{shop}.myshop.test', { shop: 'a@evil.test' })).toThrow();
		// The whole host name is taken too, and only a host of the template's domain comes out.
		expect(
			resolveBaseUrl('https://{shop}.myshop.test/admin', { shop: 'Acme-1.myshop.test/' }),
		).toBe('https://Acme-1.myshop.test/admin');
		for (const shop of ['evil.test', 'acme.evil.test', 'acme.myshop.test.evil.test', '-acme'])
			expect(() => resolveBaseUrl('https://{shop}.myshop.test', { shop })).toThrow(
				"The credential field 'shop' must be the name before .myshop.test",
			);
		// A placeholder that is not the first label of the host keeps the plain rule.
		expect(resolveBaseUrl('https://api.example.test/{region}.v1', { region: 'eu.west' })).toBe(
			'https://api.example.test/eu.west.v1',
		);
	});

	it('a whole-URL field must be http(s) and loses its trailing slash', () => {
		expect(resolveBaseUrl('{baseUrl}', { baseUrl: 'https://x.test/v2/' })).toBe(
			'https://x.test/v2',
		);
		expect(() => resolveBaseUrl('{baseUrl}', { baseUrl: 'file:///etc/passwd' })).toThrow(
			'must start with https:// or http://',
		);
	});

	it('absolute URLs must stay on the base origin', () => {
		expect(joinUrl(BASE, 'https://api.example.test/v1/next?page=2')).toBe(
			'https://api.example.test/v1/next?page=2',
		);
		expect(() => joinUrl(BASE, 'https://evil.example/x')).toThrow(
			'Refusing to send the credential to https://evil.example',
		);
		expect(joinUrl(BASE, 'users')).toBe('https://api.example.test/v1/users');
	});
});

describe('query and form serialisation', () => {
	it('repeats keys for lists, brackets nested objects, skips empty values', () => {
		expect(
			toQueryString({ a: [1, 2], 'expand[]': ['x'], b: { c: 'd e' }, n: null, u: undefined }),
		).toBe('a=1&a=2&expand[]=x&b[c]=d%20e');
	});

	it('indexes arrays of objects in forms (items[0][price])', () => {
		expect(toFormBody({ items: [{ price: 'p_1', quantity: 2 }], metadata: { k: 'v&w' } })).toBe(
			'items[0][price]=p_1&items[0][quantity]=2&metadata[k]=v%26w',
		);
	});
});
