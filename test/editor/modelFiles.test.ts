import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import '../../src/compile/tfjsParts';
import * as tfl from '@tensorflow/tfjs-layers';
import { modelFiles } from '../../src/editor/run/modelFiles';

test('the exported model.json + weights.bin load back into tfjs and predict what the saved model did', async () => {
  const model = tfl.sequential({ layers: [tfl.layers.dense({ units: 3, inputShape: [2], kernelInitializer: 'glorotUniform' })] });
  let artifacts: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (a) => {
      artifacts = a;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  const [json, bin] = modelFiles(artifacts!, 'net');
  assert.deepEqual([json.name, bin.name], ['net.json', 'net.weights.bin']);
  const manifest = JSON.parse(await json.content.text());
  assert.deepEqual(manifest.weightsManifest[0].paths, ['./net.weights.bin']);
  const loaded = await tfl.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: manifest.modelTopology,
      weightSpecs: manifest.weightsManifest[0].weights,
      weightData: await bin.content.arrayBuffer(),
    }),
  );
  const x = tf.tensor2d([[0.3, -1.2]]);
  const [a, b] = [model.predict(x) as tf.Tensor, loaded.predict(x) as tf.Tensor];
  assert.deepEqual(Array.from(await b.data()), Array.from(await a.data()));
  tf.dispose([x, a, b]);
  model.dispose();
  loaded.dispose();
});
