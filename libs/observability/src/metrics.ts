import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { CounterConfiguration, GaugeConfiguration, HistogramConfiguration, Metric } from 'prom-client';

export interface Metrics {
  /** This process's registry; nothing is registered in prom-client's global one. */
  readonly registry: Registry;
  counter<L extends string = never>(config: Omit<CounterConfiguration<L>, 'registers'>): Counter<L>;
  gauge<L extends string = never>(config: Omit<GaugeConfiguration<L>, 'registers'>): Gauge<L>;
  histogram<L extends string = never>(config: Omit<HistogramConfiguration<L>, 'registers'>): Histogram<L>;
  /** The Prometheus text exposition of every metric. */
  render(): Promise<string>;
  readonly contentType: string;
}

export interface MetricsOptions {
  readonly serviceName: string;
  /** Process metrics (CPU, memory, event-loop lag, GC, handles); on unless a test turns them off. */
  readonly defaultMetrics?: boolean;
}

/**
 * A registry whose every series carries `service="<name>"`. Asking twice for a metric of the same name returns
 * the one already registered, so modules can declare their metrics where they use them.
 */
export const createMetrics = (options: MetricsOptions): Metrics => {
  const registry = new Registry();
  registry.setDefaultLabels({ service: options.serviceName });
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry });

  const getOrCreate = <M extends Metric>(
    name: string,
    kind: abstract new (...args: never[]) => M,
    create: () => M,
  ): M => {
    const existing = registry.getSingleMetric(name);
    if (existing === undefined) return create();
    if (!(existing instanceof kind)) throw new Error(`Metric ${name} is already registered as another type`);
    return existing;
  };

  return {
    registry,
    counter: (config) =>
      getOrCreate(config.name, Counter, () => new Counter({ ...config, registers: [registry] })),
    gauge: (config) => getOrCreate(config.name, Gauge, () => new Gauge({ ...config, registers: [registry] })),
    histogram: (config) =>
      getOrCreate(config.name, Histogram, () => new Histogram({ ...config, registers: [registry] })),
    render: () => registry.metrics(),
    contentType: registry.contentType,
  };
};
