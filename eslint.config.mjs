import { configWithoutCloudSupport } from '@n8n/node-cli/eslint';

export default [
	...configWithoutCloudSupport,
	{ ignores: ['.test-build/**', 'build/**', 'gulpfile.js', 'jest.config.js'] },
	{
		// undici is this package's one runtime dependency, on purpose: a keep-alive pool per origin,
		// reused across executions (n8n's own helpers open a new connection per request). Such a
		// package is not eligible for n8n Cloud, which is why this is the non-Cloud config.
		files: ['package.json'],
		rules: {
			'@n8n/community-nodes/no-runtime-dependencies': 'off',
			// n8n's verification asks for an author email; the maintainers have no shared address yet,
			// and a made-up one would be worse than none. The release workflow refuses to publish
			// until package.json's author has an email.
			'@n8n/community-nodes/valid-author': 'off',
		},
	},
	{
		// The Tencent Chat client, and each resource's client functions beside it (api/), know
		// nothing of n8n; the node's transport turns their errors into NodeApiError.
		files: ['nodes/TencentChat/client/**/*.ts', 'nodes/TencentChat/actions/*/api/*.ts'],
		rules: { '@n8n/community-nodes/require-node-api-error': 'off' },
	},
	{
		// Tests and benchmarks deal in plain errors, hold the fake keys of a fake server, and print
		// their figures.
		files: ['test/**/*.ts', 'bench/**/*.ts'],
		rules: {
			'@n8n/community-nodes/require-node-api-error': 'off',
			'@n8n/community-nodes/no-hardcoded-secrets': 'off',
			// Benchmarks and end-to-end tests start the fake server and n8n as processes; their
			// helper nodes are test fixtures, never shipped.
			'@n8n/community-nodes/no-dangerous-functions': 'off',
			'@n8n/community-nodes/node-usable-as-tool': 'off',
			'no-console': 'off',
		},
	},
];
