// The floor's predictors and feature sets apart from posteriorFloor.ts, so that `floor`'s flags
// are declared at start-up without loading the floor's code.

/** agnostic: ignores where a jump fell between two samples; forward: samples up to now; sequence: all of them. */
export type FloorPredictor = 'agnostic' | 'forward' | 'sequence';
export const floorPredictors: readonly FloorPredictor[] = ['agnostic', 'forward', 'sequence'];
/** v: V/Vch; meanv: V/Vch and MeanV; grid: V/Vch with jumps on sample instants (timing grid). */
export type FloorFeatures = 'v' | 'meanv' | 'grid';
export const floorFeatures: readonly FloorFeatures[] = ['v', 'meanv', 'grid'];
