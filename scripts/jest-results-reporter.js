// Jest reporter: records each project's totals per test tier in <workspace>/.test-results/, so one line can
// sum up a run of every project (Nx hides the output of passing tasks). See scripts/test-summary.js.
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

const resultsDir = join(import.meta.dirname, '..', '.test-results');

export default class ResultsReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
  }

  onRunComplete(_contexts, results) {
    mkdirSync(resultsDir, { recursive: true });
    const { numPassedTests: passed, numFailedTests: failed, numPendingTests: skipped } = results;
    // A suite that fails to load or throws outside a test counts no failed test: it is counted on its own, so the
    // summary never reads "0 failed" for a red run.
    const failedSuites = results.numRuntimeErrorTestSuites;
    writeFileSync(
      join(resultsDir, `${basename(this.rootDir)}.${process.env.TEST_TIER ?? 'unit'}.json`),
      JSON.stringify({ passed, failed, skipped, failedSuites }),
    );
  }
}
