/** The shared parameter helpers of service data files: one wire-name rule for every service. */
import { bodyParam, fieldName, queryParam } from '../../../lib/spec/params';

it('names n8n fields after wire keys in camelCase, brackets and underscores alike', () => {
	expect(fieldName('tag_name')).toBe('tagName');
	expect(fieldName('automatic_payment_methods[enabled]')).toBe('automaticPaymentMethodsEnabled');
	expect(fieldName('expand[]')).toBe('expand');
	expect(fieldName('created[gte]')).toBe('createdGte');
	expect(fieldName('labels')).toBe('labels');
});

it('keeps the wire key as bodyPath or wireName only when it differs from the field name', () => {
	expect(bodyParam('tag_name', 'Tag', 'string', { required: true })).toEqual({
		name: 'tagName',
		displayName: 'Tag',
		in: 'body',
		type: 'string',
		bodyPath: 'tag_name',
		required: true,
	});
	expect(bodyParam('labels', 'Labels', 'stringList')).toEqual({
		name: 'labels',
		displayName: 'Labels',
		in: 'body',
		type: 'stringList',
	});
	expect(queryParam('expand[]', 'Expand', 'stringList')).toEqual({
		name: 'expand',
		displayName: 'Expand',
		in: 'query',
		type: 'stringList',
		wireName: 'expand[]',
	});
	expect(queryParam('sort', 'Sort', 'options')).toEqual({
		name: 'sort',
		displayName: 'Sort',
		in: 'query',
		type: 'options',
	});
});
