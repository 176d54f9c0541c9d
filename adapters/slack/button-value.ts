import type { Action } from '../../src/reply.js';

/** Slack's limits on a button: what its value and label may hold. */
export const BUTTON_VALUE_MAX = 2000;
export const BUTTON_TEXT_MAX = 75;

/** Every button of ours has an action_id `news:<kind>:<n>`. */
const ACTION_PREFIX = 'news:';

const KINDS = new Set<Action['kind']>(['more', 'subscribe', 'unsubscribe', 'share', 'command']);

export interface ButtonPress {
  kind: Action['kind'];
  command: string;
  offset: number;
}

export function actionId(kind: Action['kind'], n: number): string {
  return `${ACTION_PREFIX}${kind}:${n}`;
}

/**
 * The button's value: the command to run again and where to page from. Nothing else is kept
 * anywhere, so a button still works after a restart. Undefined when it would not fit.
 */
export function encodeButtonValue(a: Action): string | undefined {
  const value = JSON.stringify(a.offset ? { c: a.command, o: a.offset } : { c: a.command });
  return value.length <= BUTTON_VALUE_MAX ? value : undefined;
}

/** The press of one of our buttons, or undefined for anything we did not make. */
export function decodeButtonPress(actionIdText: string, value: string | undefined): ButtonPress | undefined {
  if (!actionIdText.startsWith(ACTION_PREFIX) || !value) return undefined;
  const kind = actionIdText.slice(ACTION_PREFIX.length).split(':')[0] as Action['kind'];
  if (!KINDS.has(kind)) return undefined;
  try {
    const v = JSON.parse(value) as { c?: unknown; o?: unknown };
    if (typeof v.c !== 'string') return undefined;
    const offset = typeof v.o === 'number' && Number.isInteger(v.o) && v.o > 0 ? v.o : 0;
    return { kind, command: v.c, offset };
  } catch {
    return undefined;
  }
}
