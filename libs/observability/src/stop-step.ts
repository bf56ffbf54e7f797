import type { Logger } from 'pino';

/** One step of a service's ordered stop. */
export type StopStep = (name: string, close: () => Promise<unknown>) => Promise<void>;

/**
 * Runs stop steps so that one that fails is logged and the next still runs: a stuck queue must not keep the
 * database or the health server open.
 */
export const stopSteps =
  (logger: Logger, service: string): StopStep =>
  async (name, close) => {
    try {
      await close();
    } catch (error) {
      logger.error({ err: error, step: name }, `${service} stop step failed`);
    }
  };
