/**
 * The baseline of the pizza throughput figure: a bare `node:http` server that does the least any
 * JSON endpoint must (read the body, parse it as JSON) and answers the bytes the local pizza API
 * answered for the same order. The local stack's requests/s are reported as a ratio to this.
 *
 * `node -r ./common/register.js scripts/bench/bareServer.ts <port> <answer.json>` (the loader the
 * local stack runs with, so both sides of the ratio load alike)
 */
import { readFileSync } from "node:fs";
import { createServer } from "node:http";

const [port, answerFile] = process.argv.slice(2);
const answer = readFileSync(answerFile);

const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on("data", (chunk: Buffer) => chunks.push(chunk));
  request.on("end", () => {
    try {
      JSON.parse(Buffer.concat(chunks).toString("utf8"));
    } catch {
      response.writeHead(400, { "content-type": "application/json" }).end('{"message":"not JSON"}');
      return;
    }
    response.writeHead(200, { "content-type": "application/json", "content-length": answer.length });
    response.end(answer);
  });
});
server.listen(Number(port), "127.0.0.1");
process.on("SIGTERM", () => server.close(() => process.exit(0)));
