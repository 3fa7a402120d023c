import { configWithoutCloudSupport } from '@n8n/node-cli/eslint';

export default [
	...configWithoutCloudSupport,
	{ ignores: ['.test-build/**', 'gulpfile.js', 'jest.config.js'] },
];
