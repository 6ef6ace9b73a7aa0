/**
 * Errors a resolver throws for the caller. AppSync reports a direct Lambda resolver's error `name`
 * as the GraphQL error's `errorType`, so each one names what went wrong and says how to fix it.
 */
export class ResolverError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

/** Bad arguments: nothing was done. */
export const badRequest = (message: string) => new ResolverError("BadRequest", message);
