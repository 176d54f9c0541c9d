import { t, type Lang } from '../i18n/index.js';
import type { Reply } from '../reply.js';
import type { CommandName } from './grammar.js';

/** A command's usage line and examples, after what was wrong. */
export function usageReply(name: Exclude<CommandName, 'start'>, lang: Lang, problems: string[] = []): Reply {
  const m = t(lang);
  const spec = m.commands[name];
  return {
    kind: problems.length ? 'error' : 'usage',
    visibility: 'private',
    paragraphs: [
      ...problems,
      m.usageLine(spec.usage),
      `${m.examples}\n${spec.examples.map((e) => `• ${e}`).join('\n')}`,
    ],
  };
}
