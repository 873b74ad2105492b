/** The shape of sample-data/manifest.json: written by make-sample-data.ts, read by the tests. */
export interface SampleFile {
  file: string;
  owner: string;
  rows: number;
  requests: number;
  incoming: number;
  outgoing: number;
  withNote: number;
  accepted: number;
  pending: number;
  unknown: number;
  connections: number | null;
  exportDate: string;
  byYear: Record<string, number>;
}

export interface SampleManifest {
  seed: number;
  /** CRs present in both zips of the same owner. */
  overlapRows: number;
  notesByCategory: Record<string, number>;
  files: SampleFile[];
}
