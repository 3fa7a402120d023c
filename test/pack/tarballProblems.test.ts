import { afterAll, describe, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

// The check `npm run test:pack` and the e2e apply to the packed tarball, on tarballs made here: a
// complete one passes, and each way a package can be incomplete or ship too much is named.
// pack.js is plain JavaScript outside the compiled tree, required by its path.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { tarballProblems } = require(resolve(__dirname, '../../../test/e2e/pack.js')) as {
	tarballProblems: (tarball: string) => string[];
};

const NODE = 'dist/nodes/Thing/Thing.node.js';
const CREDENTIAL = 'dist/credentials/ThingApi.credentials.js';
const MANIFEST = JSON.stringify({
	name: 'n8n-nodes-thing',
	n8n: { nodes: [NODE], credentials: [CREDENTIAL] },
});

const complete: Record<string, string> = {
	'package.json': MANIFEST,
	'README.md': '# thing',
	LICENSE: 'MIT',
	[NODE]:
		"exports.Thing = { icon: { light: 'file:../../icons/thing.svg', dark: 'file:../../icons/thing.dark.svg' } };\n//# sourceMappingURL=Thing.node.js.map",
	[`${NODE}.map`]: JSON.stringify({
		version: 3,
		sources: ['../../../nodes/Thing/Thing.node.ts'],
		sourcesContent: ['export const Thing = {};'],
		mappings: '',
	}),
	'dist/nodes/Thing/Thing.node.json': '{}',
	[CREDENTIAL]: "exports.ThingApi = { icon: 'file:../icons/thing.svg' };",
	'dist/icons/thing.svg': '<svg/>',
	'dist/icons/thing.dark.svg': '<svg/>',
};

function tarball(files: Record<string, string | undefined>): string {
	const dir = mkdtempSync(join(tmpdir(), 'tarball-test-'));
	for (const [file, text] of Object.entries(files)) {
		if (text === undefined) continue;
		mkdirSync(dirname(join(dir, 'package', file)), { recursive: true });
		writeFileSync(join(dir, 'package', file), text);
	}
	execFileSync('tar', ['-czf', join(dir, 'package.tgz'), '-C', dir, 'package']);
	return join(dir, 'package.tgz');
}

const made: string[] = [];
const problemsOf = (files: Record<string, string | undefined>) => {
	const file = tarball(files);
	made.push(dirname(file));
	return tarballProblems(file);
};

describe("the packed tarball's check", () => {
	afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

	test('passes a complete package, its source maps carrying their sources', () => {
		expect(problemsOf(complete)).toEqual([]);
	});

	test('names what a pack without a build leaves out: the declared node and credential', () => {
		expect(
			problemsOf({ 'package.json': MANIFEST, 'README.md': '# thing', LICENSE: 'MIT' }),
		).toEqual([
			`${NODE}, declared in package.json's n8n block, is not in the tarball`,
			`${CREDENTIAL}, declared in package.json's n8n block, is not in the tarball`,
		]);
	});

	test('names a missing icon, codex file and license', () => {
		expect(
			problemsOf({
				...complete,
				'dist/icons/thing.dark.svg': undefined,
				'dist/nodes/Thing/Thing.node.json': undefined,
				LICENSE: undefined,
			}),
		).toEqual([
			`${NODE} shows the icon ../../icons/thing.dark.svg, which is not in the tarball`,
			`${NODE} has no codex file (Thing.node.json)`,
			'LICENSE is not in the tarball',
		]);
	});

	test('names shipped sources, tests, and a source map that points at a source not shipped', () => {
		const problems = problemsOf({
			...complete,
			'nodes/Thing/Thing.node.ts': 'export {}',
			'dist/test/thing.test.js': '',
			'dist/nodes/Thing/helpers.js.map': JSON.stringify({
				version: 3,
				sources: ['../../../nodes/Thing/helpers.ts'],
				mappings: '',
			}),
			'dist/nodes/Thing/Thing.node.d.ts': 'export {}',
		});
		expect(problems).toEqual(
			expect.arrayContaining([
				'nodes/Thing/Thing.node.ts is a source file, shipped',
				'dist/test/thing.test.js is a test, shipped',
				'dist/nodes/Thing/helpers.js.map points at ../../../nodes/Thing/helpers.ts, which is neither shipped nor inlined',
			]),
		);
		expect(problems).toHaveLength(3); // a declaration file is not a source
	});
});
