/**
 * Bracketed form keys nested into objects without prototypes (lib/webhooks/form-fields.ts), for senders that post
 * forms (`formBodies.nested`): Mailchimp's `data[merges][FNAME]`, ActiveCampaign's `contact[fields][1]`.
 */
import { decodeBody, nestFormFields } from '../../../lib/webhooks';

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

const nest = (form: string) => {
	const decoded = decodeBody(Buffer.from(form), 'application/x-www-form-urlencoded');
	if (decoded.kind !== 'form') throw new Error('not a form');
	return nestFormFields(decoded.value);
};

describe('nestFormFields on decoded form bodies (as the trigger gets them)', () => {
	it('bracketed keys nest; numeric steps stay keys; plain keys stay', () => {
		expect(
			plain(
				nest(
					'type=update&data%5Bmerges%5D%5BFNAME%5D=Ann&data%5Bemail%5D=a%40b.c&contact%5Bfields%5D%5B12%5D=x',
				),
			),
		).toEqual({
			type: 'update',
			data: { merges: { FNAME: 'Ann' }, email: 'a@b.c' },
			contact: { fields: { '12': 'x' } },
		});
	});

	it('`key[]` and repeated keys are lists', () => {
		expect(plain(nest('lists%5B%5D=1&lists%5B%5D=2&one%5B%5D=3&tag=a&tag=b'))).toEqual({
			lists: ['1', '2'],
			one: ['3'],
			tag: ['a', 'b'],
		});
	});

	it('every object has no prototype: __proto__ and constructor are plain fields, Object.prototype untouched', () => {
		const body = nest('__proto__%5Bx%5D=1&a%5Bconstructor%5D%5Bprototype%5D%5By%5D=2&toString=3');
		expect(Object.getPrototypeOf(body)).toBeNull();
		expect(Object.getPrototypeOf(body.a)).toBeNull();
		expect(Object.prototype.hasOwnProperty.call(body, '__proto__')).toBe(true);
		expect(({} as Record<string, unknown>).x).toBeUndefined();
		expect(({} as Record<string, unknown>).y).toBeUndefined();
		expect(body.toString).toBe('3');
	});

	it('clashing, malformed, `[]` in the middle and over-deep keys are kept as written; nothing is lost', () => {
		const deep = `d${'%5Bk%5D'.repeat(10)}=z`;
		expect(plain(nest(`a=1&a%5Bb%5D=2&c%5Bd=3&e%5B%5D%5Bf%5D=4&g%5D=5&${deep}`))).toEqual({
			a: '1',
			'a[b]': '2',
			'c[d': '3',
			'e[][f]': '4',
			'g]': '5',
			[`d${'[k]'.repeat(10)}`]: 'z',
		});
		expect(plain(nest(`d${'%5Bk%5D'.repeat(9)}=z`))).toEqual({
			d: { k: { k: { k: { k: { k: { k: { k: { k: { k: 'z' } } } } } } } } },
		});
	});
});
