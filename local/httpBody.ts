import type { IncomingMessage } from "node:http";

/** Thrown when a request body is larger than allowed. */
export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`The request body is larger than ${limit} bytes`);
  }
}

/**
 * Reads a request body as UTF-8 text, refusing more than `limit` bytes without buffering them (the
 * request is then destroyed, as leaving a `for await` over it would). Plain `data`/`end` events
 * rather than `for await`: the async iterator costs a generator and a promise per chunk, on the
 * path of every pizza order.
 */
export function readBody(request: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        request.off("data", onData).off("end", onEnd).off("error", reject);
        request.destroy();
        reject(new BodyTooLargeError(limit));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () =>
      resolve(chunks.length === 1 ? chunks[0].toString("utf8") : Buffer.concat(chunks).toString("utf8"));
    request.on("data", onData).on("end", onEnd).on("error", reject);
  });
}
