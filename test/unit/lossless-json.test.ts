/** Lossless JSON (issue 10 item 10): integers beyond 2^53 keep their digits; everything else parses as JSON.parse does. */
import {
	containsRawJson,
	isRawJson,
	parseJsonLossless,
	rawJsonAsText,
} from '../../lib/transport/json';
import { toFormBody } from '../../lib/transport/url';

describe('parseJsonLossless', () => {
	it('keeps integers beyond 2^53 exactly and leaves safe numbers, decimals and strings as JSON.parse does', () => {
		const value = parseJsonLossless(
			'{"big": 12345678901234567890, "neg": -12345678901234567890, "safe": 9007199254740991, "dec": 0.1, "exp": 1e3, "s": "12345678901234567890"}',
		) as Record<string, unknown>;
		expect(isRawJson(value.big)).toBe(true);
		expect(isRawJson(value.neg)).toBe(true);
		expect([value.safe, value.dec, value.exp, value.s]).toEqual([
			9007199254740991,
			0.1,
			1000,
			'12345678901234567890',
		]);
		expect(JSON.stringify(value)).toBe(
			'{"big":12345678901234567890,"neg":-12345678901234567890,"safe":9007199254740991,"dec":0.1,"exp":1000,"s":"12345678901234567890"}',
		);
	});

	it('throws JSON.parse’s error for invalid JSON', () => {
		expect(() => parseJsonLossless('{a:1}')).toThrow(SyntaxError);
	});

	it('finds lossless numbers at any depth and turns them into text for form bodies', () => {
		const value = parseJsonLossless('{"items": [{"price": 99999999999999999999}], "n": 1}');
		expect(containsRawJson(value)).toBe(true);
		expect(containsRawJson({ n: 1, list: [1, 'x'] })).toBe(false);
		expect(rawJsonAsText(value)).toEqual({ items: [{ price: '99999999999999999999' }], n: 1 });
		expect(toFormBody(rawJsonAsText(value) as never)).toBe(
			'items[0][price]=99999999999999999999&n=1',
		);
	});
});
