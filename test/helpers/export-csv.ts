/** Test helpers: build Invitations/Connections CSVs and zips in memory (fflate). */
import { strToU8, zipSync, type Zippable } from 'fflate';
import Papa from 'papaparse';
import { ExportError, readExport, type ExportData, type ReadOptions } from '../../functions/audit/export/index.ts';

export const HEADER_5 = ['From', 'To', 'Sent At', 'Message', 'Direction'];
export const HEADER_7 = [...HEADER_5, 'inviterProfileUrl', 'inviteeProfileUrl'];
export const CONNECTIONS_PREAMBLE =
  'Notes:\n"When exporting your connection data, you may notice that some of the email addresses are missing. You will only see email addresses for connections who have allowed their connections to see or download their email address using this setting https://www.linkedin.com/psettings/privacy/email. You can learn more here https://www.linkedin.com/help/linkedin/answer/261"\n\n';
export const CONNECTIONS_HEADER = ['First Name', 'Last Name', 'URL', 'Email Address', 'Company', 'Position', 'Connected On'];

/** LinkedIn-style CSV: minimal quoting, LF, trailing newline. */
export function csv(header: string[], rows: string[][], newline = '\n'): string {
  return Papa.unparse({ fields: header, data: rows }, { newline, quotes: false }) + newline;
}

export function zip(files: Record<string, string | Uint8Array>, level: 0 | 6 | 9 = 6): Uint8Array {
  const z: Zippable = {};
  for (const [k, v] of Object.entries(files)) z[k] = [typeof v === 'string' ? strToU8(v) : v, { level }];
  return zipSync(z);
}

export async function read(name: string, data: string | Uint8Array, options?: ReadOptions): Promise<ExportData> {
  return readExport({ name, data: typeof data === 'string' ? strToU8(data) : data }, options);
}

/** The ExportError readExport rejects with (fails the test when it resolves or throws something else). */
export async function readError(name: string, data: string | Uint8Array, options?: ReadOptions): Promise<ExportError> {
  try {
    await read(name, data, options);
  } catch (e) {
    if (e instanceof ExportError) return e;
    throw e;
  }
  throw new Error('expected an ExportError');
}
