import { mkdir } from 'node:fs/promises';
import { writeFileAtomic } from '../files/atomic-file.js';
import { endLeftoverGroup } from '../process/process-group.js';
import { type ServiceLog, SupervisedProcess } from '../process/supervised-process.js';
import { answersDns } from './dns-probe.js';
import { type PowerDnsLayout, powerDnsLayout } from './layout.js';
import { readZoneList, writeZoneList } from './named-conf.js';
import type { PowerDnsBinaries } from './pdns-binary.js';
import { type PowerDnsListen, powerDnsListen, renderPowerDnsConfig } from './pdns-conf.js';
import { pdnsControl } from './pdns-control.js';

export interface PowerDnsSupervisorOptions {
  /** Found with findPowerDnsBinaries(): KEEL_PDNS_BIN or PATH. */
  binaries: PowerDnsBinaries;
  /** Keel's own PowerDNS directory, e.g. <KEEL_DATA_DIR>/powerdns. */
  stateDir: string;
  port: number;
  /** An IP literal; 127.0.0.1 unless the operator exposes the DNS port directly. */
  host?: string;
  log?: ServiceLog;
}

// The kernel's name of the process, which /proc shows for every member of its group.
const COMM = 'pdns_server';

/**
 * Runs Keel's private PowerDNS (the bind backend, reading Keel's named.conf and zone files) in
 * the foreground as a child process, restarts it when it dies, and runs pdns_control against it.
 */
export class PowerDnsSupervisor {
  readonly layout: PowerDnsLayout;
  readonly listen: PowerDnsListen;
  private readonly server: SupervisedProcess;

  constructor(private readonly options: PowerDnsSupervisorOptions) {
    this.layout = powerDnsLayout(options.stateDir);
    this.listen = powerDnsListen(options.host ?? '127.0.0.1', options.port);
    this.server = new SupervisedProcess({
      name: 'PowerDNS',
      binary: options.binaries.server,
      args: [`--config-dir=${this.layout.configDir}`],
      comm: COMM,
      isReady: () => answersDns(this.listen.host, this.listen.port),
      log: options.log,
    });
  }

  /** Times PowerDNS was started again after it died on its own. */
  get restarts(): number {
    return this.server.restarts;
  }

  /** pdns_server's process id while it runs. */
  get pid(): number | undefined {
    return this.server.pid;
  }

  /** Resolves once PowerDNS answers queries on its port. */
  async start(): Promise<void> {
    if (this.server.supervising) return;
    await this.prepareFiles();
    // The trailing NUL ends the argument in /proc/<pid>/cmdline, so /x/powerdns2 is not /x/powerdns.
    await endLeftoverGroup(this.layout.pidFile, `--config-dir=${this.layout.configDir}\0`, COMM);
    await this.server.start();
  }

  /** Stops PowerDNS; nothing of it runs afterwards. */
  stop(): Promise<void> {
    return this.server.stop();
  }

  /** Runs `pdns_control <args…>` against the running server; resolves to what it printed. */
  control(args: readonly string[]): Promise<string> {
    return pdnsControl(this.options.binaries.control, this.layout, args);
  }

  private async prepareFiles(): Promise<void> {
    const { layout } = this;
    await mkdir(layout.zonesDir, { recursive: true });
    await mkdir(layout.socketDir, { recursive: true });
    await writeFileAtomic(layout.configFile, renderPowerDnsConfig(layout, this.listen));
    // Created at the first start; rewritten from what it lists at every start, so a data
    // directory that moved still finds its zone files.
    await writeZoneList(layout, await readZoneList(layout));
  }
}
