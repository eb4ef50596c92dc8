import { collectDefaultMetrics, Registry } from 'prom-client';

/**
 * This process's metrics, served at /metrics. Counters and histograms are per process (each
 * panel behind a load balancer is scraped on its own); the gauges read from the database at
 * each scrape are the same on every panel.
 */
export const metricsRegistry = new Registry();

// The process's own: CPU, memory, event-loop lag, open handles, garbage collection.
collectDefaultMetrics({ register: metricsRegistry });
