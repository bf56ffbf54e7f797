import { defineEnvConfig, envPort, envString, envUrl } from '@status-communities/config';

/** The console's server: where it listens and the one API it passes /graphql to. */
export const consoleConfig = defineEnvConfig({
  name: 'console',
  variables: {
    CONSOLE_PORT: envPort(4100),
    CONSOLE_HOST: envString('127.0.0.1'),
    /** The api's GraphQL endpoint (HTTP); its WebSocket is the same URL with ws://. */
    API_URL: envUrl(['http', 'https'], 'http://127.0.0.1:4000/graphql'),
  },
});
