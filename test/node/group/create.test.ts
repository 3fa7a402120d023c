import { describe, expect, test } from '@jest/globals';

import { SDK_APP_ID } from '../../helpers/fixtures';
import { useFakeServer } from '../../helpers/useFakeServer';
import { groupApp, groupRunner } from './groupApp';

const server = useFakeServer(() => groupApp());
const run = groupRunner(server, 'create');

describe('Group → Create in the n8n engine', () => {
	test('creates a group per item with its owner, first members and profile, and says so', async () => {
		const { output, error } = await run([{ deal: 42, owner: 'agent' }, { deal: 43 }], {
			groupType: 'Public',
			name: '=Deal {{ $json.deal }}',
			additionalFields: {
				ownerId: '={{ $json.owner ?? "owner" }}',
				memberIds: 'u1, u2',
				introduction: 'Hi',
				customGroupId: '=deal_{{ $json.deal }}',
				maxMembers: 50,
				customData: '{}',
			},
		});
		expect(error).toBeUndefined();
		expect(output.map((item) => [item.json, item.pairedItem])).toEqual([
			[
				{ group: 'deal_42', type: 'Public', name: 'Deal 42', owner: 'agent', status: 'created' },
				{ item: 0 },
			],
			[
				{ group: 'deal_43', type: 'Public', name: 'Deal 43', owner: 'owner', status: 'created' },
				{ item: 1 },
			],
		]);
		expect(server.inspect('group', SDK_APP_ID, 'deal_42')).toMatchObject({
			exists: true,
			type: 'Public',
			introduction: 'Hi',
			maxMembers: 50,
			members: { agent: { role: 'Owner' }, u1: { role: 'Member' }, u2: { role: 'Member' } },
		});
	});

	test("without an ID of its own, Tencent's ID comes back; an ownerless group says owner null", async () => {
		const { output } = await run([{}], { groupType: 'Meeting', name: 'Standup' });
		expect(output[0].json).toEqual({
			group: '@TGS#2FAKE1',
			type: 'Meeting',
			name: 'Standup',
			owner: null,
			status: 'created',
		});
		expect(server.inspect('group', SDK_APP_ID, '@TGS#2FAKE1')).toMatchObject({
			type: 'Meeting',
			owner: '',
		});
	});

	test('a retry after an attempt that was carried out finds its own ID taken by itself: created, ambiguous, one group', async () => {
		server.script({ kind: 'fault', fault: 'resetAfterApply' });
		const { output, error } = await run([{}], {
			groupType: 'Work',
			name: 'Ops',
			additionalFields: { ownerId: 'owner', customGroupId: 'ops' },
		});
		expect(error).toBeUndefined();
		expect(output[0].json).toEqual({
			group: 'ops',
			type: 'Work',
			name: 'Ops',
			owner: 'owner',
			status: 'created',
			ambiguous: true,
		});
		expect(server.stats.applied.create_group).toBe(1);
	});

	test('running it again with the same ID fails with 10025 and says what to do', async () => {
		const { error } = await run([{}], {
			groupType: 'Work',
			name: 'Team',
			additionalFields: { ownerId: 'owner', customGroupId: 'team' },
		});
		expect(error?.message).toContain('Tencent Chat error 10025');
		expect(error?.description).toContain('dissolve it (Delete) or choose another ID');
	});

	test('an owner who is not imported fails with 10019, saying to import the account first', async () => {
		const { output } = await run(
			[{}],
			{ groupType: 'Work', name: 'X', additionalFields: { ownerId: 'nobody' } },
			{},
			{ continueOnFail: true },
		);
		expect(output[0].json).toMatchObject({
			owner: 'nobody',
			status: 'failed',
			errorCode: 10019,
			hint: expect.stringContaining('import it first'),
		});
	});

	test.each([
		[
			'a name over 30 bytes',
			{ groupType: 'Work', name: 'é'.repeat(16) },
			'Name is 32 bytes long; Tencent allows at most 30',
		],
		[
			'members for an AVChatRoom',
			{ groupType: 'AVChatRoom', name: 'Live', additionalFields: { memberIds: 'u1' } },
			'An AVChatRoom keeps no member list',
		],
		[
			'a Community ID without @TGS#_',
			{ groupType: 'Community', name: 'C', additionalFields: { customGroupId: 'course' } },
			'must start with @TGS#_',
		],
		[
			'an ID with @TGS#',
			{ groupType: 'Public', name: 'P', additionalFields: { customGroupId: '@TGS#x' } },
			'must not start with @TGS#',
		],
		[
			'101 first members',
			{
				groupType: 'Public',
				name: 'P',
				additionalFields: { memberIds: Array.from({ length: 101 }, (_, i) => `u${i}`).join(',') },
			},
			'at most 100',
		],
		[
			'a bad type from an expression',
			{ groupType: '={{ "Club" }}', name: 'P' },
			'Group Type must be one of',
		],
		[
			'Max Members 0 from an expression',
			{ groupType: 'Public', name: 'P', additionalFields: { maxMembers: '={{ 0 }}' } },
			'Max Members must be a whole number',
		],
		[
			'custom data that is not an object',
			{ groupType: 'Public', name: 'P', additionalFields: { customData: '[1]' } },
			'Custom Data must be a JSON object',
		],
	])('%s is refused before any call, naming the field and the item', async (_, fields, message) => {
		const { error } = await run([{}, {}], fields as never);
		expect(error?.message).toContain(message);
		expect(error?.itemIndex).toBe(0);
		expect(server.stats.requests).toBe(0);
	});

	test('with "Continue (using error output)", a refused item goes to the error output, the others are created', async () => {
		const { output, errorOutput } = await run(
			[{ id: 'ok_1' }, { id: 'team' }],
			{
				groupType: 'Work',
				name: 'X',
				additionalFields: { ownerId: 'owner', customGroupId: '={{ $json.id }}' },
			},
			{},
			{ onError: 'continueErrorOutput' },
		);
		expect(output.map((item) => item.json.group)).toEqual(['ok_1']);
		expect(errorOutput.map((item) => [item.json.details, item.pairedItem])).toEqual([
			[expect.objectContaining({ errorCode: 10025 }), { item: 1 }],
		]);
	});
});
