// The local HTTP server the engine benchmark's http.request steps call, in
// its own process so its work is not counted against the engine's. Prints
// its URL, then answers every request 200 with a small JSON body.
import { createServer } from 'node:http';

const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"ok":true}');
  });
});
server.keepAliveTimeout = 30_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.send?.({ url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` });
});
process.on('disconnect', () => process.exit(0));
