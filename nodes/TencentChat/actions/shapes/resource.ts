// What a resource is: the one object its folder exports, from which the node's resource list, its
// fields, the router, the editor's list searches and the command tables are all derived
// (`actions/resources.ts`). Adding a resource is a folder and one line in that list.

import type {
	IExecuteFunctions,
	ILoadOptionsFunctions,
	INodeExecutionData,
	INodeListSearchResult,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import type { Command } from '../../client';

/** One operation file: its Operation option, its fields and its `execute` over all input items. */
export interface Operation {
	option: INodePropertyOptions & { name: string; value: string };
	description: INodeProperties[];
	execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]>;
	/** The canvas subtitle when the operation's name alone would not say what it acts on. */
	subtitle?: string;
}

export type ListSearch = (
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
) => Promise<INodeListSearchResult>;

export interface ResourceDefinition<Commands extends Record<string, Command>> {
	/** As the editor lists it. */
	name: string;
	/** As saved workflows hold it: never changes. */
	value: string;
	operations: Record<string, Operation>;
	defaultOperation: string;
	/** Every command the resource sends, by the name of the client function that sends it. */
	commands: Commands;
	/** The editor's searchable lists (resource locators' From List), by method name. */
	listSearch?: Record<string, ListSearch>;
}

export interface Resource<Commands extends Record<string, Command> = Record<string, Command>>
	extends ResourceDefinition<Commands> {
	/** The Operation selector and every operation's fields, shown for this resource only. */
	description: INodeProperties[];
}

export function defineResource<Commands extends Record<string, Command>>(
	definition: ResourceDefinition<Commands>,
): Resource<Commands> {
	return {
		...definition,
		description: [
			operationField(definition.value, definition.operations, definition.defaultOperation),
			...Object.values(definition.operations).flatMap((operation) => operation.description),
		],
	};
}

/** A resource's Operation selector, from the same map its router uses: each operation's `option`. */
export function operationField(
	resource: string,
	operations: Record<string, { option: { name: string } }>,
	defaultOperation: string,
): INodeProperties {
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		options: Object.values(operations)
			.map((operation) => operation.option as INodePropertyOptions)
			.sort((a, b) => a.name.localeCompare(b.name)),
		default: defaultOperation,
	};
}
