import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { parseSchedule } from './digest/schedule.js';
import type { Schedule } from './ports.js';
import { parseSourceEntry, SAMPLE_SOURCE_LABEL, type SourceEntry } from './news/source-labels.js';

/** The project's folder: the bundled sample items are found from here, whatever the cwd. */
const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BUNDLED_SOURCE = path.join(PROJECT_ROOT, 'data', 'sample-items.txt');

/** Where the store lives: lowdb files on this machine, or a PostgreSQL database several instances share. */
export type StoreConfig =
  | { kind: 'lowdb'; path: string }
  /** leaseTtlMs: how long the scheduler lease lasts unrenewed (default 20 s; shorter in tests) */
  | { kind: 'postgres'; url: string; leaseTtlMs?: number };

export interface Config {
  store: StoreConfig;
  /** the sources' addresses, in order */
  sources: string[];
  /** each source with the name and home page NEWS_SOURCES gives it */
  sourceEntries: SourceEntry[];
  pollMinutes: number;
  defaultSchedule: Schedule;
  /** inFlight: K, digest messages in flight at once (TELEGRAM_IN_FLIGHT; the adapter's default when unset) */
  telegram?: {
    token: string;
    apiRoot?: string;
    webhook?: { url: string; secret: string };
    inFlight?: number;
  };
  slack?: {
    botToken: string;
    signingSecret?: string;
    appToken?: string;
    apiUrl?: string;
    command: string;
    /** K for Slack (SLACK_IN_FLIGHT) */
    inFlight?: number;
  };
  port: number;
  /** whether PORT was set: the listener then runs even in local mode, for /healthz */
  portSet: boolean;
  logLevel: string;
  /** no platform token: the console adapter reads standard input */
  local: boolean;
}

/** Environment settings that cannot work, each with what to do about it. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `The settings are not usable:\n${problems.map((p) => `  - ${p}`).join('\n')}\nSee .env.example and the README for every setting.`,
    );
    this.name = 'ConfigError';
  }
}

const opt = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined));

/** K: digest messages in flight at once, the most a crash can send twice. */
const inFlight = (name: string) =>
  opt.pipe(
    z
      .string()
      .regex(/^\d+$/, `${name} must be a whole number of messages, such as 16`)
      .transform(Number)
      .refine((n) => n >= 1 && n <= 256, `${name} must be between 1 and 256`)
      .optional(),
  );

