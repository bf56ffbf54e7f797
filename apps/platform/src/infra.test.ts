import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { parseAllDocuments } from 'yaml';
import { SERVICES } from '@status-communities/config';
import { generateNodeKey, parseWakuConfig, peerIdOfNodeKey } from '@status-communities/waku';
import { PLATFORM_SERVICES, REPOSITORY_ROOT, healthPortOf } from './services.js';

const K8S_BASE = join(REPOSITORY_ROOT, 'infra', 'k8s', 'base');
const STATELESS = ['api', 'indexer', 'publisher', 'request-handler'];

/** Every document of a YAML file, failing on any syntax error or warning. */
const readYaml = async (path: string): Promise<Record<string, unknown>[]> => {
  // Compose files share settings through YAML merge keys (`<<: *anchor`).
  const documents = parseAllDocuments(await readFile(path, 'utf8'), { merge: true });
  if (!Array.isArray(documents)) return [];
  for (const document of documents) {
    expect({ path, errors: document.errors.map(String) }).toEqual({ path, errors: [] });
    expect({ path, warnings: document.warnings.map(String) }).toEqual({ path, warnings: [] });
  }
  return documents.map((document) => document.toJS() as Record<string, unknown>);
};

/** The parts of the manifests these tests read. */
interface Container {
  ports: { name: string; containerPort: number }[];
  env: { name: string; value?: string; valueFrom?: { fieldRef?: { fieldPath: string } } }[];
  envFrom: { secretRef?: { name: string }; configMapRef?: { name: string } }[];
  livenessProbe: { httpGet: unknown };
  readinessProbe: { httpGet: unknown };
  resources: { requests: unknown; limits: { memory?: string } };
  volumeMounts: { name: string; mountPath: string; readOnly?: boolean }[];
}
interface Manifest {
  kind: string;
  metadata: { name: string };
  data?: Record<string, string>;
  stringData?: Record<string, string>;
  spec: {
    type?: string;
    clusterIP?: string;
    replicas?: number;
    minReplicas?: number;
    minAvailable?: number;
    serviceName?: string;
    updateStrategy?: { type: string };
    selector?: { matchLabels: Record<string, string> } | Record<string, string>;
    scaleTargetRef?: { name: string };
    template?: {
      metadata: { labels: Record<string, string>; annotations: Record<string, string> };
      spec: {
        containers: Container[];
        volumes: { name: string; secret?: { secretName: string; defaultMode?: number } }[];
      };
    };
  };
}
interface ComposeService {
  build?: unknown;
  environment: Record<string, string>;
  healthcheck: { test: string[] };
  depends_on: Record<string, unknown>;
}

const loadManifests = async (): Promise<{ files: string[]; manifests: Manifest[] }> => {
  const files = (await readdir(K8S_BASE)).filter((file) => file.endsWith('.yaml')).sort();
  const manifests: Manifest[] = [];
  for (const file of files.filter((name) => name !== 'kustomization.yaml'))
    manifests.push(...((await readYaml(join(K8S_BASE, file))) as unknown as Manifest[]));
  return { files, manifests };
};

/** The distinct variable names the pattern's first group finds in a file of the repository. */
const variablesIn = async (file: string, pattern: RegExp): Promise<string[]> => [
  ...new Set(
    [...(await readFile(join(REPOSITORY_ROOT, file), 'utf8')).matchAll(pattern)].flatMap(([, name]) =>
      name === undefined ? [] : [name],
    ),
  ),
];

const ofKind = (manifests: Manifest[], kind: string) =>
  manifests.filter((manifest) => manifest.kind === kind);

const named = (manifests: Manifest[], kind: string, name: string): Manifest => {
  const found = ofKind(manifests, kind).find((manifest) => manifest.metadata.name === name);
  if (found === undefined) throw new Error(`no ${kind} ${name}`);
  return found;
};

/** What runs the services: a Deployment each, but the gateways are a StatefulSet (a peer id per pod). */
const WORKLOADS = ['Deployment', 'StatefulSet'];

