// Totals the test results of one ./dev test run (xunit TRX files and vitest's JSON) and prints the closing line
// "N passed, N failed, N skipped". Exits non-zero when any test failed or no test ran at all.
//
//   node scripts/test-summary.mjs RESULTS_DIR [TEST_ASSEMBLY.dll ...]
//
// Honest about runs that did not finish (issue 25: a crashed test host once printed "926 passed, 0 failed"). When a
// test host crashes or the run is aborted, VSTest writes a TRX whose counters say nothing ran, even for the tests that
// passed before the crash. Such an assembly, and any assembly given on the command line that left no TRX at all, has
// every test it holds (as `dotnet test --list-tests` lists them) counted as failed, and is named on its own line.
import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { spawnSync } from "node:child_process";

const [dir, ...assemblies] = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;
const reported = new Set();
const notes = [];

for (const name of readdirSync(dir, { recursive: true })) {
  const path = join(dir, String(name));
  if (path.endsWith(".trx")) {
    const trx = readFileSync(path, "utf8");
    const counters = trx.match(/<Counters\b[^>]*>/);
    const value = (attribute) => Number(((counters?.[0] ?? "").match(new RegExp(`\\b${attribute}="(\\d+)"`)) ?? [0, 0])[1]);
    const assembly = assemblyOf(trx);
    if (assembly) reported.add(assembly);
    const runInfo = [...trx.matchAll(/<RunInfo\b[\s\S]*?<\/RunInfo>/g)].map((m) => m[0]).join("\n");
    const aborted = /aborted|crashed/i.test(runInfo) || /<ResultSummary outcome="Aborted"/.test(trx);
    const recordedFailed = value("failed") + value("error") + value("timeout") + value("aborted");
    if (aborted) {
      // The run did not finish: what it recorded cannot be trusted to be all, and usually is nothing.
      const held = assembly ? listed(assembly) : 0;
      const lost = Math.max(held - value("passed") - recordedFailed, 1);
      passed += value("passed");
      failed += recordedFailed + lost;
      notes.push(`${assembly ?? basename(path)}: the test run was aborted (${firstLine(runInfo)}); ${lost} tests counted as failed`);
    } else {
      passed += value("passed");
      failed += recordedFailed;
      skipped += value("notExecuted");
    }
  } else if (path.endsWith("vitest.json")) {
    const report = JSON.parse(readFileSync(path, "utf8"));
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    skipped += report.numPendingTests + report.numTodoTests;
  }
}

// A test assembly that left no results at all never ran (or its host died before it could write them).
for (const dll of assemblies) {
  const assembly = basename(dll).replace(/\.dll$/, "");
  if (reported.has(assembly.toLowerCase())) continue;
  const held = Math.max(listed(dll), 1);
  failed += held;
  notes.push(`${assembly}: no test results at all; ${held} tests counted as failed`);
}

for (const note of notes) console.log(note);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);

/** The assembly a TRX is of: from its tests' storage paths, or, when it holds no result, from xunit's "Discovering" line. */
function assemblyOf(trx) {
  const storage = trx.match(/\bstorage="([^"]+)"/);
  if (storage) return basename(storage[1]).replace(/\.dll$/i, "").toLowerCase();
  const discovering = trx.match(/Discovering:\s+(\S+)/);
  return discovering ? discovering[1].toLowerCase() : null;
}

/** How many tests an assembly holds (by name, or by the path to its DLL), as `dotnet test --list-tests` lists them; 0 if unknown. */
function listed(assembly) {
  const dll = assembly.endsWith(".dll") ? assembly : assemblies.find((a) => basename(a).replace(/\.dll$/, "").toLowerCase() === assembly);
  if (!dll) return 0;
  const run = spawnSync("dotnet", ["test", dll, "--list-tests"], { encoding: "utf8", timeout: 120_000 });
  const lines = (run.stdout ?? "").split("\n");
  const start = lines.findIndex((line) => line.includes("The following Tests are available"));
  return start < 0 ? 0 : lines.slice(start + 1).filter((line) => /^\s{4}\S/.test(line)).length;
}

function firstLine(text) {
  const reason = text.match(/<Text>([^<\n]*)/);
  return reason ? reason[1].trim() : "no reason given";
}
