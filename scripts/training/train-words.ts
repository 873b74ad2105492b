/** Training of the word model (functions/audit/classify/words.ts): counts of features per class, from labelled notes. */
import { forEachWordFeature, WORD_CLASSES, wordClassOf, type TrainedWordModel } from '../../functions/audit/classify/words.ts';

/** Counts the features of labelled notes (labels the words cannot tell are skipped). Deterministic: the same notes give the same model, in any order. */
export function trainWordModel(examples: Iterable<{ text: string; label: string }>, alpha = 0.05): TrainedWordModel {
  const K = WORD_CLASSES.length;
  const notes = new Array<number>(K).fill(0);
  const counts = new Map<string, number[]>();
  for (const { text, label } of examples) {
    const cls = wordClassOf(label);
    if (!cls || !text.trim()) continue;
    const c = WORD_CLASSES.indexOf(cls);
    notes[c]++;
    forEachWordFeature(text, (feature) => {
      let row = counts.get(feature);
      if (!row) counts.set(feature, (row = new Array<number>(K).fill(0)));
      row[c]++;
    });
  }
  // a word pair seen in one note only is dropped: it says nothing general, and pairs are most of the features
  const features = [...counts.keys()]
    .filter((f) => !f.startsWith('b:') || counts.get(f)!.reduce((x, y) => x + y, 0) >= 2)
    .sort()
    .map((f) => `${f}\t${counts.get(f)!.join(',')}`);
  return { classes: [...WORD_CLASSES], notes, alpha, features };
}
