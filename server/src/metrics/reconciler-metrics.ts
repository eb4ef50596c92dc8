import { Gauge, Histogram } from 'prom-client';
import { metricsRegistry } from './metrics-registry.js';

export const convergenceSeconds = new Histogram({
  name: 'keel_convergence_seconds',
  help: "Time from a change of a hosting resource (its own or its customer's) to its service having applied it, by kind and server.",
  labelNames: ['kind', 'server'] as const,
  buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600],
  registers: [metricsRegistry],
});

export const unconvergedResources = new Gauge({
  name: 'keel_reconciler_queue_depth',
  help: 'Hosting resources whose service does not hold what the panel says yet (pending or failed), by kind and server.',
  labelNames: ['kind', 'server'] as const,
  registers: [metricsRegistry],
});

export const backgroundJobs = new Gauge({
  name: 'keel_background_jobs',
  help: 'Background jobs (backups, restores, forgetting backups) by kind and state.',
  labelNames: ['kind', 'state'] as const,
  registers: [metricsRegistry],
});

export const serversOnline = new Gauge({
  name: 'keel_servers_online',
  help: 'Hosting servers whose agent reported within the last three heartbeats (the local server always).',
  registers: [metricsRegistry],
});

export const serversOffline = new Gauge({
  name: 'keel_servers_offline',
  help: 'Hosting servers whose agent has not reported for three heartbeats, or never enrolled.',
  registers: [metricsRegistry],
});
