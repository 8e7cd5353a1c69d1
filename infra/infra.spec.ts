import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments, parse as parseYaml } from 'yaml';
import { ConfigMap, Service } from 'kubernetes-models/v1';
import { Deployment } from 'kubernetes-models/apps/v1';
import { Job } from 'kubernetes-models/batch/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { loadConfig, productionProblems } from '../apps/api/src/config/app-config';

/**
 * The deployment files: every Kubernetes manifest in infra/k8s is checked against the Kubernetes
 * API schemas that the kubernetes-models package ships (no download at test time), plus the rules
 * we rely on (≥ 2 replicas, probes, secrets only by reference, LiveKit on Redis); the compose file
 * must pass `docker-compose config` (required under CI=true; `npm test` installs it, see scripts/test.mjs).
 */
const K8S = join(__dirname, 'k8s');
/** docker-compose (Python) takes 4–6 s to start on a busy 2-core machine: more than Vitest's default 5 s. */
const TOOL_TIMEOUT = 30_000;

type Validatable = { validate(): void };
const MODELS: Record<string, new (data: never) => Validatable> = {
  'v1/ConfigMap': ConfigMap,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'batch/v1/Job': Job,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'networking.k8s.io/v1/Ingress': Ingress,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
};

interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string };
  spec?: any;
  data?: Record<string, string>;
}

function manifests(): { file: string; object: K8sObject }[] {
  const kustomization = parseYaml(readFileSync(join(K8S, 'kustomization.yaml'), 'utf8')) as { resources: string[] };
  return kustomization.resources.flatMap((file) =>
    parseAllDocuments(readFileSync(join(K8S, file), 'utf8')).map((doc) => {
      if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors.map(String).join('; ')}`);
      return { file, object: doc.toJS() as K8sObject };
    }),
  );
}

function find(kind: string, name: string): K8sObject {
  const found = manifests().find(({ object }) => object.kind === kind && object.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name} in infra/k8s`);
  return found.object;
}

describe('infra/k8s (kustomize base)', () => {
  it('lists every manifest file in kustomization.yaml', () => {
    const listed = (parseYaml(readFileSync(join(K8S, 'kustomization.yaml'), 'utf8')) as { resources: string[] })
      .resources;
    const present = readdirSync(K8S).filter((file) => file.endsWith('.yaml') && file !== 'kustomization.yaml');
    expect([...listed].sort()).toEqual(present.sort());
  });

  it('validates every object against the Kubernetes API schema of its kind', () => {
    const all = manifests();
    expect(all.length).toBeGreaterThanOrEqual(9);
    for (const { file, object } of all) {
      const Model = MODELS[`${object.apiVersion}/${object.kind}`];
      expect(Model, `${file}: no schema for ${object.apiVersion} ${object.kind}`).toBeDefined();
      expect(
        () => new Model(object as never).validate(),
        `${file}: ${object.kind} ${object.metadata.name}`,
      ).not.toThrow();
    }
  });

  it('would catch a malformed object (the validator is real)', () => {
    const broken = structuredClone(find('Deployment', 'cyswllt-api'));
    broken.spec.replicas = 'two';
    expect(() => new Deployment(broken as never).validate()).toThrow();
  });

  it('runs the API with at least two replicas, readiness on /healthz, liveness, an autoscaler and a migration job', () => {
    const api = find('Deployment', 'cyswllt-api');
    expect(api.spec.replicas).toBeGreaterThanOrEqual(2);
    const [container] = api.spec.template.spec.containers;
    expect(container.readinessProbe.httpGet.path).toBe('/healthz');
    expect(container.livenessProbe).toBeDefined();
    const hpa = find('HorizontalPodAutoscaler', 'cyswllt-api');
    expect(hpa.spec.scaleTargetRef).toMatchObject({ kind: 'Deployment', name: 'cyswllt-api' });
    expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(2);
    expect(find('Job', 'cyswllt-migrate').spec.template.spec.containers[0].command).toContain(
      'apps/api/dist/cli/migrate.js',
    );
    expect(find('ConfigMap', 'cyswllt-api').data).toMatchObject({
      CYSWLLT_MODE: 'production',
      RUN_MIGRATIONS_ON_START: 'false',
      PUBSUB: 'redis',
      JOBS: 'bullmq',
    });
  });

  it('takes secrets only by reference (secretKeyRef), never as literal values', () => {
    const secretNames = [
      'DATABASE_URL',
      'LIVEKIT_API_SECRET',
      'SMTP_URL',
      'METRICS_TOKEN',
      'REDIS_HOST',
      'REDIS_URL',
      'MAIL_SIGNING_KEY',
    ];
    for (const { object } of manifests()) {
      expect(object.kind).not.toBe('Secret');
      const containers = object.spec?.template?.spec?.containers ?? [];
      for (const container of containers) {
        for (const env of container.env ?? []) {
          if (secretNames.includes(env.name))
            expect(env.valueFrom?.secretKeyRef?.name, `${object.metadata.name} ${env.name}`).toBe('cyswllt-secrets');
        }
      }
      for (const [key, value] of Object.entries(object.data ?? {})) {
        expect(key).not.toMatch(/SECRET|PASSWORD|TOKEN|DATABASE_URL|SMTP_URL/);
        expect(value).not.toMatch(/postgres:\/\/[^@\s]+@|smtps?:\/\/[^@\s]+@/);
      }
    }
  });

  it('points LiveKit at Redis (multi-node) and its webhook at the API', () => {
    const config = parseYaml(find('ConfigMap', 'livekit').data!['livekit.yaml']) as {
      redis: { address: string };
      webhook: { api_key: string; urls: string[] };
    };
    expect(config.redis.address).toBeTruthy();
    expect(config.webhook.urls).toEqual(['http://cyswllt-api/livekit/webhook']);
    const livekit = find('Deployment', 'livekit');
    expect(livekit.spec.replicas).toBeGreaterThanOrEqual(2);
    const env = livekit.spec.template.spec.containers[0].env as { name: string; valueFrom?: unknown }[];
    expect(env.find((e) => e.name === 'REDIS_HOST')?.valueFrom).toEqual({
      secretKeyRef: { name: 'cyswllt-secrets', key: 'redis-host' },
    });
    // The key LiveKit signs webhooks with is the one the API verifies them with.
    expect(config.webhook.api_key).toBe(find('ConfigMap', 'cyswllt-api').data!.LIVEKIT_API_KEY);
  });
});

/** What the deployment's secrets would hold: values that pass the production gate. */
const SECRETS: Record<string, string> = {
  DATABASE_URL: 'postgres://cyswllt:pw@db:5432/cyswllt',
  LIVEKIT_API_SECRET: 'k3J9xQ2mV8pL4rT6wY1zB5nC7dF0gH2s',
  SMTP_URL: 'smtps://mailer:pw@smtp.example.org:465',
  METRICS_TOKEN: 'm3T9xQ2mV8pL4rT6wY1zB5nC7dF0gH2s',
  POSTGRES_PASSWORD: 'pw',
  REDIS_URL: 'redis://redis:6379',
  MAIL_SIGNING_KEY: 's9Kx2mV8pL4rT6wY1zB5nC7dF0gH2sQ3',
};

/** Replaces Compose's `${VAR}`, `${VAR:-default}` and `${VAR:?message}` from `env`. */
function interpolate(value: string, env: Record<string, string>): string {
  return value.replace(
    /\$\{(\w+)(?::([-?])([^}]*))?\}/g,
    (_, name: string, kind?: string, rest?: string) => env[name] ?? (kind === '-' ? (rest ?? '') : ''),
  );
}

