#!/usr/bin/env node
import { join } from 'node:path';
import { isStatusError } from '@status-communities/errors';
import { describeExit } from './child-service.js';
import { readEnvFile, withEnvFile } from './env-file.js';
import { launcherConfig } from './launcher-config.js';
import { startPlatform } from './launcher.js';
import type { LauncherIo, Platform } from './launcher.js';
import { formatLogLine } from './log-lines.js';
import { REPOSITORY_ROOT } from './services.js';

/** Conventional exit code of a program stopped by Ctrl-C before it finished starting. */
const INTERRUPTED = 130;

const env = withEnvFile(await readEnvFile(join(REPOSITORY_ROOT, '.env')), process.env);
const parsed = launcherConfig.parse(env);
if (!parsed.ok) {
  process.stderr.write(`${parsed.error.message}\n`);
  process.exit(1);
}
const config = parsed.value;
const io: LauncherIo = {
  say: (line) => process.stdout.write(`${formatLogLine('platform', line, 'json')}\n`),
  serviceLine: (service, line) =>
    process.stdout.write(`${formatLogLine(service, line, config.PLATFORM_LOG_FORMAT)}\n`),
};

const interrupt = new AbortController();
const onSignal = (signal: NodeJS.Signals): void => {
  if (interrupt.signal.aborted) {
    io.say(`${signal} again: killing every service now`);
    // child-service kills every child still running on exit.
    process.exit(1);
  }
  io.say(`${signal}: stopping every service`);
  interrupt.abort(signal);
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);
const interrupted = new Promise<'interrupted'>((resolve) =>
  interrupt.signal.addEventListener('abort', () => resolve('interrupted'), { once: true }),
);

let platform: Platform;
try {
  platform = await startPlatform(config, { root: REPOSITORY_ROOT, env, io, signal: interrupt.signal });
} catch (error) {
  if (interrupt.signal.aborted) {
    io.say('stopped before the platform was ready');
    process.exit(INTERRUPTED);
  }
  process.stderr.write(`${isStatusError(error) ? error.message : String(error)}\n`);
  process.exit(1);
}

io.say(`platform ready: ${platform.services.map(({ spec }) => spec.instance).join(', ')}`);
io.say(
  platform.graphqlUrl === undefined
    ? 'GraphQL API: not running (apps/api is not built)'
    : `GraphQL API: ${platform.graphqlUrl}`,
);
if (platform.graphqlUrl !== undefined)
  io.say(
    `open it in a browser for GraphiQL; admin API key: ADMIN_BOOTSTRAP_TOKEN from ${platform.adminKeySource} (npm run demo uses it)`,
  );
if (platform.consoleUrl !== undefined) io.say(`Console: ${platform.consoleUrl} — sign in with that API key`);
io.say('Ctrl-C stops everything');

const outcome = await Promise.race([interrupted, platform.unexpectedExit]);
if (outcome !== 'interrupted')
  io.say(`${outcome.service} exited on its own (${describeExit(outcome.status)}): stopping the platform`);
const code = await platform.stop();
io.say(code === 0 ? 'stopped cleanly' : 'stopped; not every service exited cleanly');
process.exit(outcome === 'interrupted' ? code : 1);
