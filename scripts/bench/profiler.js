// Preloaded into the local stack by the bench (`node -r scripts/bench/profiler.js ...`): SIGUSR2
// starts V8's CPU profiler, and the profile is written to BENCH_PROFILE_FILE when the process exits.
// Unlike `node --cpu-prof`, this leaves start-up out, so the profile shows the server under load.
// An in-thread inspector session answers `post` synchronously, which is what lets the exit handler
// (where nothing asynchronous runs) stop the profiler and write the file.
"use strict";
const inspector = require("node:inspector");
const { writeFileSync } = require("node:fs");

const file = process.env.BENCH_PROFILE_FILE;
if (file) {
  const session = new inspector.Session();
  let started = false;
  process.on("SIGUSR2", () => {
    if (started) return;
    started = true;
    session.connect();
    session.post("Profiler.enable");
    session.post("Profiler.start");
  });
  process.on("exit", () => {
    if (!started) return;
    session.post("Profiler.stop", (error, result) => {
      if (!error) writeFileSync(file, JSON.stringify(result.profile));
    });
  });
}
