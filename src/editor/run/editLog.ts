import type { GraphDocument, RunEdit } from '../../graph';
import { diffGraph } from '../../graph/patch';

/**
 * The edits of a live-edited run, as `run.edits` records them: the top graph as each swap sent
 * it, paired with the worker's swap events (where the run applied it, or why not). A swap the run
 * refused changed nothing; its changes go with the next one it took.
 */
export class EditLog {
  private start: GraphDocument | null = null;
  private sent: { note: string; doc: GraphDocument }[] = [];

  begin(doc: GraphDocument): void {
    this.start = doc;
    this.sent = [];
  }

  record(note: string, doc: GraphDocument): void {
    this.sent.push({ note, doc });
  }

  /** The run's edits, from its swap events (oldest first). */
  edits(swaps: readonly { epoch: number; step: number; note: string; refused?: string }[]): RunEdit[] {
    if (!this.start) return [];
    const out: RunEdit[] = [];
    let before = this.start;
    let i = 0;
    for (const s of swaps) {
      // A graph the worker could not compile sent no event: skip to the one this event is about.
      while (i < this.sent.length && this.sent[i].note !== s.note) i++;
      const entry = this.sent[i++];
      if (!entry || s.refused) continue;
      out.push({ epoch: s.epoch, step: s.step, note: s.note, patch: diffGraph(before, entry.doc) });
      before = entry.doc;
    }
    return out;
  }
}
