// Mocha's spec reporter plus the plain closing line CI reads: "N passed, N failed[, N skipped]".
// Mocha's own "N passing" summary is not read by CI, so the counts are printed from its results here.
// With MOCHA_FILE_TIMINGS=<file>, it also writes how long each test file took (its top-level suites,
// hooks included), which `npm run bench` reads to say where the suite's time goes; in parallel mode
// the files are timed in their workers by tests/fileTimings.js, and their lines are folded in here.
"use strict";
const { existsSync, readFileSync, rmSync, writeFileSync } = require("node:fs");
const path = require("node:path");
const Mocha = require("mocha");

const { EVENT_RUN_END, EVENT_SUITE_BEGIN, EVENT_SUITE_END } = Mocha.Runner.constants;

class SpecWithTotals extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    const timingsFile = process.env.MOCHA_FILE_TIMINGS;
    const fileMs = new Map();
    const startedAt = new Map();
    if (timingsFile) {
      // What an earlier run stopped halfway may have left.
      rmSync(`${timingsFile}.lines`, { force: true });
      runner.on(EVENT_SUITE_BEGIN, (suite) => {
        if (suite.file && suite.parent && suite.parent.root) startedAt.set(suite, performance.now());
      });
      runner.on(EVENT_SUITE_END, (suite) => {
        if (!startedAt.has(suite)) return;
        const file = path.relative(process.cwd(), suite.file);
        fileMs.set(file, (fileMs.get(file) || 0) + performance.now() - startedAt.get(suite));
      });
    }
    runner.once(EVENT_RUN_END, () => {
      const { passes, failures, pending } = this.stats;
      const skipped = pending > 0 ? `, ${pending} skipped` : "";
      if (timingsFile) {
        const lines = `${timingsFile}.lines`;
        if (existsSync(lines)) {
          for (const line of readFileSync(lines, "utf8").split("\n").filter(Boolean)) {
            const { file, ms } = JSON.parse(line);
            fileMs.set(file, (fileMs.get(file) || 0) + ms);
          }
          rmSync(lines, { force: true });
        }
        writeFileSync(timingsFile, JSON.stringify(Object.fromEntries(fileMs)));
      }
      // Printed after the spec summary so it is the last line mocha writes.
      process.nextTick(() => console.log(`${passes} passed, ${failures} failed${skipped}`));
    });
  }
}

module.exports = SpecWithTotals;
