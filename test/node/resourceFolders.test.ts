import { describe, expect, test } from '@jest/globals';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

import { COMMANDS, RESOURCES } from '../../nodes/TencentChat/actions/resources';

// A resource is one folder (operations, fields, client functions, commands, error codes) and one
// line in the list of resources: nothing else in the node reaches into it, and the names follow one
// rule. These read the sources as written, since a stray import is what they are about.

const ROOT = resolve(__dirname, '../../..');
const NODE = join(ROOT, 'nodes/TencentChat');
const ACTIONS = join(NODE, 'actions');

/** Where a resource's folder is reached from outside on purpose, and why. */
const ALLOWED_REACHES: Record<string, string> = {
	// query_online_status (User) is an openim command: its codes are the message service's.
	'actions/user/api/commands.ts -> actions/message/api/errorCodes': 'one service, two resources',
};

function sourcesBelow(folder: string): string[] {
	return readdirSync(folder).flatMap((name) => {
		const path = join(folder, name);
		if (statSync(path).isDirectory()) return sourcesBelow(path);
		return path.endsWith('.ts') ? [path] : [];
	});
}

function importsOf(file: string): string[] {
	const source = readFileSync(file, 'utf8');
	return [...source.matchAll(/^(?:import|export)[^;]*?from '(\.[^']+)';/gms)].map((match) =>
		resolve(dirname(file), match[1]),
	);
}

const resourceOfPath = (path: string): string | undefined =>
	RESOURCES.find((resource) => path.startsWith(join(ACTIONS, resource.value) + '/'))?.value;

describe('a resource is one folder', () => {
	test('nothing outside a resource folder imports from it but the list of resources', () => {
		const reaches: string[] = [];
		for (const file of sourcesBelow(NODE)) {
			const from = resourceOfPath(file);
			for (const target of importsOf(file)) {
				const into = resourceOfPath(target);
				if (into === undefined || into === from) continue;
				const reach = `${relative(NODE, file)} -> ${relative(NODE, target)}`;
				if (file === join(ACTIONS, 'resources.ts') || reach in ALLOWED_REACHES) continue;
				reaches.push(reach);
			}
		}
		expect(reaches).toEqual([]);
	});

	test.each(RESOURCES.map((resource) => [resource.value]))(
		'%s: every operation is a file named by its value, and tests of the resource run it',
		(value) => {
			const resource = RESOURCES.find((candidate) => candidate.value === value)!;
			const tests = readdirSync(join(ROOT, 'test/node', value))
				.filter((name) => name.endsWith('.test.ts'))
				.map((name) => readFileSync(join(ROOT, 'test/node', value, name), 'utf8'))
				.join('\n');
			for (const [key, operation] of Object.entries(resource.operations)) {
				expect(operation.option.value).toBe(key);
				const ownFile = existsSync(join(ROOT, 'test/node', value, `${key}.test.ts`));
				expect(ownFile || tests.includes(`'${key}'`)).toBe(true);
			}
			const files = readdirSync(join(ACTIONS, value)).filter((name) =>
				name.endsWith('.operation.ts'),
			);
			expect(files.sort()).toEqual(
				Object.keys(resource.operations)
					.map((key) => `${key}.operation.ts`)
					.sort(),
			);
		},
	);

	test.each(RESOURCES.map((resource) => [resource.value]))(
		'%s: a page of the docs, linked from the README',
		(value) => {
			const page = `docs/${value.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}.md`;
			expect(existsSync(join(ROOT, page))).toBe(true);
			expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toContain(`(${page})`);
		},
	);
});

describe('one name per command', () => {
	test('no two resources name a command alike', () => {
		const keys = RESOURCES.flatMap((resource) => Object.keys(resource.commands));
		expect(keys.length).toBe(new Set(keys).size);
		expect(Object.keys(COMMANDS).sort()).toEqual([...keys].sort());
	});

	test("a command's key is the name of the client function of its resource that sends it", () => {
		// Get Unread Count's two functions (the total, and per peer) send one command.
		const sharedByTwo = new Set(['getUnreadCount']);
		const unnamed: string[] = [];
		for (const resource of RESOURCES) {
			// eslint-disable-next-line @typescript-eslint/no-require-imports
			const api = require(
				join(__dirname, '../../nodes/TencentChat/actions', resource.value, 'api'),
			);
			for (const key of Object.keys(resource.commands)) {
				if (typeof api[key] !== 'function' && !sharedByTwo.has(key))
					unnamed.push(`${resource.value}.${key}`);
			}
		}
		expect(unnamed).toEqual([]);
	});
});
