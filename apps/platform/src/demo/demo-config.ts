import { z } from 'zod';
import {
  defineEnvConfig,
  envBoolean,
  envInteger,
  envPort,
  envString,
  envUrl,
} from '@status-communities/config';
import type { EnvConfig } from '@status-communities/config';

const variables = {
  /** The API to talk to; default: the one `npm start` runs (API_PORT, API_PATH on 127.0.0.1). */
  DEMO_GRAPHQL_URL: envUrl(['http', 'https']).optional(),
  API_PORT: envPort(4000),
  API_PATH: envString('/graphql'),
  /** An admin API key; default: the development one `npm start` keeps in PLATFORM_DEV_SECRETS_FILE. */
  ADMIN_BOOTSTRAP_TOKEN: z.string().min(1).optional(),
  PLATFORM_DEV_SECRETS_FILE: envString('.local/dev-secrets.env'),
  /** `false` leaves out the bot's join and post (a new community's requests wait for the indexer's routes). */
  DEMO_BOT: envBoolean(true),
  /** How long each step may wait for the event that says it happened. */
  DEMO_TIMEOUT_SECONDS: envInteger({ min: 1, max: 3_600, defaultValue: 60 }),
};

export const demoConfig = defineEnvConfig({ name: 'demo', variables, secrets: ['ADMIN_BOOTSTRAP_TOKEN'] });

export type DemoConfig = EnvConfig<typeof variables>;

export const graphqlUrlOf = (config: DemoConfig): string =>
  config.DEMO_GRAPHQL_URL ?? `http://127.0.0.1:${config.API_PORT}${config.API_PATH}`;
