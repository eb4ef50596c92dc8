import type { ResourceDriver } from './drivers/types.js';
import type { HostedKind, KindService } from './reconciled-kind.js';
import type { ServiceSettings, Stops } from './service-settings.js';

/** A kind with its driver, or the sentence saying why its service is not there. */
export interface KindOnService {
  kind: HostedKind;
  driver: ResourceDriver<unknown> | null;
  unavailable: string | null;
}

export interface Services {
  kinds: KindOnService[];
  /** The driver of a kind, typed as that kind declares it; null when its service is unavailable. */
  // biome-ignore lint/suspicious/noExplicitAny: any desired type; the kind fixes the driver's
  driverOf<Driver extends ResourceDriver<any>>(kind: { service: KindService<Driver> }): Driver | null;
  /** Stops every service started (nginx, PowerDNS …) and closes connections (MariaDB's pool). */
  stop(): Promise<void>;
}

function servicesOf(kinds: KindOnService[], stops: Stops): Services {
  return {
    kinds,
    driverOf: (kind) => (kinds.find((entry) => entry.kind === (kind as unknown))?.driver ?? null) as never,
    stop: async () => {
      for (const next of stops.splice(0).reverse()) await next();
    },
  };
}

/**
 * Starts the service of every kind the settings allow. Configured but broken is an error at
 * start, not a silent degrade; the services started before the broken one are stopped again.
 */
export async function startServices(kinds: HostedKind[], settings: ServiceSettings): Promise<Services> {
  const stops: Stops = [];
  const started: KindOnService[] = [];
  try {
    for (const kind of kinds) {
      const service = await kind.service.start(settings, stops);
      started.push(
        'unavailable' in service
          ? { kind, driver: null, unavailable: service.unavailable }
          : { kind, driver: service, unavailable: null },
      );
    }
  } catch (error) {
    await servicesOf(started, stops).stop();
    throw error;
  }
  return servicesOf(started, stops);
}

/** Every configured kind's driver for looking only (keel doctor): nothing is started. */
export function inspectServices(kinds: HostedKind[], settings: ServiceSettings): Services {
  const stops: Stops = [];
  return servicesOf(
    kinds.map((kind) => {
      const driver = kind.service.inspect(settings, stops);
      return { kind, driver, unavailable: driver ? null : `${kind.plural} are not configured` };
    }),
    stops,
  );
}
