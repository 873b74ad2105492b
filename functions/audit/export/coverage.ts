/** Coverage: which days an export speaks for (LinkedIn keeps about the last 180 days of invitations). */
import type { Connection, ConnectionRequest, Coverage } from '../model.ts';
import { exportDateFromName } from './identity.ts';
import { addDays, localDate } from './time.ts';

/** Days before the export date that Invitations.csv covers in full. */
export const WINDOW_DAYS = 180;

/**
 * The export date is the one in the upload's name, else in the export folder's name, else the
 * newest date in its files (Connected On, or the newest Sent At in `timeZone`).
 */
export function computeCoverage(source: string, requests: readonly ConnectionRequest[], folderDate: string | null, connections: readonly Connection[] | null, timeZone: string): Coverage {
  let oldest: string | null = null;
  let newest: string | null = null;
  for (const r of requests) {
    if (oldest === null || r.sentAt < oldest) oldest = r.sentAt;
    if (newest === null || r.sentAt > newest) newest = r.sentAt;
  }
  let exportDate = exportDateFromName(source) ?? folderDate;
  if (!exportDate) {
    const dates = (connections ?? []).map((c) => c.connectedOn).filter((d): d is string => d !== null);
    if (newest) dates.push(localDate(Date.parse(newest), timeZone));
    exportDate = dates.length ? dates.reduce((a, b) => (b > a ? b : a)) : null;
  }
  return {
    source,
    exportDate,
    windowStart: exportDate ? addDays(exportDate, -WINDOW_DAYS) : null,
    oldestSentAt: oldest,
    newestSentAt: newest,
  };
}
