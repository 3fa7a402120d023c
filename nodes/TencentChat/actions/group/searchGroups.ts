import type {
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { COMMANDS, getAppGroupPage, getGroups } from './api';
import { type TencentChatClient, TencentChatError } from '../../client';
import { createClient } from '../../transport';

// The group locator's list: every group of the app, with its name, searchable by name or ID.
//
// Tencent lists an app's group IDs at one call a second (up to 10,000 a call) and names them at
// 50 a call (get_group_info, 200 calls a second). A large app takes seconds to list, longer than
// an editor waits: the list is loaded once per app in the background, each search answers from
// what is loaded so far (waiting a moment for more), and while it is not complete the first entry
// says how far it got. A listing is kept for a minute, then loaded afresh.

const PAGE = 100;
const WAIT_MS = 2_500;
const FRESH_MS = 60_000;
/** A bound on memory for one app's listing: an app past it is searched by ID (By ID mode). */
const MAX_GROUPS = 200_000;

interface Directory {
	ids: string[];
	names: Map<string, string>;
	total?: number;
	done: boolean;
	error?: string;
	startedAt: number;
	loading: Promise<void>;
}

const directories = new Map<string, Directory>();

async function load(client: TencentChatClient, directory: Directory): Promise<void> {
	let next = 0;
	do {
		const page = await getAppGroupPage(client, {
			limit: COMMANDS.getAppGroupPage.maxPerCall ?? 10_000,
			next,
		});
		directory.total = page.total;
		const fresh = page.groupIds.slice(0, MAX_GROUPS - directory.ids.length);
		directory.ids.push(...fresh);
		const chunks: string[][] = [];
		for (let start = 0; start < fresh.length; start += 50)
			chunks.push(fresh.slice(start, start + 50));
		await Promise.all(
			chunks.map(async (chunk) => {
				const answer = await getGroups(client, chunk, { fields: ['Name'] });
				for (const [id, info] of answer.results)
					if ('fields' in info && typeof info.fields.Name === 'string')
						directory.names.set(id, info.fields.Name);
			}),
		);
		next = page.next ?? 0;
	} while (next !== 0 && directory.ids.length < MAX_GROUPS);
}

async function directoryFor(context: ILoadOptionsFunctions): Promise<Directory> {
	const credentials = await context.getCredentials('tencentChatApi');
	const id = `${String(credentials.sdkAppId)} ${String(credentials.region)} ${String(credentials.baseUrl ?? '')}`;
	const known = directories.get(id);
	if (
		known !== undefined &&
		(!known.done || Date.now() - known.startedAt < FRESH_MS) &&
		known.error === undefined
	)
		return known;
	const client = await createClient.call(context, {});
	const directory: Directory = {
		ids: [],
		names: new Map(),
		done: false,
		startedAt: Date.now(),
		loading: Promise.resolve(),
	};
	directory.loading = load(client, directory).then(
		() => void (directory.done = true),
		(error: unknown) => {
			directory.done = true;
			directory.error = error instanceof TencentChatError ? error.message : String(error);
		},
	);
	directories.set(id, directory);
	return directory;
}

export async function searchGroups(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const directory = await directoryFor(this);
	await Promise.race([
		directory.loading,
		new Promise((resolve) => setTimeout(resolve, WAIT_MS).unref()),
	]);
	if (directory.error !== undefined && directory.ids.length === 0) {
		throw new NodeOperationError(
			this.getNode(),
			`Could not list the app's groups: ${directory.error}`,
		);
	}
	const wanted = filter?.trim().toLowerCase() ?? '';
	const matching =
		wanted === ''
			? directory.ids
			: directory.ids.filter(
					(id) =>
						id.toLowerCase().includes(wanted) ||
						directory.names.get(id)?.toLowerCase().includes(wanted),
				);
	const offset = Math.max(0, Number(paginationToken ?? 0) || 0);
	const results: INodeListSearchItems[] = matching.slice(offset, offset + PAGE).map((id) => {
		const name = directory.names.get(id);
		return { name: name !== undefined && name !== id ? `${name} (${id})` : id, value: id };
	});
	if (!directory.done && offset === 0) {
		const of =
			directory.total !== undefined ? ` of ${directory.total.toLocaleString('en-US')}` : '';
		results.unshift({
			name: `Still loading: ${directory.ids.length.toLocaleString('en-US')}${of} groups listed so far; search again in a moment for the rest`,
			value: '',
		});
	}
	const more = offset + PAGE < matching.length || !directory.done;
	return { results, ...(more ? { paginationToken: String(offset + PAGE) } : {}) };
}

/** Forgets every listing once those loading are done: for tests. */
export async function forgetGroupListings(): Promise<void> {
	await Promise.all([...directories.values()].map((directory) => directory.loading));
	directories.clear();
}