const Env = z.object({
  NEWSBOT_DB: opt,
  NEWS_SOURCES: opt,
  SOURCE_POLL_MINUTES: opt.pipe(
    z
      .string()
      .regex(/^\d+$/, 'SOURCE_POLL_MINUTES must be a whole number of minutes, such as 60')
      .transform(Number)
      .refine((n) => n >= 1 && n <= 10080, 'SOURCE_POLL_MINUTES must be between 1 and 10080 (a week)')
      .optional(),
  ),
  DIGEST_DEFAULT: opt,
  TELEGRAM_BOT_TOKEN: opt.pipe(
    z
      .string()
      .regex(
        /^\d+:[\w-]{20,}$/,
        'TELEGRAM_BOT_TOKEN does not look like a bot token (123456:ABC-...); copy it from @BotFather',
      )
      .optional(),
  ),
  TELEGRAM_API_ROOT: opt.pipe(
    z.url({ message: 'TELEGRAM_API_ROOT must be a URL, such as https://api.telegram.org' }).optional(),
  ),
  TELEGRAM_WEBHOOK_URL: opt.pipe(
    z
      .url({
        protocol: /^https?$/,
        message: 'TELEGRAM_WEBHOOK_URL must be the public https URL Telegram will post updates to',
      })
      .optional(),
  ),
  TELEGRAM_WEBHOOK_SECRET: opt.pipe(
    z
      .string()
      .regex(
        /^[A-Za-z0-9_-]{1,256}$/,
        'TELEGRAM_WEBHOOK_SECRET may hold only A-Z, a-z, 0-9, _ and - (1 to 256 characters)',
      )
      .optional(),
  ),
  SLACK_BOT_TOKEN: opt.pipe(
    z
      .string()
      .regex(/^xoxb-/, 'SLACK_BOT_TOKEN must be a bot token (xoxb-...); find it under OAuth & Permissions')
      .optional(),
  ),
  SLACK_SIGNING_SECRET: opt,
  SLACK_APP_TOKEN: opt.pipe(
    z
      .string()
      .regex(/^xapp-/, 'SLACK_APP_TOKEN must be an app-level token (xapp-...) with connections:write')
      .optional(),
  ),
  SLACK_API_URL: opt.pipe(
    z.url({ message: 'SLACK_API_URL must be a URL, such as https://slack.com/api/' }).optional(),
  ),
  SLACK_COMMAND: opt.pipe(
    z
      .string()
      .regex(/^\/[a-z0-9_-]{1,31}$/, 'SLACK_COMMAND must be a slash command name, such as /news')
      .optional(),
  ),
  PORT: opt.pipe(
    z
      .string()
      .regex(/^\d+$/, 'PORT must be a port number, such as 3000')
      .transform(Number)
      .refine((n) => n < 65536, 'PORT must be below 65536')
      .optional(),
  ),
  NEWSBOT_LEASE_TTL_MS: opt.pipe(
    z
      .string()
      .regex(/^\d+$/, 'NEWSBOT_LEASE_TTL_MS must be a whole number of milliseconds, such as 20000')
      .transform(Number)
      .refine(
        (n) => n >= 1000 && n <= 600_000,
        'NEWSBOT_LEASE_TTL_MS must be between 1000 (a second) and 600000 (ten minutes)',
      )
      .optional(),
  ),
  TELEGRAM_IN_FLIGHT: inFlight('TELEGRAM_IN_FLIGHT'),
  SLACK_IN_FLIGHT: inFlight('SLACK_IN_FLIGHT'),
  LOG_LEVEL: opt.pipe(
    z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
        message: 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
      })
      .optional(),
  ),
});

/** NEWSBOT_DB: a postgres:// URL, or else the path of the lowdb store (default data/newsbot.json). */
function storeConfig(value: string | undefined, problems: string[]): StoreConfig {
  if (!value || !/^postgres(ql)?:/i.test(value)) return { kind: 'lowdb', path: value ?? 'data/newsbot.json' };
  try {
    const u = new URL(value);
    if (!u.hostname && !u.searchParams.get('host')) throw new Error('no host');
  } catch {
    problems.push(
      'NEWSBOT_DB starts with postgres: but is not a database URL; write it as postgres://user:password@host:5432/database',
    );
  }
  return { kind: 'postgres', url: value };
}

/** Reads `.env` in the working folder into the environment, without overriding what is set. */
export function loadDotEnv(file = '.env'): void {
  if (existsSync(file)) process.loadEnvFile(file);
}

