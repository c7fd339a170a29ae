import { esc } from '../plots/svg';
import { floorMeaning, floorName } from './featureFloor';
import { htmlTable } from './html';
import type { ReportData } from './reportData';

/**
 * What table II is measured against (issue 16): a named floor of the same test split (reproduce: the forward floor of the features the nets read),
 * and the epoch control, ME trained on alone for as many epochs as each staged run had. Empty
 * when the run has neither.
 */
export function floorAndControlHtml(d: ReportData): string {
  const parts: string[] = [];
  if (d.floor)
    parts.push(
      `<p id="floor">${esc(floorName(d.floor.kind))}, this test split: ${d.floor.mean.toFixed(2)} % mean, ${d.floor.median.toFixed(2)} % median. ` +
        `${esc(floorMeaning(d.floor.kind))}</p>`,
    );
  if (d.controls?.length) {
    const error = new Map(d.stages.map((s) => [s.name, s.testErrorPercent]));
    parts.push(
      htmlTable(
        'table-control',
        'Epoch control: ME continued with the ME loss alone, from the same ME weights, test error %',
        ['control', 'epochs', 'test error', 'staged runs with as many epochs'],
        d.controls.map((c) => [
          c.name,
          String(c.epochs),
          c.testErrorPercent,
          c.matches.map((m) => `${m} ${error.get(m)?.toFixed(2) ?? '?'}`).join(', '),
        ]),
      ),
    );
  }
  return parts.join('\n');
}
