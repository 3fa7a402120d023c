/** Jest runs the tests as compiled by `tsc -p tsconfig.test.json` (see the `test` script). */
module.exports = {
	rootDir: '.test-build',
	testMatch: ['**/test/**/*.test.js'],
	testEnvironment: 'node',
	setupFilesAfterEnv: ['<rootDir>/test/helpers/leakWatch.js'],
	testTimeout: 60_000,
	maxWorkers: 2,
};
