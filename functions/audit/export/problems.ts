/** The warnings of one read: each names file and row; at most maxWarningsPerFile listed per file. */
import type { Problem } from '../model.ts';
import { count } from './limits.ts';

export class ProblemLog {
  private readonly list: Problem[] = [];
  private readonly perFile = new Map<string, { listed: number; more: number; firstMore: number }>();

  constructor(private readonly maxPerFile: number) {}

  add(file: string, row: number, reason: string): void {
    let f = this.perFile.get(file);
    if (!f) this.perFile.set(file, (f = { listed: 0, more: 0, firstMore: 0 }));
    if (f.listed < this.maxPerFile) {
      f.listed++;
      this.list.push({ file, row, reason });
    } else if (f.more++ === 0) f.firstMore = row;
  }

  /** Every warning listed, then one per file that had more than the limit. */
  done(): Problem[] {
    for (const [file, f] of this.perFile) {
      if (f.more > 0) this.list.push({ file, row: f.firstMore, reason: `${count(f.more)} more warnings from this row on, not listed (only the first ${count(this.maxPerFile)} are); the file is probably not a LinkedIn export as exported` });
    }
    return this.list;
  }
}
