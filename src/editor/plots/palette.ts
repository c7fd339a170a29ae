/** Fixed colours per loss term so ME is the same colour in every chart and report. */
const named: Record<string, string> = { ME: '#1f77b4', ICs: '#2ca02c', DE: '#d62728', H: '#9467bd', total: '#333333' };
const spare = ['#ff7f0e', '#8c564b', '#e377c2', '#17becf', '#bcbd22', '#7f7f7f'];

export function termColor(term: string, index: number): string {
  return named[term] ?? spare[index % spare.length];
}
