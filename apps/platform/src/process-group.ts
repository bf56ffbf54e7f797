import { ErrorCode, StatusError } from '@status-communities/errors';
import { describeExit, isCleanExit } from './child-service.js';
import type { ExitStatus, ServiceProcess } from './child-service.js';
import { waitUntilReady } from './readiness.js';

/** A process the platform runs, with the URL that answers 200 once it is ready (a service's /readyz). */
export interface PlatformProcess {
  readonly instance: string;
  readonly child: ServiceProcess;
  readonly readyUrl: string;
}

export interface ServiceExit {
  readonly service: string;
  readonly status: ExitStatus;
}

/** A service exited, or did not answer /readyz in time, during the start. */
export class ServiceStartError extends StatusError {
  constructor(service: string, reason: string) {
    super(ErrorCode.INTERNAL, `${service} did not start: ${reason}`, { service });
  }
}

/** Waits for the process's ready URL to answer 200, or fails as soon as it exits or the time is up. */
const waitForProcess = async (
  { instance, child, readyUrl }: PlatformProcess,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<void> => {
  const exitedEarly = new AbortController();
  const waiting = waitUntilReady(readyUrl, {
    timeoutMs,
    signal: AbortSignal.any([signal, exitedEarly.signal]),
  });
  const exit = child.exited.then((status) => {
    exitedEarly.abort();
    return status;
  });
  const outcome = await Promise.race([waiting.then(() => 'ready' as const), exit]).catch(
    (error: unknown) => error as Error,
  );
  if (outcome === 'ready') return;
  signal.throwIfAborted();
  if (outcome instanceof Error) throw new ServiceStartError(instance, outcome.message);
  throw new ServiceStartError(instance, `exited (${describeExit(outcome)}) before it was ready`);
};

export interface ProcessGroup {
  /** Every process ready, or the first that failed (ServiceStartError) — after which the group is stopped. */
  waitUntilReady(timeoutMs: number, signal: AbortSignal): Promise<void>;
  /** The first process that exits while nobody asked it to: a crash, whatever its exit code. */
  readonly unexpectedExit: Promise<ServiceExit>;
  /** SIGTERM to each, then their exit, then `afterStop`; 0 when all exited cleanly. Once, however often called. */
  stop(): Promise<number>;
}

export interface ProcessGroupOptions {
  readonly say: (line: string) => void;
  readonly stopTimeoutMs: number;
  /** What goes after the processes (the local devnet). */
  readonly afterStop?: () => Promise<void>;
}

/** Supervises the platform's processes as one: ready together, stopped together, a crash of one noticed. */
export const superviseProcesses = (
  processes: readonly PlatformProcess[],
  options: ProcessGroupOptions,
): ProcessGroup => {
  let stopping: Promise<number> | undefined;
  const stop = (): Promise<number> => {
    stopping ??= (async () => {
      const exits = await Promise.all(
        processes.map(async ({ instance, child }) => {
          const status = await child.stop(options.stopTimeoutMs);
          options.say(`${instance} stopped (${describeExit(status)})`);
          return status;
        }),
      );
      await options.afterStop?.();
      return exits.every(isCleanExit) ? 0 : 1;
    })();
    return stopping;
  };
  const unexpectedExit = new Promise<ServiceExit>((resolveExit) => {
    for (const { instance, child } of processes)
      void child.exited.then((status) => {
        if (stopping === undefined) resolveExit({ service: instance, status });
      });
  });
  return {
    waitUntilReady: async (timeoutMs, signal) => {
      try {
        await Promise.all(
          processes.map(async (process) => {
            await waitForProcess(process, timeoutMs, signal);
            options.say(`${process.instance} ready (${process.readyUrl})`);
          }),
        );
      } catch (error) {
        await stop();
        throw error;
      }
    },
    unexpectedExit,
    stop,
  };
};
