import { textLines } from './lab/lines';
import { type Experiment, type ReadOptions, readExperiments } from './lab/record';

export type { Experiment } from './lab/record';

/**
 * Reads experiments from delimited text already in memory; the rules are those of
 * readExperiments (docs/data.md, docs/lab.md). Files are better read with readExperimentFile,
 * which streams them.
 */
export function parseExperimentsCsv(text: string, file: string, options: ReadOptions = {}): Experiment[] {
  return readExperiments(textLines(text), file, options);
}

/**
 * One sequence as CSV with columns t, V, mu. Numbers are written in JavaScript's shortest
 * round-trip form, so reading them back gives the same float64 values.
 */
export function experimentCsv(t: ArrayLike<number>, V: ArrayLike<number>, mu: ArrayLike<number>): string {
  let s = 't,V,mu\n';
  for (let i = 0; i < t.length; i++) s += `${t[i]},${V[i]},${mu[i]}\n`;
  return s;
}
