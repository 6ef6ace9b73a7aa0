/**
 * An error as a Task reports it to Retry/Catch: the engines match `name` against `ErrorEquals` and
 * put `message` in the `Cause`.
 */
export class TaskError extends Error {
  constructor(name: string, cause: string) {
    super(cause);
    this.name = name;
  }
}
