// Totals the test results of one ./dev test run (xunit TRX files and vitest's JSON) and prints the closing
// line "N passed, N failed". Exits non-zero when any test failed or no test ran at all.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.argv[2];
let passed = 0;
let failed = 0;
let skipped = 0;
for (const name of readdirSync(dir, { recursive: true })) {
  const path = join(dir, String(name));
  if (path.endsWith(".trx")) {
    const counters = readFileSync(path, "utf8").match(/<Counters\b[^>]*>/);
    if (!counters) continue;
    const value = (attribute) => Number((counters[0].match(new RegExp(`\\b${attribute}="(\\d+)"`)) ?? [0, 0])[1]);
    passed += value("passed");
    failed += value("failed") + value("error") + value("timeout") + value("aborted");
    skipped += value("notExecuted");
  } else if (path.endsWith("vitest.json")) {
    const report = JSON.parse(readFileSync(path, "utf8"));
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    skipped += report.numPendingTests + report.numTodoTests;
  }
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
