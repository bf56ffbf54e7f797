// Prints one closing line for the whole workspace run: "N passed, N failed" (plus suites that failed to run and
// skipped tests when any).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const resultsDir = join(import.meta.dirname, '..', '.test-results');
const totals = { passed: 0, failed: 0, skipped: 0, failedSuites: 0 };
for (const file of readdirSync(resultsDir)) {
  const project = JSON.parse(readFileSync(join(resultsDir, file), 'utf8'));
  for (const key of Object.keys(totals)) totals[key] += project[key] ?? 0;
}
console.log(
  `${totals.passed} passed, ${totals.failed} failed` +
    (totals.failedSuites ? `, ${totals.failedSuites} suites failed to run` : '') +
    (totals.skipped ? `, ${totals.skipped} skipped` : ''),
);
if (totals.passed === 0 || totals.failed > 0 || totals.failedSuites > 0) process.exitCode = 1;
