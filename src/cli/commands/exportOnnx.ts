import { join } from 'node:path';
import { dataShapeOf } from '../../../nodes/fields';
import { writeFileAtomic } from '../../runs/atomicWrite';
import { compileGraphDoc } from '../../runs/graphFiles';
import { packageVersion } from '../../runs/packageRoot';
import { requireMatchingWeights } from '../../runs/preflight';
import { runFiles } from '../../runs/runFolder';
import { InputError } from '../../util/inputError';
import { printNote } from '../followRun';

/** `export-onnx RUNDIR --out FILE`: a finished run's main net as an ONNX model (docs/package.md). */
export async function exportOnnxCommand(dir: string, opts: { out: string }): Promise<void> {
  // These bring tfjs: loaded when the command runs, so that --help and other commands never load it.
  const { openFinishedRun } = await import('../../runs/runTraining');
  const { mainNetOnnx, ONNX_INPUT, ONNX_OPSET, ONNX_OUTPUT } = await import('../../train/onnx/mainNet');
  const { doc, graphFile, weights, ds, note } = openFinishedRun(dir);
  if (note) printNote(note);
  const plan = compileGraphDoc(doc, graphFile, { data: dataShapeOf(ds.config) });
  requireMatchingWeights(plan, weights, join(dir, runFiles.weights));
  const model = mainNetOnnx(plan, weights, {
    producerVersion: packageVersion,
    doc: `${doc.name ?? 'graph'}: the main net of ${dir}. Input ${ONNX_INPUT} [batch, T, F], output ${ONNX_OUTPUT} [batch, T] (Δμ/Δμ_ch).`,
  });
  if (!model)
    throw new InputError(
      'main net',
      'is not a plain chain of GRU and Linear layers ending in one output, which is what ONNX export writes',
      graphFile,
    );
  writeFileAtomic(opts.out, model);
  process.stdout.write(
    `${JSON.stringify({ file: opts.out, run: dir, opset: ONNX_OPSET, input: ONNX_INPUT, output: ONNX_OUTPUT, samples: plan.data.samples, bytes: model.length }, null, 2)}\n`,
  );
}
