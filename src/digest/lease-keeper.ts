import type { Logger } from 'pino';
import type { SchedulerLease } from '../ports.js';

/**
 * How often a service refused the lease asks again. Cheap (one mkdir or one query), and with the
 * lowdb lease's 20 s staleness a service takes over from a holder that stopped within 10 s, and
 * from one that was killed within half a minute.
 */
const LEASE_RETRY_MS = 10_000;

export interface LeaseKeeperOptions {
  lease: SchedulerLease;
  log: Logger;
  /**
   * the work done under the lease (the scheduler): started once it is held; `takeover` when it
   * was taken from another process (or back after losing it) rather than at this one's start
   */
  start(opts: { takeover: boolean }): Promise<void>;
  /** stops that work, waiting for the run in flight */
  stop(): Promise<void>;
  retryMs?: number;
}

export type TakeResult = { ok: true } | { ok: false; holder: string };

export interface LeaseKeeper {
  /** tries once to take the lease, and remembers whether another process holds it */
  take(): Promise<TakeResult>;
  /**
   * Runs the work under the lease: at once if this process holds it or can take it; otherwise
   * once its holder lets go or dies, asking again every retryMs. A lease lost later stops the
   * work and starts the waiting again.
   */
  keep(): Promise<void>;
  /** another process held the lease when last asked: changes made here would be written over */
  waiting(): boolean;
  /** stops asking and stops the work; the lease itself is released by the caller, after its last write */
  stop(): Promise<void>;
}

export function createLeaseKeeper(o: LeaseKeeperOptions): LeaseKeeper {
  const retryMs = o.retryMs ?? LEASE_RETRY_MS;
  let holder: string | undefined;
  let working = false;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  /** the retry in hand, so that stop() never races a lease being taken */
  let attempt: Promise<void> | undefined;

  const take = async (): Promise<TakeResult> => {
    const got = await o.lease.acquire();
    holder = got.ok ? undefined : got.holder;
    return got;
  };

  const startWork = async (takeover: boolean) => {
    working = true;
    await o.start({ takeover });
  };

  const retryLater = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      attempt = (async () => {
        const got = await take().catch((err) => {
          o.log.error({ err }, 'could not ask for the scheduler lease; asking again later');
          return undefined;
        });
        if (stopped) return;
        if (!got?.ok) return retryLater();
        o.log.warn(
          'the other newsbot let go of the store: this one now polls the sources and sends the digests',
        );
        await startWork(true).catch((err) => o.log.error({ err }, 'could not start the scheduler'));
      })().finally(() => (attempt = undefined));
    }, retryMs);
    // The service's adapters and listener keep the process alive, not this.
    timer.unref();
  };

  o.lease.onLost((reason) => {
    if (stopped) return;
    holder = 'another process took it over';
    o.log.error(
      { reason },
      'this newsbot lost the scheduler lease of its store: it stops sending digests and polling sources, and waits to take it again',
    );
    const wasWorking = working;
    working = false;
    void (wasWorking ? o.stop() : Promise.resolve())
      .catch((err) => o.log.error({ err }, 'could not stop the scheduler'))
      .then(retryLater);
  });

  return {
    take,
    async keep() {
      const got = await take();
      if (got.ok) return startWork(false);
      o.log.warn(
        { holder: got.holder },
        'another newsbot sends the digests of this store: this one answers reading commands, changes nothing and polls no sources, and takes over once that one stops',
      );
      retryLater();
    },
    waiting: () => holder !== undefined,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await attempt;
      if (working) {
        working = false;
        await o.stop();
      }
    },
  };
}
