// Prints "passed failed" from a Jest JSON report. A suite that failed outside its tests (a failing
// afterAll, such as the secret-leak watch, or a file that did not load) counts as one failure.
const report = require(require('node:path').resolve(process.argv[2]));
let failed = report.numFailedTests;
for (const suite of report.testResults) {
	const failingTests = suite.assertionResults.filter((test) => test.status === 'failed').length;
	if (suite.status === 'failed' && failingTests === 0) failed += 1;
}
console.log(`${report.numPassedTests} ${failed}`);
