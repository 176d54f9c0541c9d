import schedule, { type Job } from 'node-schedule';
import type { Logger } from 'pino';

export interface SchedulerOptions {
  /** delivers what is due at `now` */
  sendDue: (now: Date) => Promise<unknown>;
  /** fetches the sources that are due at `now` */
  poll: (now: Date) => Promise<unknown>;
  pollMinutes: number;
  /** poll at once at start too: a process taking the work over has not read the sources since it began */
  pollAtStart?: boolean;
  log: Logger;
}

export interface Scheduler {
  /** catches up what was missed while the service was down, then runs on the clock */
  start(): Promise<void>;
  /** takes no more work and waits for the run in flight */
  stop(): Promise<void>;
}

/**
 * node-schedule decides when; what runs takes the time as an argument. Digests are checked at
 * the start of every minute (a chat's time is a minute of the hour), sources every
 * SOURCE_POLL_MINUTES. A run never overlaps the previous one of its kind.
 */
export function createScheduler(o: SchedulerOptions): Scheduler {
  const jobs = new Set<Job>();
  const running = new Set<Promise<unknown>>();
  const busy = { digests: false, poll: false };
  let stopped = false;

  const run = (kind: keyof typeof busy, fn: (now: Date) => Promise<unknown>, at: Date): Promise<unknown> => {
    if (stopped || busy[kind]) return Promise.resolve();
    busy[kind] = true;
    // Called at once, as before; a throw before the promise exists becomes its rejection, so it
    // is logged and `busy` is cleared (it used to escape into node-schedule and stop that kind for good).
    const p = new Promise<unknown>((resolve) => resolve(fn(at)))
      .catch((err) => o.log.error({ err, kind }, 'scheduled run failed'))
      .finally(() => {
        busy[kind] = false;
        running.delete(p);
      });
    running.add(p);
    return p;
  };

  // The next poll is planned when the last one ends, so a slow source never makes runs pile up.
  const planPoll = () => {
    if (stopped) return;
    const job = schedule.scheduleJob(new Date(Date.now() + o.pollMinutes * 60_000), (at) => {
      jobs.delete(job);
      void run('poll', o.poll, at).then(planPoll);
    });
    jobs.add(job);
  };

  return {
    async start() {
      void run('digests', o.sendDue, new Date());
      const everyMinute = new schedule.RecurrenceRule();
      everyMinute.second = 0;
      jobs.add(schedule.scheduleJob(everyMinute, (at) => void run('digests', o.sendDue, at)));
      if (o.pollAtStart) void run('poll', o.poll, new Date()).then(planPoll);
      else planPoll();
    },
    async stop() {
      stopped = true;
      for (const j of jobs) j.cancel();
      jobs.clear();
      await Promise.all(running);
    },
  };
}
