const { src, dest, parallel } = require('gulp');

/** tsc copies neither: n8n loads the icons and each node's codex file from `dist`. */
function buildIcons() {
	return src('icons/*.svg', { encoding: false }).pipe(dest('dist/icons'));
}

function buildCodex() {
	return src('nodes/**/*.node.json').pipe(dest('dist/nodes'));
}

exports['build:icons'] = buildIcons;
exports['build:codex'] = buildCodex;
exports.default = parallel(buildIcons, buildCodex);
