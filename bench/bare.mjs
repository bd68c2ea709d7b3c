// The bare node:http server of bench/http.ts: serves one status, headers and body to every request,
// in a process of its own (one core, like each worker of the app). Told what to serve over IPC; says
// "listening" back.
import http from "node:http";

process.once("message", ({ port, status, headers, body }) => {
  const bytes = Buffer.from(body, "base64");
  const server = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      res.writeHead(status, { ...headers, "Content-Length": bytes.length });
      res.end(bytes);
    });
  });
  server.listen(port, "127.0.0.1", () => process.send("listening"));
});
