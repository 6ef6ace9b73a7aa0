/**
 * Whole-file saves for cognito-local's store, so the local user pool survives a kill -9.
 *
 * cognito-local keeps each user pool in a StormDB JSON file, and StormDB's local file engine saves
 * every change by rewriting that file in place (`fs.writeFile`: truncate, then write). A kill -9
 * during a save leaves a torn file, which cognito-local then refuses to load ("Failed to load
 * StormDB database file - invalid or corrupted format"), so the stack cannot start again and every
 * local user is lost; two saves in flight can also interleave their bytes. cognito-local offers no
 * way to pass another engine, so the engine's `write` is replaced in the one process that runs
 * cognito-local (local/userPoolProcess.ts).
 *
 * write-file-atomic (npm's own, made for exactly this) writes a temporary file beside the target,
 * fsyncs it and renames it over the target. A rename is atomic on POSIX file systems, so the file
 * on disk is always one whole save: the one before an interrupted save, or the interrupted save
 * itself. It also queues writes to one file, so overlapping saves land whole and in call order.
 */
import writeFileAtomic from "write-file-atomic";

/** The part of StormDB's local file engine (stormdb/src/engine/local.js) that a save goes through. */
interface LocalFileEngine {
  readonly path: string;
  readonly async: boolean;
  serialize(data: unknown): string;
  write(data: unknown): Promise<void> | null;
}

/** StormDB's export, which carries its engine class (`StormDB.localFileEngine`). */
export interface StormDbModule {
  readonly localFileEngine: { prototype: LocalFileEngine };
}

/**
 * Makes every save of StormDB's local file engine replace its file whole. Synchronous engines stay
 * synchronous (StormDB returns `null` from their saves), asynchronous ones resolve once the file
 * has been renamed into place. Idempotent.
 */
export function makeSavesAtomic(stormDb: StormDbModule): void {
  const engine = stormDb.localFileEngine.prototype;
  engine.write = function write(this: LocalFileEngine, data: unknown) {
    const text = this.serialize(data);
    if (!this.async) {
      writeFileAtomic.sync(this.path, text);
      return null;
    }
    return writeFileAtomic(this.path, text);
  };
}

/** Loads the StormDB that cognito-local uses (its own dependency, not ours) and applies the fix. */
export function makeCognitoLocalSavesAtomic(cognitoLocalEntry: string): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  makeSavesAtomic(require(require.resolve("stormdb", { paths: [cognitoLocalEntry] })) as StormDbModule);
}
