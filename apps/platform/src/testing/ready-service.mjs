// A stand-in service for launcher tests: answers 200 on HEALTH_PORT (/readyz and all), exits 0 on SIGTERM, and
// crashes with exit code 1 on SIGUSR2 (a service dying on its own).
import { createServer } from 'node:http';

const server = createServer((_request, response) => response.writeHead(200).end('{"status":"ready"}'));
server.listen(Number(process.env.HEALTH_PORT), '127.0.0.1');
process.stdout.write(`{"level":"info","msg":"listening on ${process.env.HEALTH_PORT}"}\n`);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
process.on('SIGUSR2', () => process.exit(1));
