import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openPostgres, pgliteExtensions, wrapPglite } from '../../server/src/db/client.js';
import { migrate } from '../../server/src/db/migrate.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    postgresTemplate: string | null;
  }
}

/** Database name in a PostgreSQL URL, replaced. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/**
 * Migrates one template database per run: a PGlite data-dir dump that each test file loads, and,
 * with TEST_DATABASE_URL, a PostgreSQL template that each test file copies.
 */
export default async function setup(project: TestProject) {
  const folder = await mkdtemp(join(tmpdir(), 'keel-test-'));
  const template = join(folder, 'template.tar');
  const handle = wrapPglite(await PGlite.create({ extensions: pgliteExtensions }));
  await migrate(handle);
  const dump = await handle.pglite?.dumpDataDir('none');
  if (!dump) throw new Error('PGlite dump failed');
  await writeFile(template, Buffer.from(await dump.arrayBuffer()));
  await handle.close();
  project.provide('pgliteTemplate', template);

  const serverUrl = process.env.TEST_DATABASE_URL;
  let templateName: string | null = null;
  if (serverUrl) {
    templateName = `keel_template_${process.pid}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${templateName}`);
    await admin.query(`create database ${templateName}`);
    await admin.end();
    const server = openPostgres(withDatabase(serverUrl, templateName), 1);
    await migrate(server);
    await server.close();
  }
  project.provide('postgresTemplate', templateName);

  return async () => {
    await rm(folder, { recursive: true, force: true });
    if (serverUrl && templateName) {
      const admin = new pg.Client({ connectionString: serverUrl });
      await admin.connect();
      await admin.query(`drop database if exists ${templateName}`);
      await admin.end();
    }
  };
}
