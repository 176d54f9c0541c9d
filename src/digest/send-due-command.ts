import { PassThrough } from 'node:stream';
import { createApp } from '../app.js';
import { loadConfig } from '../config.js';

/**
 * `newsbot digests send-due [--now ISO]`: delivers every digest due at that moment through the
 * configured platforms (the console's print here), then exits. It takes the store's scheduler
 * lease, so it never sends alongside a running service.
 */
export async function sendDueCommand(opts: { now?: string }): Promise<void> {
  const now = opts.now ? new Date(opts.now) : new Date();
  if (Number.isNaN(now.getTime())) {
    process.stderr.write(
      `newsbot: --now "${opts.now}" is not an ISO-8601 moment, such as 2026-11-30T15:00:00Z\n`,
    );
    process.exitCode = 1;
    return;
  }
  const config = loadConfig();
  const app = await createApp(config, { console: { input: new PassThrough(), output: process.stdout } });
  const held = await app.takeLease();
  if (!held.ok) {
    process.stderr.write(
      `newsbot: another newsbot (${held.holder}) is sending the digests of this store; nothing was sent.\n`,
    );
    await app.stop();
    process.exitCode = 1;
    return;
  }
  const r = await app.sendDue(now);
  process.stderr.write(
    `digests due at ${now.toISOString()}: ${r.due}; sent ${r.sent}, nothing new ${r.empty}, failed ${r.failed}, paused ${r.paused}, waiting for an adapter ${r.skipped}\n`,
  );
  await app.stop();
  if (r.failed) process.exitCode = 1;
}
