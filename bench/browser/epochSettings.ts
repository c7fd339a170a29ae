/** One run of fig. 6, the same in Node and in the browser worker (bench/epoch.ts). */
export const EPOCH_BENCH = {
  graphs: ['fig6-global.json', 'fig2-main.json', 'fig3-initial-condition.json', 'fig4-direct-effect.json', 'fig5-healing.json'],
  top: 'fig6-global.json',
  data: { count: 1000, seed: 1, rule: 'equal-slip' as const, testFraction: 0.2 },
  training: { epochs: 3, batchSize: 32, learningRate: 1e-3, seed: 1, schedule: { type: 'constant' as const } },
};
