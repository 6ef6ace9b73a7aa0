/**
 * Serves the browser console at `/console/` on the local stack's server: the esbuild bundle, built
 * on the first request and kept in memory (nothing is written to disk), and a `config.json` naming
 * this stack's endpoints, all same-origin so the browser needs no CORS.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ConsoleBundle, ConsoleFileName } from "../console/build";
import { CONSOLE_FILES, buildConsole } from "../console/build";
import type { ConsoleConfig, ConsoleUserPool } from "../console/src/consoleConfig";
import { sendJson, sendNotFound } from "./httpJson";

/** The path the console is served under, as behind the deployed edge. */
export const CONSOLE_PATH = "/console";

/**
 * Scripts and styles only from this origin (Mermaid writes `<style>` into its SVG, hence the inline
 * styles); requests only to this origin and the user pool's. Nothing may frame the console.
 */
function securityHeaders(config: ConsoleConfig): Record<string, string> {
  const connect = ["'self'", ...(config.userPool ? [new URL(config.userPool.endpoint).origin] : [])];
  return {
    "Content-Security-Policy": `default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src ${connect.join(" ")}; frame-ancestors 'none'; base-uri 'self'; form-action 'self'`,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
  };
}

/** What the local stack knows that the console needs. */
export interface LocalConsoleFacts {
  readonly region: string;
  readonly apiKey: string;
  readonly pizza: string;
  readonly booking: string;
  /** The path of the Step Functions API on the same server. */
  readonly stepFunctionsPath: string;
  /** How the pizza API answers (the stack's `pizzaResponses`). */
  readonly pizzaResponses: "raw" | "mapped";
  /** The local user pool (cognito-local, on a port of its own, answering CORS requests). */
  readonly userPool: ConsoleUserPool;
}

/**
 * The local console's config. URLs are paths on the page's own origin, so the console works however
 * the server is reached (127.0.0.1, localhost, a forwarded port).
 */
export function localConsoleConfig(facts: LocalConsoleFacts): ConsoleConfig {
  return {
    environment: "local",
    region: facts.region,
    graphqlUrl: "/graphql",
    apiKey: facts.apiKey,
    userPool: facts.userPool,
    // The pizza API's path on the edge, as the deployed console posts to it.
    pizzaApiUrl: "/pizza",
    pizzaResponses: facts.pizzaResponses,
    stateMachines: [
      { label: "pizza", arn: facts.pizza, type: "EXPRESS" },
      { label: "booking", arn: facts.booking, type: "STANDARD" },
    ],
    stepFunctionsEndpoint: facts.stepFunctionsPath,
  };
}

/** The console's files and config on the local server. */
export class LocalConsoleSite {
  private bundle: Promise<ConsoleBundle> | undefined;

  constructor(private readonly config: () => ConsoleConfig) {}

  /** True for the requests this site answers. */
  static owns(pathname: string): boolean {
    return pathname === CONSOLE_PATH || pathname.startsWith(`${CONSOLE_PATH}/`);
  }

  /** Answers `GET /console`, `/console/`, `/console/<file>` and `/console/config.json`. */
  async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const { pathname } = new URL(request.url ?? "/", "http://localhost");
    if (request.method !== "GET" && request.method !== "HEAD") return sendNotFound(response);
    // Relative asset URLs need the trailing slash.
    if (pathname === CONSOLE_PATH) {
      response.writeHead(301, { Location: `${CONSOLE_PATH}/` });
      response.end();
      return;
    }
    const file = pathname.slice(CONSOLE_PATH.length + 1) || "index.html";
    if (file === "config.json")
      return sendJson(response, 200, this.config(), { "Cache-Control": "no-store" });
    if (!(file in CONSOLE_FILES)) return sendNotFound(response);
    let bundle: ConsoleBundle;
    try {
      bundle = await this.built();
    } catch (error) {
      // A broken console must not take the APIs down: say what failed, and build again next time.
      this.bundle = undefined;
      return sendJson(response, 500, {
        message: `The console could not be built: ${(error as Error).message}`,
      });
    }
    const contents = bundle[file as ConsoleFileName];
    response.writeHead(200, {
      "Content-Type": CONSOLE_FILES[file as ConsoleFileName],
      "Content-Length": contents.byteLength,
      "Cache-Control": "no-cache",
      ...securityHeaders(this.config()),
    });
    response.end(request.method === "HEAD" ? undefined : contents);
  }

  private built(): Promise<ConsoleBundle> {
    this.bundle ??= buildConsole();
    return this.bundle;
  }
}
