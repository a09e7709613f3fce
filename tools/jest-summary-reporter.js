// Writes this package's totals to .test-results.json so tools/run-tests.mjs can print one closing line
// for the whole monorepo (turbo restores the file from cache along with the cached log).
const fs = require('node:fs');
const path = require('node:path');

class SummaryReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
  }
  onRunComplete(_contexts, results) {
    const skipped = [];
    for (const file of results.testResults) {
      for (const t of file.testResults) {
        if (t.status === 'pending' || t.status === 'skipped' || t.status === 'todo') {
          skipped.push(t.fullName);
        }
      }
    }
    const summary = {
      passed: results.numPassedTests,
      failed: results.numFailedTests + results.numRuntimeErrorTestSuites,
      skipped: results.numPendingTests + results.numTodoTests,
      skippedTests: skipped,
    };
    fs.writeFileSync(path.join(this.rootDir, '.test-results.json'), JSON.stringify(summary, null, 2));
  }
}
module.exports = SummaryReporter;
