// Mocha's spec reporter plus the plain closing line CI reads: "N passed, N failed[, N skipped]".
// Mocha's own "N passing" summary is not read by CI, so the counts are printed from its results here.
"use strict";
const Mocha = require("mocha");

class SpecWithTotals extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const { passes, failures, pending } = this.stats;
      const skipped = pending > 0 ? `, ${pending} skipped` : "";
      // Printed after the spec summary so it is the last line mocha writes.
      process.nextTick(() => console.log(`${passes} passed, ${failures} failed${skipped}`));
    });
  }
}

module.exports = SpecWithTotals;
