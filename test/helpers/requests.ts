/**
 * Connection requests as the reader hands them to the classifier, for tests that classify many
 * (classifyRequests against classifyInbox): one owner, one day, names with accents, titles and
 * other scripts, each counterpart its own key.
 */
import type { ConnectionRequest } from '../../functions/audit/model.ts';

export const NAMES = ['Ana María López', 'Bob Smith', 'Samir Haddad', 'Dr. Jane Doe', 'Zoë Kovač'];

/** The `i`th CR of a test export: `message` received, or sent when `outgoing`. */
export function requestOf(i: number, message: string, outgoing: boolean): ConnectionRequest {
  return {
    id: `cr${i}`,
    owner: { name: 'Robin Example', profileUrl: null },
    direction: outgoing ? 'OUTGOING' : 'INCOMING',
    sentAt: '2025-01-02T03:04:05.000Z',
    year: 2025,
    outcome: 'accepted',
    source: { file: 'Invitations.csv', row: i + 2 },
    message,
    counterpart: { name: NAMES[i % NAMES.length], profileUrl: null, key: `name:${i}` },
  };
}
