import { formatSigned, formatStat, type Stat } from '../util/stats';
import { type FloorKind, floorMeaning, floorName } from './featureFloor';
import type { StageFeatures } from './stageFeatures';

/**
 * The paper's four training stages (fig. 7): ME from scratch, ME+ICs from ME, and both
 * ME+ICs+DE and ME+ICs+DE+H from ME+ICs. Paper numbers: tables I and II.
 */
export interface Stage {
  name: string;
  graph: string;
  initFrom?: string;
  paper: { finalLoss: number; testErrorPercent: number };
}

export const paperStages: readonly Stage[] = [
  { name: 'ME', graph: 'stage-me.json', paper: { finalLoss: 0.064, testErrorPercent: 4.2 } },
  { name: 'ME+ICs', graph: 'stage-me-ics.json', initFrom: 'ME', paper: { finalLoss: 0.033, testErrorPercent: 3.4 } },
  { name: 'ME+ICs+DE', graph: 'stage-me-ics-de.json', initFrom: 'ME+ICs', paper: { finalLoss: 0.255, testErrorPercent: 3.655 } },
  { name: 'ME+ICs+DE+H', graph: 'stage-me-ics-de-h.json', initFrom: 'ME+ICs', paper: { finalLoss: 0.271, testErrorPercent: 4.1 } },
];

/**
 * The epoch control (issue 16): ME continued with the ME loss alone, from the same ME weights, for
 * as many epochs as the staged runs had (ME+ICs after two stages' epochs, the DE stages after
 * three). A staged run that beats its control owes the gain to its loss terms, not its epochs.
 */
export interface ControlStage {
  name: string;
  graph: string;
  initFrom: string;
  /** the staged runs that have trained as many epochs */
  matches: readonly string[];
}

/** The graph file of a stage (or control) for the given features. */
export function stageGraph(graph: string, features: StageFeatures): string {
  return features === 'meanv' ? graph.replace(/^stage-/, 'stage-meanv-') : graph;
}

export const controlStages: readonly ControlStage[] = [
  { name: 'ME-2x', graph: 'stage-me.json', initFrom: 'ME', matches: ['ME+ICs'] },
  { name: 'ME-3x', graph: 'stage-me.json', initFrom: 'ME-2x', matches: ['ME+ICs+DE', 'ME+ICs+DE+H'] },
];

export interface StageResult {
  stage: string;
  dir: string;
  finalLoss: number;
  finalTestLoss: number;
  testErrorPercent: number;
  paper: Stage['paper'];
}

/** Tables I and II side by side, as plain text for the terminal. */
export function stageTables(results: readonly StageResult[]): string {
  const pad = (s: string, n: number) => s.padEnd(n);
  const num = (x: number, d: number) => x.toFixed(d).padStart(10);
  const lines = [
    "Table I: final training loss (the stage's objective)",
    `${pad('stage', 14)}${'ours'.padStart(10)}${'paper'.padStart(10)}`,
    ...results.map((r) => `${pad(r.stage, 14)}${num(r.finalLoss, 4)}${num(r.paper.finalLoss, 3)}`),
    '',
    'Table II: mean eq. (15) test error, %',
    `${pad('stage', 14)}${'ours'.padStart(10)}${'paper'.padStart(10)}`,
    ...results.map((r) => `${pad(r.stage, 14)}${num(r.testErrorPercent, 2)}${num(r.paper.testErrorPercent, 3)}`),
  ];
  return `${lines.join('\n')}\n`;
}

/** Tables I and II as mean ± sample sd over seeds, with n, beside the paper's numbers. */
export function stageStatsTables(
  rows: readonly { stage: string; finalLoss: Stat; testErrorPercent: Stat; paper: Stage['paper'] }[],
): string {
  const pad = (s: string, n: number) => s.padEnd(n);
  const cell = (x: Stat, d: number) => `${x.mean.toFixed(d)} ± ${x.sd === null ? '–' : x.sd.toFixed(d)}`.padStart(22);
  const n = rows[0]?.testErrorPercent.n ?? 0;
  const head = `${pad('stage', 14)}${`ours (mean ± sd, n = ${n})`.padStart(26)}${'paper'.padStart(10)}`;
  const lines = [
    "Table I: final training loss (the stage's objective)",
    head,
    ...rows.map((r) => `${pad(r.stage, 14)}${cell(r.finalLoss, 4).padStart(26)}${r.paper.finalLoss.toFixed(3).padStart(10)}`),
    '',
    'Table II: mean eq. (15) test error, %',
    head,
    ...rows.map((r) => `${pad(r.stage, 14)}${cell(r.testErrorPercent, 2).padStart(26)}${r.paper.testErrorPercent.toFixed(3).padStart(10)}`),
  ];
  return `${lines.join('\n')}\n`;
}

/** A stage's or control's numbers over seeds: one value per seed. */
export interface SeedValues {
  stage: string;
  testErrorPercent: Stat;
}

/**
 * Table II's companions: a floor of the data (`slidegraph floor`; reproduce gives the forward
 * floor of the features the nets read) and each stage's distance to it; then the epoch control.
 */
export function floorAndControlTables(
  floor: Stat,
  kind: FloorKind,
  stages: readonly SeedValues[],
  controls: readonly (SeedValues & { matches: readonly string[]; epochs: number })[],
): string {
  const lines = [
    `${floorName(kind)} (test split): ${formatStat(floor, 2)} %`,
    `  ${floorMeaning(kind)}`,
    `${'stage'.padEnd(14)}${`above the ${kind.predictor} floor, points`.padStart(26)}`,
    ...stages.map((s) => `${s.stage.padEnd(14)}${formatSigned(s.testErrorPercent.mean - floor.mean).padStart(26)}`),
  ];
  if (controls.length) {
    const byName = new Map(stages.map((s) => [s.stage, s]));
    lines.push(
      '',
      'Epoch control: ME continued with the ME loss alone, from the same ME weights, % test error',
      `${'control'.padEnd(8)}${'epochs'.padStart(8)}${'control'.padStart(18)}   staged runs with as many epochs`,
      ...controls.map(
        (c) =>
          `${c.stage.padEnd(8)}${String(c.epochs).padStart(8)}${formatStat(c.testErrorPercent, 2).padStart(18)}   ${c.matches
            .map((m) => {
              const s = byName.get(m);
              return s ? `${m} ${formatStat(s.testErrorPercent, 2)}` : m;
            })
            .join(', ')}`,
      ),
    );
  }
  return `${lines.join('\n')}\n`;
}
