import pino from 'pino';
import { createTelegramAdapter } from '../adapters/telegram/index.js';
import { createCore } from '../src/core.js';
import { createMemoryStore } from '../store/memory-store.js';
import { startFakeTelegram } from '../tests/fakes/telegram-api.js';
import { generateItems, toJsonLines } from './generate.js';
const NOW = new Date('2026-11-28T04:00:00Z');
const fake = await startFakeTelegram({ record: false });
const store = createMemoryStore();
const core = createCore({ store, defaultSchedule: { weekday: 1, time: '09:00', timeZone: 'America/Costa_Rica' }, sources: ['bench'] });
await core.news.ingestBody(toJsonLines(generateItems(Number(process.env.N ?? 100000))), 'bench', NOW, { format: 'jsonl' });
const adapter = createTelegramAdapter({ config: { token: fake.token, apiRoot: fake.url }, commands: core.commands, store, log: pino({ level: 'silent' }), now: () => NOW });
await adapter.start();
const C = ['costa rica', 'honduras', 'méxico', 'guatemala', 'haiti'];
let id = 1;
const upd = () => { const i = id++; const text = `/country ${C[i % 5]}`; return { update_id: i, message: { message_id: 1, date: 1, chat: { id: 1e6 + i, type: 'private' }, from: { id: 1e6 + i, is_bot: false, first_name: 'x' }, text } } as any; };
for (const conc of [1, 2, 4, 8, 16, 32]) {
  const n = 2000; let next = 0; const t0 = performance.now();
  await Promise.all(Array.from({ length: conc }, async () => { while (next++ < n) await adapter.bot.handleUpdate(upd()); }));
  console.log(conc, Math.round(n / ((performance.now() - t0) / 1000)));
}
// only the command, no telegram
let t0 = performance.now();
for (let i = 0; i < 2000; i++) await core.commands.run(`country ${C[i % 5]}`, { address: { platform: 'telegram', chatId: String(i) }, now: NOW });
console.log('core only', Math.round(2000 / ((performance.now() - t0) / 1000)));
t0 = performance.now();
for (let i = 0; i < 2000; i++) await adapter.bot.telegram.callApi('sendMessage', { chat_id: 5, text: 'hello' } as any);
console.log('sendMessage only', Math.round(2000 / ((performance.now() - t0) / 1000)));
await adapter.stop(); await fake.close();