describe('the deployment files pass the production start-up gate', () => {
  it('infra/k8s: the API ConfigMap plus its secrets', () => {
    const env: Record<string, string> = { ...find('ConfigMap', 'cyswllt-api').data };
    const [container] = find('Deployment', 'cyswllt-api').spec.template.spec.containers;
    for (const { name } of container.env) env[name] = SECRETS[name];
    expect(productionProblems(loadConfig(env), env)).toEqual([]);
  });

  it('infra/docker-compose.yml: the API service', () => {
    const compose = parseYaml(readFileSync(join(__dirname, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
      services: { api: { environment: Record<string, string> } };
    };
    const env = Object.fromEntries(
      Object.entries(compose.services.api.environment).map(([key, value]) => [
        key,
        interpolate(String(value), SECRETS),
      ]),
    );
    expect(env.CYSWLLT_MODE).toBe('production');
    expect(productionProblems(loadConfig(env), env)).toEqual([]);
  });
});

describe('infra/docker-compose.yml', () => {
  const binary = ['/usr/bin/docker-compose', '/usr/local/bin/docker-compose'].find((path) => existsSync(path));
  const required = process.env.CI === 'true';

  it.skipIf(!binary && !required)(
    'is valid under `docker-compose config`, with two API replicas behind the proxy',
    () => {
      expect(
        binary,
        "CI=true: docker-compose must be installed (`npm test` installs Debian's as root: `npm run provision`)",
      ).toBeDefined();
      const env = {
        PATH: process.env.PATH ?? '',
        POSTGRES_PASSWORD: 'pw',
        LIVEKIT_API_SECRET: 's'.repeat(32),
        SMTP_URL: 'smtp://mail:25',
        MAIL_SIGNING_KEY: 'k'.repeat(32),
      };
      const result = spawnSync(binary!, ['-f', join(__dirname, 'docker-compose.yml'), 'config'], {
        env,
        encoding: 'utf8',
      });
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      const config = parseYaml(result.stdout) as { services: Record<string, any> };
      expect(Object.keys(config.services).sort()).toEqual(['api', 'livekit', 'migrate', 'postgres', 'proxy', 'redis']);
      expect(config.services.api.deploy.replicas).toBe(2);
      expect(config.services.api.healthcheck.test.join(' ')).toContain('/healthz');
      expect(config.services.api.environment).toMatchObject({
        CYSWLLT_MODE: 'production',
        PUBLIC_URL: 'https://localhost',
        LIVEKIT_URL: 'wss://video.localhost',
      });
      expect(config.services.api.ports).toBeUndefined(); // only the proxy is published
      expect(config.services.livekit.environment.REDIS_HOST).toBe('redis:6379');
      expect(config.services.api.environment).toMatchObject({ PUBSUB: 'redis', REDIS_URL: 'redis://redis:6379' });
    },
    TOOL_TIMEOUT,
  );

  it.skipIf(!binary && !required)(
    'refuses to render without the secrets it needs',
    () => {
      const result = spawnSync(binary!, ['-f', join(__dirname, 'docker-compose.yml'), 'config'], {
        env: { PATH: process.env.PATH ?? '' },
        encoding: 'utf8',
      });
      expect(result.status).not.toBe(0);
      expect(result.stderr).toMatch(/set POSTGRES_PASSWORD|set LIVEKIT_API_SECRET|set SMTP_URL|set MAIL_SIGNING_KEY/);
    },
    TOOL_TIMEOUT,
  );
});

describe('infra/.env.example', () => {
  const compose = readFileSync(join(__dirname, 'docker-compose.yml'), 'utf8');
  const example = readFileSync(join(__dirname, '.env.example'), 'utf8').split('\n');
  const exampleKeys = example
    .map((line) => /^([A-Z][A-Z0-9_]*)=/.exec(line)?.[1])
    .filter((key): key is string => key !== undefined);
  /** Variables compose refuses to run without: `${NAME:?message}` or `${NAME?message}`. */
  const required = [...new Set([...compose.matchAll(/\$\{([A-Z][A-Z0-9_]*):?\?/g)].map((m) => m[1]))].sort();
  const used = new Set([...compose.matchAll(/\$\{([A-Z][A-Z0-9_]*)/g)].map((m) => m[1]));

  it('names every variable compose requires, and only variables compose uses', () => {
    expect(required.length).toBeGreaterThan(0);
    expect(required.filter((key) => !exampleKeys.includes(key))).toEqual([]);
    expect(exampleKeys.filter((key) => !used.has(key))).toEqual([]);
  });

  it('says how to generate each required secret, in a comment just above it', () => {
    for (const key of required.filter((name) => /PASSWORD|SECRET|KEY|TOKEN/.test(name))) {
      const line = example.findIndex((text) => text.startsWith(`${key}=`));
      expect(example[line - 1], key).toMatch(/^#.*openssl rand/);
    }
  });
});

describe('infra/Caddyfile', () => {
  const binary = ['/usr/bin/caddy', '/usr/local/bin/caddy'].find((path) => existsSync(path));
  const required = process.env.CI === 'true';

  it.skipIf(!binary && !required)(
    'is a valid Caddy config (`caddy adapt --validate`) that hides /metrics and balances over the API replicas',
    () => {
      expect(
        binary,
        "CI=true: caddy must be installed (`npm test` installs Debian's as root: `npm run provision`)",
      ).toBeDefined();
      const env = {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/tmp',
        PUBLIC_HOST: 'cyswllt.example.org',
        LIVEKIT_HOST: 'video.cyswllt.example.org',
      };
      const result = spawnSync(binary!, ['adapt', '--config', join(__dirname, 'Caddyfile'), '--validate'], {
        env,
        encoding: 'utf8',
      });
      expect(result.status, result.stderr).toBe(0);
      const json = result.stdout;
      expect(json).toContain('"host":["cyswllt.example.org"]');
      expect(json).toContain('"host":["video.cyswllt.example.org"]');
      expect(json).toContain('"path":["/metrics","/metrics/*"]');
      expect(json).toContain('"dynamic_upstreams":{"name":"api","port":"3000"');
    },
  );
});
