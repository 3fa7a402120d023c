#!/usr/bin/env node
/**
 * The package as npm packs it from a clean clone, and what its tarball must hold.
 *
 *   npm run test:pack
 *
 * A clean clone is what `git clone` gives: the files git tracks (as they are in the working tree, so
 * that uncommitted work is what gets packed) and the untracked ones it does not ignore; no dist/,
 * no .test-build. Its node_modules is a link to this clone's, so that `npm pack` can run `prepack`
 * (the build) without a second `npm ci`. The end-to-end suite installs exactly this tarball.
 */
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '../..');

function run(command, args, options) {
	// Required here, not at the top, so that n8n.js can require this file and this file can stand alone.
	return require('./n8n').run(command, args, options);
}

/** A copy of the clone as `git clone` of it would be, with uncommitted changes: every file git does not ignore. */
function cleanClone() {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tencent-chat-clone-'));
	const listed = run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
		cwd: ROOT,
	});
	for (const file of new Set(listed.split('\0').filter(Boolean))) {
		const from = path.join(ROOT, file);
		if (!fs.existsSync(from)) continue; // deleted in the working tree, not yet committed
		fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
		fs.copyFileSync(from, path.join(dir, file));
	}
	fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
	return dir;
}

/**
 * `npm pack` in a clean clone, with the project's own .npmrc (its `prepack` builds dist/): the
 * tarball's path. The clone is removed afterwards.
 */
function packCleanClone(
	destination = fs.mkdtempSync(path.join(os.tmpdir(), 'tencent-chat-pack-')),
) {
	const clone = cleanClone();
	try {
		const env = Object.fromEntries(
			Object.entries(process.env).filter(([name]) => !/^npm_config_/i.test(name)),
		);
		run('npm', ['pack', '--pack-destination', destination], { cwd: clone, env });
		const tarballs = fs.readdirSync(destination).filter((name) => name.endsWith('.tgz'));
		if (tarballs.length !== 1)
			throw new Error(`npm pack left ${tarballs.length} tarballs in ${destination}`);
		return path.join(destination, tarballs[0]);
	} finally {
		fs.rmSync(clone, { recursive: true, force: true });
	}
}

/** Every problem with the tarball, as sentences; none when it is complete. */
function tarballProblems(tarball) {
	const unpacked = fs.mkdtempSync(path.join(os.tmpdir(), 'tencent-chat-unpacked-'));
	try {
		run('tar', ['-xzf', tarball, '-C', unpacked]);
		const root = path.join(unpacked, 'package');
		const files = listFiles(root);
		const has = (file) => files.has(path.normalize(file));
		const problems = [];
		const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
		const declared = [...(manifest.n8n?.nodes ?? []), ...(manifest.n8n?.credentials ?? [])];
		if ((manifest.n8n?.nodes ?? []).length === 0)
			problems.push('package.json declares no n8n nodes');
		for (const file of declared) {
			if (!has(file)) {
				problems.push(`${file}, declared in package.json's n8n block, is not in the tarball`);
				continue;
			}
			const source = fs.readFileSync(path.join(root, file), 'utf8');
			for (const [, icon] of source.matchAll(/["']file:([^"']+)["']/g)) {
				const iconFile = path.join(path.dirname(file), icon);
				if (!has(iconFile))
					problems.push(`${file} shows the icon ${icon}, which is not in the tarball`);
			}
			if (file.endsWith('.node.js') && !has(file.replace(/\.js$/, '.json')))
				problems.push(`${file} has no codex file (${path.basename(file, '.js')}.json)`);
		}
		for (const file of ['README.md', 'LICENSE', 'package.json'])
			if (!has(file)) problems.push(`${file} is not in the tarball`);
		for (const file of files) {
			if (
				/(^|\/)(test|tests|__tests__|bench|\.test-build)\//.test(file) ||
				/\.test\.js$/.test(file)
			)
				problems.push(`${file} is a test, shipped`);
			else if (/\.ts$/.test(file) && !/\.d\.ts$/.test(file))
				problems.push(`${file} is a source file, shipped`);
			else if (file.endsWith('.map')) problems.push(...sourceMapProblems(root, file, has));
		}
		return problems;
	} finally {
		fs.rmSync(unpacked, { recursive: true, force: true });
	}
}

/** A source map must carry its sources, or name only files that are shipped. */
function sourceMapProblems(root, file, has) {
	const map = JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'));
	return (map.sources ?? [])
		.map((source, index) => ({ source, inline: typeof map.sourcesContent?.[index] === 'string' }))
		.filter(
			({ source, inline }) =>
				!inline && !has(path.join(path.dirname(file), map.sourceRoot ?? '', source)),
		)
		.map(({ source }) => `${file} points at ${source}, which is neither shipped nor inlined`);
}

function listFiles(root, dir = root, found = new Set()) {
	for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) listFiles(root, full, found);
		else found.add(path.relative(root, full));
	}
	return found;
}

module.exports = { packCleanClone, tarballProblems };

if (require.main === module) {
	const tarball = packCleanClone();
	const problems = tarballProblems(tarball);
	for (const problem of problems) console.log(`FAIL ${problem}`);
	console.log(
		problems.length === 0
			? `ok   ${tarball} holds what package.json's n8n block names, and nothing it should not`
			: `${problems.length} problems in ${tarball}`,
	);
	process.exit(problems.length === 0 ? 0 : 1);
}
