import type { ChatAddress, Notifier } from '../../src/ports.js';

/**
 * One platform's Notifier wired to its fake HTTP API, for the contract suite that runs the
 * same tests against every platform (tests/contract/notifier.contract.test.ts).
 */
export interface NotifierHarness {
  readonly name: string;
  readonly notifier: Notifier;
  /** a chat address on this platform, distinct per id */
  address(id: string): ChatAddress;
  /** the plain text (the message's fallback text) of every message the fake received for that chat, in order */
  received(address: ChatAddress): string[];
  /**
   * make the fake answer the next `times` sends to that chat with a fault:
   * rate_limited: 429 with a retry-after of 1 second; unreachable: blocked / channel_not_found;
   * server_error: 500; migrated: Telegram's migrate_to_chat_id (platforms without it may skip).
   */
  fault(
    address: ChatAddress,
    kind: 'rate_limited' | 'unreachable' | 'server_error' | 'migrated',
    times?: number,
  ): void;
  /** whether this platform has the fault at all (Slack has no migration) */
  supports(kind: 'migrated'): boolean;
  close(): Promise<void>;
}

export type HarnessFactory = () => Promise<NotifierHarness>;
