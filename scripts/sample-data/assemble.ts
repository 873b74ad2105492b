/**
 * The sample files of one run, in memory: the requests of scenarios.ts laid out as the four data
 * files, with the counts each must show. Draws from the run's `Generator` in a fixed order.
 */
import type { SampleFile } from '../sample-manifest.ts';
import { JONAH } from './banks.ts';
import { expectOf } from './counts.ts';
import { bareInvitationsCsv, connectionsCsv, invitationsCsv, learningCoachCsv, makeZip, messagesCsv, oldConnectionsCsv, profileFiles } from './files.ts';
import type { CR, Generator } from './generator.ts';
import { type OwnerOneHistory, ownerOneHistory, ownerTwoRequests } from './scenarios.ts';
import { addDays, wallDate, wallKey } from './time.ts';

export interface SampleSet {
  /** file name -> contents, in the order they are written */
  files: Map<string, string | Uint8Array>;
  /** the expected counts of each data file (not Connections.csv, which the reader rejects on its own) */
  manifest: SampleFile[];
  /** CRs present in both zips */
  overlap: number;
  /** notes by intended category across the two zips */
  notesByCat: Record<string, number>;
}

const DATE_1 = '2025-07-02';
const DATE_2 = '2026-01-06';

interface Built {
  name: string;
  data: string | Uint8Array;
  expected: SampleFile;
  crs: CR[];
}

export function assemble(g: Generator): SampleSet {
  const history = ownerOneHistory(g);
  const one = firstExport(g, history);
  const two = secondExport(g, history);
  const ines = inesFiles(g);
  const files = new Map<string, string | Uint8Array>([one, two, ines.invitations].map((b) => [b.name, b.data]));
  files.set('Connections.csv', ines.connections);
  const notesByCat: Record<string, number> = {};
  for (const c of [...one.crs, ...history.h2]) if (c.note) notesByCat[c.cat] = (notesByCat[c.cat] ?? 0) + 1;
  const overlap = two.crs.filter((c) => one.crs.includes(c)).length;
  return { files, manifest: [one.expected, two.expected, ines.invitations.expected], overlap, notesByCat };
}

/** The files of owner 1's Basic export, each under `folder` in the zip. */
function basicExport(invitations: string, connections: string, crs: CR[], date: string, folder = ''): Uint8Array {
  const files: Record<string, string> = { 'Invitations.csv': invitations, 'Connections.csv': connections, ...profileFiles(JONAH), 'messages.csv': messagesCsv(JONAH, crs), 'learning_coach_messages.csv': learningCoachCsv(JONAH) };
  return makeZip(Object.fromEntries(Object.entries(files).map(([k, v]) => [folder + k, v])), date);
}

/** Export 1: 07-02-2025, files at the root. */
function firstExport(g: Generator, { h1, old, earlier }: OwnerOneHistory): Built {
  const crs = g.orderForExport([...h1, ...old]);
  const conn = connectionsCsv(g.rng, earlier, [...h1, ...old], DATE_1);
  const name = 'Basic_LinkedInDataExport_07-02-2025.zip';
  const data = basicExport(invitationsCsv(JONAH, crs), conn.text, crs, DATE_1);
  return { name, data, crs, expected: expectOf(name, JONAH.name, crs, DATE_1, crs.length, conn) };
}

/** Export 2: 01-06-2026, in a folder; its old tail repeats rows of export 1 (overlap) and one row is there twice. */
function secondExport(g: Generator, { h1, h2, old, earlier }: OwnerOneHistory): Built {
  const stillPending = h1.filter((c) => !c.acceptedOn || c.acceptedOn > DATE_1);
  const tail = [...old, ...stillPending.filter(() => g.rng.chance(0.1))];
  tail.push(...h1.filter((c) => c.acceptedOn && c.acceptedOn > DATE_1 && !tail.includes(c))); // accepted after export 1
  const crs = g.orderForExport([...h2, ...tail]);
  const conn = connectionsCsv(g.rng, earlier, [...h1, ...old, ...h2], DATE_2);
  const dupAt = crs.findIndex((c) => c.direction === 'INCOMING' && c.note === '');
  const name = 'Basic_LinkedInDataExport_01-06-2026.zip';
  const data = basicExport(invitationsCsv(JONAH, crs, dupAt), conn.text, crs, DATE_2, 'Basic_LinkedInDataExport_01-06-2026/');
  return { name, data, crs, expected: expectOf(name, JONAH.name, crs, DATE_2, crs.length + 1, conn) };
}

/** A bare 5-column Invitations.csv of 2022 (another owner) and her Connections.csv (2022 format, preamble, no URL column). */
function inesFiles(g: Generator): { invitations: Built; connections: string } {
  const { owner, crs: requests } = ownerTwoRequests(g);
  const crs = g.orderForExport(requests);
  const newest = crs.reduce((a, c) => (wallKey(c.wall) > wallKey(a.wall) ? c : a)).wall;
  const name = 'Invitations.csv';
  const invitations = { name, data: bareInvitationsCsv(owner, crs), crs, expected: expectOf(name, owner.name, crs, wallDate(newest), crs.length, null) };
  const connected = crs.filter((c) => c.acceptedOn).map((c) => ({ who: c.who, on: c.acceptedOn! }));
  connected.push(...Array.from({ length: 25 }, () => ({ who: g.person(), on: addDays('2017-06-01', g.rng.int(0, 1700)) })));
  return { invitations, connections: oldConnectionsCsv(connected) };
}
