import type { io } from '@tensorflow/tfjs-core';

/**
 * A model's artifacts as the two files tfjs's `downloads://` handler writes: `NAME.json` (the
 * topology and a weights manifest naming the binary file) and `NAME.weights.bin`, which
 * `tf.loadLayersModel` and `tf.io.browserFiles` read back.
 */
export function modelFiles(a: io.ModelArtifacts, name: string): { name: string; content: Blob; type: string }[] {
  const bin = `${name}.weights.bin`;
  const json = {
    modelTopology: a.modelTopology,
    format: a.format,
    generatedBy: a.generatedBy,
    convertedBy: a.convertedBy,
    ...(a.signature ? { signature: a.signature } : {}),
    ...(a.userDefinedMetadata ? { userDefinedMetadata: a.userDefinedMetadata } : {}),
    ...(a.modelInitializer ? { modelInitializer: a.modelInitializer } : {}),
    ...(a.trainingConfig ? { trainingConfig: a.trainingConfig } : {}),
    weightsManifest: [{ paths: [`./${bin}`], weights: a.weightSpecs ?? [] }],
  };
  const data = a.weightData === undefined ? [] : Array.isArray(a.weightData) ? a.weightData : [a.weightData];
  return [
    { name: `${name}.json`, content: new Blob([JSON.stringify(json)], { type: 'application/json' }), type: 'application/json' },
    { name: bin, content: new Blob(data, { type: 'application/octet-stream' }), type: 'application/octet-stream' },
  ];
}
