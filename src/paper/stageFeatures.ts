// Apart from stages.ts, so that `reproduce --features` is declared at start-up without the stages' code.

/**
 * The main net's inputs: the paper's V/Vch alone, or V/Vch and MeanV (the mean velocity over each
 * sample interval, which tells where a jump fell). The MeanV stages are graphs/stage-meanv-*.json,
 * the paper's stage graphs with the two features stacked into the same main net.
 */
export const stageFeatures = ['v', 'meanv'] as const;
export type StageFeatures = (typeof stageFeatures)[number];
