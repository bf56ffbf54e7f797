import { join } from 'node:path';
import { consoleConfig } from './config.js';
import { startConsoleServer } from './console-server.js';
import { loadStaticFiles } from './static-files.js';

// dist/main.js beside dist/web, the Vite build.
const config = consoleConfig.load();
const server = await startConsoleServer({
  files: await loadStaticFiles(join(import.meta.dirname, 'web')),
  apiUrl: new URL(config.API_URL),
  port: config.CONSOLE_PORT,
  host: config.CONSOLE_HOST,
});
console.log(JSON.stringify({ level: 'info', msg: 'console started', url: server.url, api: config.API_URL }));

const stop = () => {
  server.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
