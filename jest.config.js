/** Jest runs the tests as compiled by `tsc -p tsconfig.test.json` (see the `test` script). */
module.exports = {
	rootDir: '.test-build',
	testMatch: ['**/test/**/*.test.js'],
	// Node's environment; a test's console output is printed only if the test fails (QUIET_LOGS=0: always).
	testEnvironment: '<rootDir>/test/helpers/quietEnvironment.js',
	setupFilesAfterEnv: ['<rootDir>/test/helpers/leakWatch.js'],
	testTimeout: 60_000,
	maxWorkers: 2,
};
