/** Starting and stopping the local stack's HTTP servers, always on the loopback interface. */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";

/** Listens on 127.0.0.1:`port` (0 picks a free port); says what to do when the port is taken. */
export function listen(server: Server, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        error.code === "EADDRINUSE"
          ? new Error(`Port ${port} is in use: stop what uses it or start with PORT=<another port>`)
          : error,
      ),
    );
    server.listen(port, "127.0.0.1", () => resolve(server));
  });
}

/** The server's base URL, e.g. `http://127.0.0.1:3000`. */
export function baseUrl(server: Server): string {
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** How long requests in flight get to finish when the server closes. */
const CLOSE_GRACE_MS = 300;

/**
 * Stops accepting connections and drops idle keep-alive ones at once (clients such as the AWS SDK
 * keep them open, and waiting for them is what made a stop take seconds); requests in flight get a
 * moment to finish before their connections are dropped too, so the process can exit.
 */
export function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    const timer = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS);
    server.close(() => {
      clearTimeout(timer);
      resolve();
    });
    server.closeIdleConnections();
  });
}
