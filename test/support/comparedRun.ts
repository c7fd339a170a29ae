/** The part of fig6-global.json a compared run changes. */
type Fig6 = { run?: { data?: object; training?: object } };

/**
 * A finished run folder's graph.json and metrics.json as the run comparison reads them: fig. 6 at
 * learning rate `lr` and data seed `seed`, one epoch per test error in `errors`. No Node imports:
 * browser tests use it too.
 */
export function comparedRun(fig6: Fig6, graphName: string, lr: number, seed: number, errors: number[]): { graph: object; metrics: object } {
  const graph = {
    ...fig6,
    run: { ...fig6.run!, data: { ...fig6.run!.data, seed }, training: { ...fig6.run!.training, learningRate: lr } },
  };
  const epochs = errors.map((e, i) => ({
    epoch: i + 1,
    step: i + 1,
    train: { total: e / 5 },
    test: { total: e / 5 },
    testErrorPercent: e,
    numTensors: 1,
  }));
  return { graph, metrics: { format: 'slidegraph/metrics', version: 1, graph: graphName, status: 'done', epochs, timings: [], swaps: [] } };
}
