import { describe, expect, test } from '@jest/globals';
import { type INode, type INodeProperties, type INodeType, Workflow } from 'n8n-workflow';

import { TencentChat } from '../../nodes/TencentChat/TencentChat.node';
import { TencentChatTrigger } from '../../nodes/TencentChatTrigger/TencentChatTrigger.node';

// What a person sees in the editor: the canvas subtitle as n8n evaluates it, the order of the
// resources, placeholders, and the notices where a choice has a limit.

function subtitleOf(type: INodeType, parameters: INode['parameters']): unknown {
	const node: INode = {
		id: '1',
		name: 'Node',
		type: 'n8n-nodes-tencent-chat.any',
		typeVersion: 1,
		position: [0, 0],
		parameters,
	};
	const nodeTypes = {
		getByName: () => type,
		getByNameAndVersion: () => type,
		getKnownTypes: () => ({}),
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	return workflow.expression.getSimpleParameterValue(
		node,
		type.description.subtitle,
		'internal',
		{},
	);
}

const node = new TencentChat();
const properties = node.description.properties;
const resources = (properties.find((property) => property.name === 'resource')?.options ??
	[]) as Array<{ name: string; value: string }>;
const operationsOf = (resource: string) =>
	(properties.find(
		(property) =>
			property.name === 'operation' && property.displayOptions?.show?.resource?.includes(resource),
	)?.options ?? []) as Array<{
		name: string;
		value: string;
	}>;

function allProperties(list: INodeProperties[]): INodeProperties[] {
	return list.flatMap((property) => [
		property,
		...allProperties(
			((property.options ?? []) as Array<INodeProperties | { values?: INodeProperties[] }>).flatMap(
				(option) => ('displayName' in option ? [option] : (option.values ?? [])),
			),
		),
	]);
}

describe('the editor', () => {
	test('lists the headline resource, Official Account, first', () => {
		expect(resources.map((resource) => resource.value)).toEqual([
			'officialAccount',
			'group',
			'account',
			'message',
			'user',
		]);
	});

	test('shows a readable subtitle for every operation, as n8n evaluates it on the canvas', () => {
		const seen = new Map<string, string>();
		let operations = 0;
		for (const resource of resources) {
			for (const operation of operationsOf(resource.value)) {
				const subtitle = subtitleOf(node, { resource: resource.value, operation: operation.value });
				expect(typeof subtitle).toBe('string');
				const label = subtitle as string;
				expect(label).not.toMatch(/[a-z][A-Z]/); // no raw camelCase value
				expect(label.length).toBeLessThanOrEqual(28); // the canvas cuts longer ones
				expect(seen.get(label)).toBeUndefined(); // two operations never read alike
				seen.set(label, `${resource.value}.${operation.value}`);
				operations += 1;
			}
		}
		expect(seen.size).toBe(operations);
		expect(operations).toBeGreaterThanOrEqual(35);
		expect(subtitleOf(node, { resource: 'officialAccount', operation: 'addSubscribers' })).toBe(
			'Add Subscribers',
		);
		expect(subtitleOf(node, { resource: 'account', operation: 'delete' })).toBe('Delete Accounts');
		expect(subtitleOf(node, { resource: 'officialAccount', operation: 'sendMessage' })).toBe(
			'Broadcast Message',
		);
	});

	test("placeholders are examples (e.g. …), the Official Account ID's without a doubled prefix", () => {
		const placeholders = allProperties(properties)
			.filter(
				(property) =>
					typeof property.placeholder === 'string' &&
					!['collection', 'fixedCollection'].includes(property.type),
			)
			.map((property) => [property.name, property.placeholder as string]);
		expect(placeholders.length).toBeGreaterThan(15);
		for (const [, placeholder] of placeholders) {
			expect(placeholder).toMatch(/^e\.g\. /);
			expect(placeholder).not.toContain('@TOA#_@TOA#');
		}
		expect(placeholders).toContainEqual(['officialAccountId', 'e.g. @TOA#_dOEF']);
	});

	test("Send Message's limits are a notice of the operation, not a tooltip", () => {
		const notice = properties.find(
			(property) =>
				property.type === 'notice' &&
				property.displayOptions?.show?.operation?.includes('sendMessage'),
		);
		expect(notice?.displayOptions?.show?.resource).toEqual(['officialAccount']);
		expect(notice?.displayName).toMatch(/1 message a second/);
		expect(notice?.displayName).toMatch(/2 broadcasts an hour/);
		expect(notice?.displayName).toMatch(/duplicate/);
	});
});

describe("the trigger's editor", () => {
	const trigger = new TencentChatTrigger();
	const triggerProperties = trigger.description.properties;

	test('shows the event by its name on the canvas, or how many', () => {
		expect(subtitleOf(trigger, { events: ['OfficialAccount.CallbackAfterAddSubscriber'] })).toBe(
			'Subscriber Added',
		);
		expect(subtitleOf(trigger, { events: ['*'] })).toBe('Any Event');
		expect(subtitleOf(trigger, { events: ['Group.*', 'C2C.CallbackAfterSendMsg'] })).toBe(
			'2 events',
		);
	});

	test('says where Respond is chosen that only Respond to Webhook version 1 works, and offers that node to paste', () => {
		const respond = triggerProperties.find((property) => property.name === 'respond');
		const responseNode = (
			respond?.options as Array<{ value: string; name: string; description: string }>
		).find((option) => option.value === 'responseNode');
		expect(responseNode?.name).toMatch(/Version 1/);
		expect(responseNode?.description).toMatch(/version 1/);
		const notice = triggerProperties.find((property) => property.name === 'respondNotice');
		expect(notice?.displayOptions?.show?.respond).toEqual(['responseNode']);
		const pasted = JSON.parse(
			/<code>(.*)<\/code>/.exec(notice?.displayName ?? '')?.[1] ?? 'null',
		) as { nodes: Array<{ type: string; typeVersion: number }> };
		expect(pasted.nodes).toEqual([
			expect.objectContaining({ type: 'n8n-nodes-base.respondToWebhook', typeVersion: 1 }),
		]);
	});
});
