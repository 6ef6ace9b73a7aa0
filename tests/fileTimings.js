// In parallel mode (see .mocharc.json) each test file runs in a worker process and the reporter
// only sees its events replayed at once when the file is done, so it cannot time files itself.
// These root hooks do it where the file runs: mocha calls root beforeAll/afterAll once per file in
// a worker. Each file's time (its hooks included) is appended to MOCHA_FILE_TIMINGS + ".lines",
// which tests/reporter.js folds into MOCHA_FILE_TIMINGS. Serial runs are timed by the reporter.
"use strict";
const { appendFileSync } = require("node:fs");
const path = require("node:path");

const timingsFile = process.env.MOCHA_FILE_TIMINGS;
let startedAt = 0;

exports.mochaHooks =
  timingsFile && process.env.MOCHA_WORKER_ID !== undefined
    ? {
        beforeAll() {
          startedAt = performance.now();
        },
        afterAll() {
          const ms = performance.now() - startedAt;
          for (const suite of this.test.parent.suites) {
            if (!suite.file) continue;
            const file = path.relative(process.cwd(), suite.file);
            appendFileSync(`${timingsFile}.lines`, `${JSON.stringify({ file, ms })}\n`);
            break;
          }
        },
      }
    : {};
