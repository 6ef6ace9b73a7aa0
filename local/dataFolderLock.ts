/**
 * One local stack per data folder. LevelDB (under dynalite) locks its own files, but a second stack
 * only learns that from a later `Database is closed` error and a dynalite stack trace; taking a lock
 * file first (holding our process id) lets the second start fail at once, naming the folder and the
 * process that uses it. A lock left by a process that no longer runs is taken over.
 */
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

/** The lock file's name inside the data folder. */
export const LOCK_FILE = "stack.pid";

/** Thrown when another running process holds the data folder. */
export class DataFolderInUseError extends Error {
  override readonly name = "DataFolderInUseError";
}

/** A held lock; `release()` removes it (only if it is still ours). */
export interface DataFolderLock {
  release(): void;
}

/** Takes the data folder for this process, or throws `DataFolderInUseError` naming who has it. */
export function lockDataFolder(folder: string): DataFolderLock {
  const file = path.join(folder, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      // "wx": create only if absent, so two starts racing cannot both win.
      writeFileSync(file, `${process.pid}\n`, { flag: "wx" });
      return { release: () => releaseIfOurs(file) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const holder = Number.parseInt(readFileSync(file, "utf8"), 10);
    if (Number.isInteger(holder) && holder !== process.pid && isRunning(holder)) {
      throw new DataFolderInUseError(
        `The data folder ${folder} is in use by process ${holder}${describeProcess(holder)}, another local stack. ` +
          `Stop that one first (Ctrl-C in its terminal, or kill ${holder}), or start this one with ` +
          `--data-dir <another folder> or --in-memory.`,
      );
    }
    if (holder === process.pid)
      throw new DataFolderInUseError(`The data folder ${folder} is already in use by this process`);
    // The holder is gone (killed, crashed): its lock is stale.
    rmSync(file, { force: true });
  }
  throw new DataFolderInUseError(`Could not lock the data folder ${folder}: another start is taking it`);
}

function releaseIfOurs(file: string): void {
  try {
    if (Number.parseInt(readFileSync(file, "utf8"), 10) === process.pid) rmSync(file, { force: true });
  } catch {
    // Already gone.
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, under another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** ` (node local/main.ts ...)` where /proc tells the command line (Linux), else nothing. */
function describeProcess(pid: number): string {
  try {
    const command = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean).join(" ");
    return command ? ` (${command.length > 120 ? `${command.slice(0, 117)}...` : command})` : "";
  } catch {
    return "";
  }
}
