import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');

// Loose shapes: the tests assert the properties the deployment promises, not every field.
type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Every variable config.ts reads from the environment. */
function configVariables(): string[] {
  const source = read('src/config.ts');
  const names = new Set<string>();
  for (const m of source.matchAll(/env\.([A-Z][A-Z0-9_]+)/g)) names.add(m[1]!);
  for (const m of source.matchAll(/\(env, '([A-Z][A-Z0-9_]+)'/g)) names.add(m[1]!);
  return [...names].sort();
}

describe('deploy/Dockerfile', () => {
  const dockerfile = read('deploy/Dockerfile');
  const instructions = dockerfile
    .replace(/\\\n/g, ' ')
    .split('\n')
    .filter((line) => line.trim() && !line.trim().startsWith('#'));
  const runtime = instructions.slice(instructions.findIndex((line) => /^FROM .* AS runtime/.test(line)));

  it('is multi-stage: built in one stage, installed from the packed package with production dependencies only in the next', () => {
    expect(instructions.filter((line) => line.startsWith('FROM '))).toHaveLength(2);
    expect(instructions.some((line) => /npm run build/.test(line) && /npm pack/.test(line))).toBe(true);
    expect(runtime.some((line) => /^RUN \/tmp\/install-package\.sh \/tmp\/onepagepay\.tgz/.test(line))).toBe(true);
    expect(read('deploy/install-package.sh')).toMatch(/npm ci --omit=dev --ignore-scripts/);
    // No source or dev tooling copied into the runtime stage: only the tarball, the lock file and the installer.
    expect(runtime.filter((line) => line.startsWith('COPY')).map((line) => line.split(' ').at(-1))).toEqual([
      '/tmp/onepagepay.tgz',
      '/tmp/package-lock.json',
      '/tmp/install-package.sh',
    ]);
  });

  it('runs as a non-root user under an init that forwards signals, with a health check on /readyz', () => {
    expect(runtime).toContain('USER node');
    expect(runtime.find((line) => line.startsWith('ENTRYPOINT'))).toBe('ENTRYPOINT ["/usr/bin/tini", "--", "node", "/app/bin/onepagepay.js"]');
    expect(runtime.find((line) => line.startsWith('HEALTHCHECK'))).toMatch(/\/readyz/);
    const packages = runtime.find((line) => line.startsWith('RUN apt-get'));
    expect(packages).toMatch(/ tini /);
    expect(packages).toMatch(/postgresql-client-\$\{PG_MAJOR\}/);
  });
});

describe('deploy/compose.yaml', () => {
  const compose = parse(read('deploy/compose.yaml'), { merge: true }) as Doc;
  const services = compose.services as Record<string, Doc>;

  it('has a TLS proxy in front of two app instances, a worker and PostgreSQL', () => {
    expect(services.proxy!.ports).toEqual(['80:80', '443:443']);
    expect(read('deploy/Caddyfile')).toMatch(/reverse_proxy app-a:3000 app-b:3000[\s\S]*health_uri \/readyz/);
    for (const name of ['app-a', 'app-b']) expect(services[name]).toMatchObject({ command: ['serve'], env_file: '.env' });
    expect(services.worker).toMatchObject({ command: ['worker'], env_file: '.env' });
    expect(services.db!.image).toMatch(/^postgres:\d+/);
  });

  it('publishes no database port and keeps PostgreSQL on an internal network the proxy is not on', () => {
    expect(services.db!.ports).toBeUndefined();
    expect(services.db!.networks).toEqual(['database']);
    expect(compose.networks.database).toEqual({ internal: true });
    expect(services.proxy!.networks).not.toContain('database');
    const onDatabase = Object.entries(services)
      .filter(([, s]) => (s.networks as string[]).includes('database'))
      .map(([name]) => name)
      .sort();
    expect(onDatabase).toEqual(['app-a', 'app-b', 'db', 'migrate', 'worker']);
  });

  it('restarts and health-checks every long-running service; secrets come from the env file, none inline', () => {
    for (const [name, service] of Object.entries(services)) {
      if (name === 'migrate') continue;
      expect(service.restart, name).toBe('unless-stopped');
      expect(service.healthcheck?.test, name).toBeDefined();
    }
    expect(services.db!.environment.POSTGRES_PASSWORD).toMatch(/^\$\{POSTGRES_PASSWORD:\?/);
    const text = read('deploy/compose.yaml');
    expect(text).not.toMatch(/ENCRYPTION_KEY\s*[:=]/);
    // Only the worker backs up (BACKUP_DIR on its volume).
    expect(services['app-a']!.environment).toEqual({ BACKUP_SCHEDULE: 'off' });
    expect(services.worker!.volumes).toEqual(['backups:/backups']);
  });

  it('.env.example lists every variable the app reads', () => {
    const listed = new Set([...read('deploy/.env.example').matchAll(/^([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]));
    const variables = configVariables();
    expect(variables.length).toBeGreaterThan(25);
    expect(variables.filter((v) => !listed.has(v))).toEqual([]);
  });
});

describe('deploy/kubernetes (Kustomize)', () => {
  const dir = 'deploy/kubernetes';
  const kustomization = parse(read(`${dir}/kustomization.yaml`)) as Doc;
  const docs: Doc[] = (kustomization.resources as string[]).flatMap((file) =>
    parseAllDocuments(read(`${dir}/${file}`)).map((d) => d.toJS() as Doc),
  );
  const find = (kind: string, name: string) => {
    const found = docs.find((d) => d.kind === kind && d.metadata.name === name);
    if (!found) throw new Error(`no ${kind} ${name}`);
    return found;
  };
  const app = find('Deployment', 'onepagepay-app');
  const worker = find('Deployment', 'onepagepay-worker');

  it('lists every manifest of the folder', () => {
    const files = fs.readdirSync(path.join(root, dir)).filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml');
    expect([...(kustomization.resources as string[])].sort()).toEqual(files.sort());
  });

  it('runs two or more app replicas spread across zones, with a disruption budget and probes', () => {
    expect(app.spec.replicas).toBeGreaterThanOrEqual(2);
    const labels = app.spec.template.metadata.labels;
    expect(app.spec.selector.matchLabels).toEqual(labels);
    expect(app.spec.template.spec.topologySpreadConstraints).toContainEqual({
      maxSkew: 1,
      topologyKey: 'topology.kubernetes.io/zone',
      whenUnsatisfiable: 'DoNotSchedule',
      labelSelector: { matchLabels: labels },
    });
    expect(find('PodDisruptionBudget', 'onepagepay-app').spec).toEqual({ minAvailable: 1, selector: { matchLabels: labels } });
    const container = app.spec.template.spec.containers[0];
    expect(container.readinessProbe.httpGet.path).toBe('/readyz');
    expect(container.livenessProbe.httpGet.path).toBe('/healthz');
    expect(app.spec.strategy.rollingUpdate.maxUnavailable).toBe(0);
    expect(find('Service', 'onepagepay-app').spec.selector).toEqual(labels);
  });

  it('runs the worker and a migration Job, every pod as non-root', () => {
    expect(worker.spec.template.spec.containers[0].args).toEqual(['worker']);
    const job = find('Job', 'onepagepay-migrate');
    expect(job.spec.template.spec.containers[0].args).toEqual(['migrate']);
    for (const pod of [app.spec.template.spec, worker.spec.template.spec, job.spec.template.spec]) {
      expect(pod.securityContext.runAsNonRoot).toBe(true);
      for (const c of pod.containers) expect(c.securityContext).toMatchObject({ allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
    }
  });

  it('takes secrets by reference only: no secret value in any manifest', () => {
    for (const workload of [app, worker, find('Job', 'onepagepay-migrate')]) {
      const container = workload.spec.template.spec.containers[0];
      expect(container.envFrom).toContainEqual({ secretRef: { name: 'onepagepay-secrets' } });
      for (const e of container.env ?? []) expect(e.name).not.toMatch(/KEY|SECRET|TOKEN|PASSWORD|DATABASE_URL|DSN/);
    }
    expect(docs.filter((d) => d.kind === 'Secret')).toEqual([]);
    expect(Object.keys(find('ConfigMap', 'onepagepay-config').data).filter((k) => /KEY|SECRET|TOKEN|PASSWORD|DATABASE_URL|DSN/.test(k))).toEqual([]);
  });

  it('lets only the app, the worker and the migration reach PostgreSQL (besides its own replicas and operator)', () => {
    const policy = find('NetworkPolicy', 'onepagepay-db-ingress');
    const cluster = find('Cluster', 'onepagepay-db');
    expect(policy.spec.podSelector.matchLabels).toEqual({ 'cnpg.io/cluster': cluster.metadata.name });
    expect(policy.spec.policyTypes).toEqual(['Ingress']);
    const [fromApp, ...others] = policy.spec.ingress;
    expect(fromApp.from).toEqual([
      {
        podSelector: {
          matchExpressions: [{ key: 'app.kubernetes.io/component', operator: 'In', values: ['app', 'worker', 'migrate'] }],
          matchLabels: { 'app.kubernetes.io/name': 'onepagepay' },
        },
      },
    ]);
    expect(fromApp.ports).toEqual([{ protocol: 'TCP', port: 5432 }]);
    // The other rules admit only the database's own pods and the operator's namespace.
    for (const rule of others) {
      for (const source of rule.from) {
        expect(source.podSelector?.matchLabels?.['cnpg.io/cluster'] ?? source.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name']).toMatch(/^(onepagepay-db|cnpg-system)$/);
      }
    }
    // …and those are the labels the app's and the worker's pods carry.
    expect(app.spec.template.metadata.labels['app.kubernetes.io/component']).toBe('app');
    expect(worker.spec.template.metadata.labels['app.kubernetes.io/component']).toBe('worker');
  });

  it('gives PostgreSQL replicas in more than one zone', () => {
    const cluster = find('Cluster', 'onepagepay-db');
    expect(cluster.spec.instances).toBeGreaterThanOrEqual(2);
    expect(cluster.spec.topologySpreadConstraints[0]).toMatchObject({ topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule' });
  });
});
