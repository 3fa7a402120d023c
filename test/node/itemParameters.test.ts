import { describe, expect, test } from '@jest/globals';

import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { itemParameterReader, parseJsonPath } from '../../nodes/TencentChat/helpers/itemParameters';

describe('parseJsonPath', () => {
	test.each([
		['={{ $json.id }}', ['id']],
		['={{$json.contact.id}}', ['contact', 'id']],
		['={{ $json["user id"] }}', ['user id']],
		["={{ $json['a'].b }}", ['a', 'b']],
		['={{ $json.ids[1] }}', ['ids', '1']],
	])('reads %s as a path', (expression, path) => {
		expect(parseJsonPath(expression)).toEqual(path);
	});

	test.each([
		'={{ $json.id.trim() }}',
		'={{ $json.id + "x" }}',
		'={{ ($json.id) }}',
		'={{ $json.a }} and {{ $json.b }}',
		'={{ $node["Code"].json.id }}',
		'={{ $json }}',
		'plain text',
		'{{ $json.id }}',
	])('leaves %s to the expression engine', (expression) => {
		expect(parseJsonPath(expression)).toBeUndefined();
	});
});

describe('a resource locator read per item', () => {
	/** A context whose engine reading is counted, with one parameter as the workflow holds it. */
	function contextWith(parameter: unknown) {
		const engineReads: Array<{ itemIndex: number; extractValue: boolean }> = [];
		const context = {
			getNode: () => ({ parameters: { groupId: parameter } }),
			getNodeParameter: (
				_name: string,
				itemIndex: number,
				_fallback?: unknown,
				options?: { extractValue?: boolean },
			) => {
				engineReads.push({ itemIndex, extractValue: options?.extractValue === true });
				return `engine ${itemIndex}`;
			},
		} as unknown as IExecuteFunctions;
		return { context, engineReads };
	}
	const items: INodeExecutionData[] = [{ json: { group: 'g1' } }, { json: { group: 'g2' } }];

	test('a path into the item, in By ID mode, is read from the item without the engine', () => {
		const { context, engineReads } = contextWith({
			__rl: true,
			mode: 'id',
			value: '={{ $json.group }}',
		});
		const read = itemParameterReader(context, 'groupId', items);
		expect([read(0), read(1)]).toEqual(['g1', 'g2']);
		expect(engineReads).toEqual([]);
	});

	test('any other value goes through the engine with its value extracted, once when fixed', () => {
		const fixed = contextWith({ __rl: true, mode: 'list', value: 'team' });
		const readFixed = itemParameterReader(fixed.context, 'groupId', items);
		expect([readFixed(0), readFixed(1)]).toEqual(['engine 0', 'engine 0']);
		expect(fixed.engineReads).toEqual([{ itemIndex: 0, extractValue: true }]);

		const computed = contextWith({ __rl: true, mode: 'id', value: '={{ $json.group + "x" }}' });
		const readComputed = itemParameterReader(computed.context, 'groupId', items);
		expect([readComputed(0), readComputed(1)]).toEqual(['engine 0', 'engine 1']);
		expect(computed.engineReads.every((read) => read.extractValue)).toBe(true);
	});
});
