import { ORIGIN_MAP_ENV, rewriteOrigin } from '../../lib/transport/origin-map';

describe('operator origin map', () => {
	const env = {
		[ORIGIN_MAP_ENV]:
			'https://api.example.com=http://127.0.0.1:4010, https://graph.example.net:443=http://localhost:9',
	};

	it('rewrites only mapped origins, keeping path and query', () => {
		expect(rewriteOrigin('https://api.example.com/v1/items?x=1&y=%2F', env)).toBe(
			'http://127.0.0.1:4010/v1/items?x=1&y=%2F',
		);
		expect(rewriteOrigin('https://graph.example.net/me', env)).toBe('http://localhost:9/me');
		expect(rewriteOrigin('https://api.example.com.evil.test/v1', env)).toBe(
			'https://api.example.com.evil.test/v1',
		);
		expect(rewriteOrigin('http://api.example.com/v1', env)).toBe('http://api.example.com/v1');
	});

	it('does nothing without the variable and ignores malformed pairs', () => {
		expect(rewriteOrigin('https://api.example.com/v1', {})).toBe('https://api.example.com/v1');
		expect(
			rewriteOrigin('https://api.example.com/v1', {
				[ORIGIN_MAP_ENV]: 'nonsense,=,https://api.example.com=',
			}),
		).toBe('https://api.example.com/v1');
	});
});