describe('Kubernetes manifests (infra/k8s/base)', () => {
  it('are valid YAML, every one of them listed in the kustomization', async () => {
    const { files } = await loadManifests();
    const [kustomization] = await readYaml(join(K8S_BASE, 'kustomization.yaml'));
    const resources = (kustomization?.['resources'] as string[]).slice().sort();
    expect(resources).toEqual(files.filter((file) => file !== 'kustomization.yaml'));
  });

  it('run every service as a workload with probes on /healthz and /readyz, resources and a metrics scrape', async () => {
    const { manifests } = await loadManifests();
    const deployments = manifests.filter((manifest) => WORKLOADS.includes(manifest.kind));
    expect(deployments.map((deployment) => deployment.metadata.name).sort()).toEqual(
      PLATFORM_SERVICES.map((service) => service.name).sort(),
    );
    expect(named(manifests, 'StatefulSet', 'waku-gateway').kind).toBe('StatefulSet');
    for (const service of PLATFORM_SERVICES) {
      const pod = deployments.find((candidate) => candidate.metadata.name === service.name)?.spec.template;
      const container = pod?.spec.containers[0];
      if (pod === undefined || container === undefined) throw new Error(`${service.name}: no pod template`);
      const port = healthPortOf(service, 9101);
      expect({ service: service.name, health: container.ports.find((p) => p.name === 'health') }).toEqual({
        service: service.name,
        health: { name: 'health', containerPort: port },
      });
      expect(container.env).toContainEqual({ name: 'HEALTH_PORT', value: String(port) });
      expect(container.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'health' });
      expect(container.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'health' });
      expect(container.resources.requests).toEqual({ cpu: expect.anything(), memory: expect.anything() });
      expect(container.resources.limits.memory).toBeDefined();
      expect(pod.metadata.annotations).toEqual({
        'prometheus.io/scrape': 'true',
        'prometheus.io/port': String(port),
        'prometheus.io/path': '/metrics',
      });
      const secrets = container.envFrom.map((source) => source.secretRef?.name);
      expect({ service: service.name, keyring: secrets.includes('platform-keyring') }).toEqual({
        service: service.name,
        keyring: service.opensKeyring,
      });
    }
  });

  it('autoscale the stateless services and keep two gateways', async () => {
    const { manifests } = await loadManifests();
    const autoscalers = ofKind(manifests, 'HorizontalPodAutoscaler');
    expect(autoscalers.map((hpa) => hpa.spec.scaleTargetRef?.name).sort()).toEqual(STATELESS);
    for (const hpa of autoscalers) expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(2);
    expect(named(manifests, 'StatefulSet', 'waku-gateway').spec.replicas).toBe(2);
  });

  it('replace one gateway at a time, each under its own governing DNS name, at least one always up', async () => {
    const { manifests } = await loadManifests();
    const gateway = named(manifests, 'StatefulSet', 'waku-gateway');
    expect(gateway.spec.updateStrategy).toEqual({ type: 'RollingUpdate' });
    const labels = gateway.spec.template?.metadata.labels;
    expect(gateway.spec.selector).toEqual({ matchLabels: labels });
    const peers = named(manifests, 'Service', gateway.spec.serviceName ?? '');
    expect(peers.spec).toMatchObject({ clusterIP: 'None', selector: labels });
    expect(named(manifests, 'PodDisruptionBudget', 'waku-gateway').spec).toEqual({
      minAvailable: 1,
      selector: { matchLabels: labels },
    });
  });

  it('give each gateway pod the node key named after it, and refuse the placeholders', async () => {
    const { manifests } = await loadManifests();
    const gateway = named(manifests, 'StatefulSet', 'waku-gateway');
    const pod = gateway.spec.template?.spec;
    const container = pod?.containers[0];
    if (pod === undefined || container === undefined) throw new Error('waku-gateway: no pod template');
    // $(POD_NAME) expands only to a variable defined before it.
    const names = container.env.map((variable) => variable.name);
    expect(names.indexOf('POD_NAME')).toBeLessThan(names.indexOf('WAKU_NODE_KEY_FILE'));
    expect(container.env).toContainEqual({
      name: 'POD_NAME',
      valueFrom: { fieldRef: { fieldPath: 'metadata.name' } },
    });
    expect(names).not.toContain('WAKU_NODE_KEY');
    expect(named(manifests, 'ConfigMap', 'platform-config').data).not.toHaveProperty('WAKU_NODE_KEY');
    const volume = pod.volumes.find((candidate) => candidate.secret?.secretName === 'waku-gateway-node-keys');
    const mount = container.volumeMounts.find((candidate) => candidate.name === volume?.name);
    expect(mount?.readOnly).toBe(true);
    const keyFile = container.env.find((variable) => variable.name === 'WAKU_NODE_KEY_FILE')?.value;
    expect(keyFile).toBe(`${mount?.mountPath}/$(POD_NAME)`);

    // The Secret as the volume shows it, one file per key, read as each pod of the StatefulSet would.
    const podNames = Array.from(
      { length: gateway.spec.replicas ?? 0 },
      (_, index) => `waku-gateway-${index}`,
    );
    const secret = named(manifests, 'Secret', 'waku-gateway-node-keys').stringData ?? {};
    expect(Object.keys(secret).sort()).toEqual(podNames);
    const dir = await mkdtemp(join(tmpdir(), 'waku-node-keys-'));
    const configOf = (podName: string) =>
      parseWakuConfig({ WAKU_FLEET: 'status.prod', WAKU_NODE_KEY_FILE: join(dir, podName) });
    try {
      for (const [podName, value] of Object.entries(secret)) await writeFile(join(dir, podName), value);
      for (const podName of podNames)
        expect(configOf(podName)).toMatchObject({
          ok: false,
          error: { details: { variable: 'WAKU_NODE_KEY_FILE' } },
        });
      for (const podName of podNames) await writeFile(join(dir, podName), await generateNodeKey());
      const peerIds = podNames.map((podName) => {
        const config = configOf(podName);
        if (!config.ok) throw config.error;
        return peerIdOfNodeKey(config.value.privateKey ?? '');
      });
      expect(new Set(peerIds).size).toBe(podNames.length);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('reach Redis and PostgreSQL as external services', async () => {
    const services = ofKind((await loadManifests()).manifests, 'Service');
    for (const name of ['redis', 'postgres'])
      expect(services.find((service) => service.metadata.name === name)?.spec.type).toBe('ExternalName');
  });
});

describe('docker-compose.yml', () => {
  it('builds every service from infra/Dockerfile, on its own health port, with a health check', async () => {
    const [compose] = await readYaml(join(REPOSITORY_ROOT, 'docker-compose.yml'));
    const services = compose?.['services'] as Record<string, ComposeService>;
    for (const service of PLATFORM_SERVICES) {
      const entry = services[service.name];
      if (entry === undefined) throw new Error(`docker-compose.yml has no ${service.name}`);
      expect({ service: service.name, build: entry.build }).toEqual({
        service: service.name,
        build: { context: '.', dockerfile: 'infra/Dockerfile', args: { APP: service.name } },
      });
      expect(entry.environment.HEALTH_PORT).toBe(String(healthPortOf(service, 9101)));
      expect(entry.healthcheck.test.join(' ')).toContain('/readyz');
      expect(entry.depends_on.migrate).toEqual({ condition: 'service_completed_successfully' });
      expect('KEYRING_MASTER_KEY' in entry.environment).toBe(service.opensKeyring);
    }
    for (const dependency of ['redis', 'postgres']) expect(services[dependency]?.healthcheck).toBeDefined();
  });

  it("refuses to run the gateway under a new peer id at each start: its node key's default is refused", async () => {
    const [compose] = await readYaml(join(REPOSITORY_ROOT, 'docker-compose.yml'));
    const gateway = (compose?.['services'] as Record<string, ComposeService>)['waku-gateway'];
    const substitution = /^\$\{WAKU_NODE_KEY:-(.+)\}$/.exec(gateway?.environment['WAKU_NODE_KEY'] ?? '');
    const placeholder = substitution?.[1];
    if (placeholder === undefined) throw new Error('WAKU_NODE_KEY has no default in docker-compose.yml');
    expect(parseWakuConfig({ WAKU_FLEET: 'status.prod', WAKU_NODE_KEY: placeholder })).toMatchObject({
      ok: false,
      error: { details: { variable: 'WAKU_NODE_KEY' } },
    });
    expect(gateway?.environment['WAKU_NODE_KEY_FILE']).toBeUndefined();
  });

  it('documents libs/config SERVICES: each secret in .env.example, each health port in the README', async () => {
    const envExample = await readFile(join(REPOSITORY_ROOT, '.env.example'), 'utf8');
    const readme = await readFile(join(REPOSITORY_ROOT, 'README.md'), 'utf8');
    for (const service of SERVICES) {
      for (const key of service.secretKeys) expect(envExample).toMatch(new RegExp(`\\b${key}\\b`));
      expect(readme).toMatch(new RegExp(`^\\| ${service.name} +\\| :${service.healthPort}\\b`, 'm'));
    }
  });

  it('passes on every variable .env.example documents, and documents every one it passes on', async () => {
    const documented = await variablesIn('.env.example', /^# ([A-Z][A-Z0-9_]*)=/gm);
    const substituted = await variablesIn('docker-compose.yml', /\$\{([A-Z][A-Z0-9_]*)/g);
    // Set by compose itself (the containers' addresses and ports), per process, or read by npm start or the demo.
    const notFromEnvFile = new Set([
      'DATABASE_URL',
      'REDIS_URL',
      'HEALTH_PORT',
      'SERVICE_NAME',
      'WAKU_LISTEN_ADDRESS',
      'WAKU_LISTEN_PORT',
      'WAKU_WS_PORT',
      'API_PORT',
      'API_HOST',
      'CONSOLE_PORT',
    ]);
    const expected = documented.filter(
      (name) => !notFromEnvFile.has(name) && !name.startsWith('PLATFORM_') && !name.startsWith('DEMO_'),
    );
    expect(substituted.sort()).toEqual(expected.sort());
  });
});
