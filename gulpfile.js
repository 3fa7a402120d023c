const { src, dest } = require('gulp');

/** tsc does not copy icons; n8n loads them from next to the compiled node and credential. */
function buildIcons() {
	return src('icons/*.svg', { encoding: false }).pipe(dest('dist/icons'));
}

exports['build:icons'] = buildIcons;
