// Preloaded into a measured child process (`node -r scripts/bench/usage.js ...`): at exit it writes
// the process's peak resident memory, which Node reads from getrusage(2), to BENCH_USAGE_FILE.
// Plain JavaScript so it loads before ts-node does and adds nothing to what is measured.
"use strict";
const { writeFileSync } = require("node:fs");

const file = process.env.BENCH_USAGE_FILE;
if (file) {
  process.on("exit", () => {
    writeFileSync(file, JSON.stringify({ maxRssKiB: process.resourceUsage().maxRSS }));
  });
}
