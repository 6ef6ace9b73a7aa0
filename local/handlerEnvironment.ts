/**
 * The handlers read their configuration from process.env, as in Lambda, and create their SDK
 * clients from it. So the local stack sets it for the handlers and puts back what was there when
 * it stops; that is also why one process runs one local stack at a time.
 */

/** Sets environment variables and restores the previous values on demand. */
export class HandlerEnvironment {
  private readonly previous = new Map<string, string | undefined>();

  /** Sets each variable, remembering the value it had first. */
  set(values: Record<string, string>): void {
    for (const [key, value] of Object.entries(values)) {
      if (!this.previous.has(key)) this.previous.set(key, process.env[key]);
      process.env[key] = value;
    }
  }

  /** Puts back every variable `set` changed. */
  restore(): void {
    for (const [key, value] of this.previous) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    this.previous.clear();
  }
}
