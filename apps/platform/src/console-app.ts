import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SERVICE_SECRET_KEYS } from '@status-communities/config';
import { startServiceProcess } from './child-service.js';
import type { ServiceProcess } from './child-service.js';

/** The console's built server (apps/console: the web app and its /graphql proxy). */
export const consoleEntry = (root: string): string => join(root, 'apps', 'console', 'dist', 'main.js');

export interface ConsoleApp {
  /** The link a person opens: the console's page, on 127.0.0.1. */
  readonly url: string;
  readonly process: ServiceProcess;
}

export interface ConsoleAppOptions {
  readonly root: string;
  /** What the launcher runs with (the shell and .env). */
  readonly env: NodeJS.ProcessEnv;
  readonly port: number;
  /** The api's GraphQL endpoint, which the console proxies on its own origin. */
  readonly graphqlUrl: string;
  readonly onLine: (line: string) => void;
}

/**
 * The console beside the services, once it is built and the api runs. It holds no secret: the person signs in
 * with an API key, and every service's secret is withheld from its environment.
 */
export const startConsoleApp = (options: ConsoleAppOptions): ConsoleApp | undefined => {
  const entry = consoleEntry(options.root);
  if (!existsSync(entry)) return undefined;
  const env: NodeJS.ProcessEnv = { ...options.env };
  for (const variable of SERVICE_SECRET_KEYS) delete env[variable];
  return {
    url: `http://127.0.0.1:${options.port}/`,
    process: startServiceProcess({
      name: 'console',
      entry,
      env: {
        ...env,
        CONSOLE_HOST: '127.0.0.1',
        CONSOLE_PORT: String(options.port),
        API_URL: options.graphqlUrl,
      },
      cwd: options.root,
      onLine: options.onLine,
    }),
  };
};
