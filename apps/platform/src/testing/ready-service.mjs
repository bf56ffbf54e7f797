// A stand-in service for launcher tests: answers 200 on HEALTH_PORT (/readyz and all), exits 0 on SIGTERM, and
// crashes with exit code 1 on SIGUSR2 (a service dying on its own). Handlers first: the launcher may signal
// as soon as /readyz answers.
import { createServer } from 'node:http';

const server = createServer((_request, response) => response.writeHead(200).end('{"status":"ready"}'));
process.on('SIGTERM', () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
process.on('SIGUSR2', () => process.exit(1));
server.listen(Number(process.env.HEALTH_PORT), '127.0.0.1');
process.stdout.write(`{"level":"info","msg":"listening on ${process.env.HEALTH_PORT}"}\n`);
