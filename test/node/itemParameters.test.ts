import { describe, expect, test } from '@jest/globals';

import { parseJsonPath } from '../../nodes/TencentChat/helpers/itemParameters';

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
