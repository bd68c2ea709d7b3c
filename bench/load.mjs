// The load generator of bench/http.ts, in a process of its own so it does not share an event loop with
// the bench's bookkeeping or with the bare server. It gets autocannon's options over IPC, and for a
// POST row the list of requests to cycle through; it answers with autocannon's result and the count
// of responses whose status was not the expected one.
import autocannon from "autocannon";

process.once("message", ({ options, expectStatus, posts, headers }) => {
  let next = 0;
  const requests = posts
    ? [
        {
          method: "POST",
          setupRequest: (req) => {
            const p = posts[next++ % posts.length];
            return { ...req, method: "POST", path: p.path, headers: { ...headers, Cookie: p.cookie }, body: p.body };
          },
        },
      ]
    : undefined;
  const statuses = {};
  const instance = autocannon({ ...options, ...(requests ? { requests } : {}) }, (err, result) => {
    if (err) {
      process.send({ error: String(err) }, () => process.exit(1));
      return;
    }
    process.send({ result: { requests: result.requests, latency: result.latency, errors: result.errors, timeouts: result.timeouts, duration: result.duration }, statuses }, () => process.exit(0));
  });
  instance.on("response", (_client, statusCode) => {
    if (statusCode !== expectStatus) statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
  });
});
