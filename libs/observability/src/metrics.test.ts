import { describe, expect, it } from '@jest/globals';
import { createMetrics } from './index.js';

describe('Prometheus metrics', () => {
  it('labels every series with the service and renders counters, gauges and histograms', async () => {
    const metrics = createMetrics({ serviceName: 'waku-gateway', defaultMetrics: false });
    const messagesIn = metrics.counter({
      name: 'waku_messages_in_total',
      help: 'Waku messages received, by shard',
      labelNames: ['shard'],
    });
    messagesIn.inc({ shard: '32' });
    messagesIn.inc({ shard: '32' }, 2);
    metrics
      .gauge({ name: 'waku_peers', help: 'Connected peers', labelNames: ['shard'] })
      .set({ shard: '64' }, 5);
    const latency = metrics.histogram({ name: 'job_duration_seconds', help: 'Job time', buckets: [0.1, 1] });
    latency.observe(0.5);

    const text = await metrics.render();
    expect(text).toContain('# HELP waku_messages_in_total Waku messages received, by shard');
    expect(text).toContain('# TYPE waku_messages_in_total counter');
    expect(text).toContain('waku_messages_in_total{shard="32",service="waku-gateway"} 3');
    expect(text).toContain('waku_peers{shard="64",service="waku-gateway"} 5');
    expect(text).toContain('job_duration_seconds_bucket{le="1",service="waku-gateway"} 1');
    expect(metrics.contentType).toContain('text/plain');
  });

  it('returns the registered metric when asked for the same name again, and refuses another type', () => {
    const metrics = createMetrics({ serviceName: 'indexer', defaultMetrics: false });
    const first = metrics.counter({
      name: 'rejected_total',
      help: 'Rejected messages',
      labelNames: ['reason'],
    });
    const again = metrics.counter({
      name: 'rejected_total',
      help: 'Rejected messages',
      labelNames: ['reason'],
    });
    expect(again).toBe(first);
    expect(() => metrics.gauge({ name: 'rejected_total', help: 'x' })).toThrow('another type');
  });

  it('keeps registries apart and includes the process metrics by default', async () => {
    const a = createMetrics({ serviceName: 'a' });
    const b = createMetrics({ serviceName: 'b', defaultMetrics: false });
    a.counter({ name: 'only_in_a_total', help: 'x' }).inc();
    const textA = await a.render();
    const textB = await b.render();
    expect(textA).toContain('process_cpu_user_seconds_total{service="a"}');
    expect(textA).toContain('nodejs_eventloop_lag_seconds{service="a"}');
    expect(textA).toContain('only_in_a_total{service="a"} 1');
    expect(textB).not.toContain('only_in_a_total');
    expect(textB).not.toContain('process_cpu_user_seconds_total');
  });
});