/** The environment as a Config. The only place that reads it. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((i) => i.message));
  const e = parsed.data;
  const problems: string[] = [];

  const schedText = e.DIGEST_DEFAULT ?? 'monday 09:00 America/Costa_Rica';
  const sched = parseSchedule(schedText);
  if (!sched.ok)
    problems.push(
      `DIGEST_DEFAULT "${schedText}" must be "<weekday or daily> <time> <time zone>", such as "monday 09:00 America/Costa_Rica"`,
    );

  if (!!e.TELEGRAM_WEBHOOK_URL !== !!e.TELEGRAM_WEBHOOK_SECRET) {
    problems.push(
      'TELEGRAM_WEBHOOK_URL and TELEGRAM_WEBHOOK_SECRET go together: set both for webhook mode, or neither for long polling',
    );
  }
  if ((e.TELEGRAM_WEBHOOK_URL || e.TELEGRAM_API_ROOT) && !e.TELEGRAM_BOT_TOKEN)
    problems.push('TELEGRAM_* settings need TELEGRAM_BOT_TOKEN too');
  // Telegram posts only to https; a self-hosted Bot API server (TELEGRAM_API_ROOT) also takes http.
  if (e.TELEGRAM_WEBHOOK_URL?.startsWith('http:') && !e.TELEGRAM_API_ROOT)
    problems.push(
      'TELEGRAM_WEBHOOK_URL must be an https URL: Telegram posts updates only to https (http works only with a self-hosted Bot API server, TELEGRAM_API_ROOT)',
    );
  if (e.SLACK_BOT_TOKEN && !e.SLACK_SIGNING_SECRET && !e.SLACK_APP_TOKEN) {
    problems.push(
      'SLACK_BOT_TOKEN needs SLACK_SIGNING_SECRET (HTTP mode, from Basic Information) or SLACK_APP_TOKEN (Socket Mode)',
    );
  }
  if ((e.SLACK_SIGNING_SECRET || e.SLACK_APP_TOKEN) && !e.SLACK_BOT_TOKEN)
    problems.push('SLACK_SIGNING_SECRET and SLACK_APP_TOKEN need SLACK_BOT_TOKEN too');
  const entries = e.NEWS_SOURCES
    ? e.NEWS_SOURCES.split(',')
        .map((s) => s.trim())
        .filter(Boolean)
        .map(parseSourceEntry)
    : [{ source: BUNDLED_SOURCE }];
  // The bundled sample, however it is named, is its publisher's.
  for (const en of entries)
    if (!('problem' in en) && !en.name && path.resolve(en.source) === BUNDLED_SOURCE)
      Object.assign(en, SAMPLE_SOURCE_LABEL);
  for (const en of entries) if ('problem' in en) problems.push(en.problem);
  const store = storeConfig(e.NEWSBOT_DB, problems);
  if (e.NEWSBOT_LEASE_TTL_MS !== undefined) {
    if (store.kind === 'postgres') store.leaseTtlMs = e.NEWSBOT_LEASE_TTL_MS;
    else problems.push('NEWSBOT_LEASE_TTL_MS is for a PostgreSQL store (NEWSBOT_DB=postgres://…); unset it');
  }
  if (problems.length || !sched.ok) throw new ConfigError(problems);

  const sourceEntries = entries.filter((en): en is SourceEntry => !('problem' in en));
  const sources = sourceEntries.map((en) => en.source);
  const telegram = e.TELEGRAM_BOT_TOKEN
    ? {
        token: e.TELEGRAM_BOT_TOKEN,
        apiRoot: e.TELEGRAM_API_ROOT,
        webhook:
          e.TELEGRAM_WEBHOOK_URL && e.TELEGRAM_WEBHOOK_SECRET
            ? { url: e.TELEGRAM_WEBHOOK_URL, secret: e.TELEGRAM_WEBHOOK_SECRET }
            : undefined,
        inFlight: e.TELEGRAM_IN_FLIGHT,
      }
    : undefined;
  const slack = e.SLACK_BOT_TOKEN
    ? {
        botToken: e.SLACK_BOT_TOKEN,
        signingSecret: e.SLACK_SIGNING_SECRET,
        appToken: e.SLACK_APP_TOKEN,
        apiUrl: e.SLACK_API_URL,
        command: e.SLACK_COMMAND ?? '/news',
        inFlight: e.SLACK_IN_FLIGHT,
      }
    : undefined;
  const local = !telegram && !slack;
  return {
    store,
    sources,
    sourceEntries,
    pollMinutes: e.SOURCE_POLL_MINUTES ?? 60,
    defaultSchedule: sched.schedule,
    telegram,
    slack,
    port: e.PORT ?? 3000,
    portSet: e.PORT !== undefined,
    logLevel: e.LOG_LEVEL ?? (local ? 'warn' : 'info'),
    local,
  };
}
