/** The API's parameters and bodies, validated with zod (openapi.json describes the same; a test keeps both in step). */
import * as z from 'zod';
import { CATEGORIES, DIRECTIONS, KEEPABLE_ROLES, ROLES } from '../audit/model.ts';

const wholeYear = z
  .string()
  .transform(Number)
  .pipe(z.number())
  .pipe(
    z
      .number()
      .int({ error: 'must be a whole year such as 2025' })
      .min(1900, { error: 'must be a year such as 2025' })
      .max(2999, { error: 'must be a year such as 2025' }),
  );

const yearString = z.string().regex(/^\d{4}$/, { error: 'must be a four-digit year such as 2025' }).pipe(wholeYear);

export const yearParam = z.object({ year: yearString });

export const uploadIdParam = z.object({
  uploadId: z.string().min(1).max(512).regex(/^[^\u0000-\u001f]+$/, { error: 'must be the uploadId returned by POST /uploads' }),
});

/** A file name's limit in UTF-8 bytes (like most file systems): URI-encoded it stays far under S3's 2 KB of metadata. */
export const MAX_FILENAME_BYTES = 255;
/** Bidirectional controls can make "cod.exe\u202Epiz.zip" read as another name: refused. */
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

export const uploadBody = z
  .object({
    filename: z
      .string()
      .trim()
      .min(1, { error: 'must not be empty' })
      .max(255, { error: 'must be at most 255 characters' })
      .refine((name) => Buffer.byteLength(name, 'utf8') <= MAX_FILENAME_BYTES, { error: `must be at most ${MAX_FILENAME_BYTES} bytes in UTF-8 (shorten it)` })
      .regex(/^[^\\/\u0000-\u001f\u007f]+$/, { error: 'must be a file name without folders or control characters' })
      .refine((name) => !BIDI_CONTROLS.test(name), { error: 'must not contain bidirectional control characters (they disguise the name)' })
      .regex(/\.(zip|csv)$/i, { error: 'must end in .zip (the LinkedIn export) or .csv (Invitations.csv)' })
      .optional(),
    format: z.enum(['zip', 'csv'], { error: 'must be "zip" or "csv"' }).optional(),
  })
  .strict()
  .refine((b) => b.filename !== undefined || b.format !== undefined, { error: 'give "filename" (e.g. "Basic_LinkedInDataExport_03-14-2026.zip") or "format" ("zip" or "csv")' })
  .refine((b) => !(b.filename && b.format) || b.filename.toLowerCase().endsWith(`.${b.format}`), { error: '"filename" and "format" disagree', path: ['format'] });

export const verdictQuery = z
  .object({
    year: yearString.optional(),
    category: z.enum(CATEGORIES, { error: `must be one of ${CATEGORIES.join(', ')}` }).optional(),
    direction: z.enum(DIRECTIONS, { error: `must be one of ${DIRECTIONS.join(', ')}` }).optional(),
    role: z.enum(ROLES, { error: `must be one of ${ROLES.join(', ')}` }).optional(),
    limit: z
      .string()
      .regex(/^\d+$/, { error: 'must be a whole number from 1 to 100' })
      .transform(Number)
      .pipe(z.number().int().min(1, { error: 'must be at least 1' }).max(100, { error: 'must be at most 100' }))
      .default(25),
    cursor: z.string().min(1).max(2048, { error: 'is too long' }).optional(),
  })
  .strict();

/** PUT /settings: the roles to keep (the job seeker's view: ["recruiter"]; [] for the standard view). */
export const settingsBody = z
  .object({
    keep: z
      .array(z.enum(KEEPABLE_ROLES, { error: `must list only ${KEEPABLE_ROLES.join(', ')}` }), { error: `must be a list, e.g. ["recruiter"] or []` })
      .max(KEEPABLE_ROLES.length, { error: `must list each role once` })
      .refine((keep) => new Set(keep).size === keep.length, { error: 'must list each role once' }),
  })
  .strict();
