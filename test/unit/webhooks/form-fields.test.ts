/** Bracketed form keys nested into objects without prototypes (lib/webhooks/form-fields.ts). */
import { nestFormFields } from '../../../lib/webhooks/form-fields';

const plain = (v: unknown) => JSON.parse(JSON.stringify(v)) as unknown;

describe('nestFormFields', () => {
	it('nests bracketed keys, keeps plain ones, gathers `[]` into lists', () => {
		const out = nestFormFields({
			type: 'profile',
			'data[merges][FNAME]': 'Ann',
			'data[merges][GROUPINGS][0][name]': 'Pets',
			'tags[]': ['a', 'b'],
			'more[]': 'c',
		});
		expect(plain(out)).toEqual({
			type: 'profile',
			data: { merges: { FNAME: 'Ann', GROUPINGS: { '0': { name: 'Pets' } } } },
			tags: ['a', 'b'],
			more: ['c'],
		});
		expect(Object.getPrototypeOf(out)).toBeNull();
		expect(Object.getPrototypeOf(out.data)).toBeNull();
	});

	it('keeps flat, as sent, a key that does not parse, clashes with a value or goes too deep', () => {
		const deep = `a${'[x]'.repeat(20)}`;
		const out = nestFormFields({
			'a=b': '1',
			'open[': '2',
			'mid[]x': '3',
			'[lead]': '4',
			'x[][y]': '5',
			v: '6',
			'v[w]': '7',
			[deep]: '8',
		});
		expect(plain(out)).toEqual({
			'a=b': '1',
			'open[': '2',
			'mid[]x': '3',
			'[lead]': '4',
			'x[][y]': '5',
			v: '6',
			'v[w]': '7',
			[deep]: '8',
		});
	});

	it('__proto__, constructor and prototype are own fields; Object.prototype is untouched', () => {
		const out = nestFormFields({
			'__proto__[polluted]': 'yes',
			'constructor[prototype][polluted]': 'yes',
		});
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
		expect(Object.keys(out)).toEqual(['__proto__', 'constructor']);
		expect(plain(out)).toEqual({
			['__proto__']: { polluted: 'yes' },
			constructor: { prototype: { polluted: 'yes' } },
		});
	});
});
