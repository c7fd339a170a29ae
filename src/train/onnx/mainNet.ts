import { type Plan, type PlanStep, weightName } from '../../compile/plan';
import { mainNetChain } from '../exportMainNet';
import type { NamedWeights } from '../types';
import { bytes, concat, type Field, int, message, string } from './protobuf';

/** The opset the file declares: Squeeze with its axes as an input needs 13. */
export const ONNX_OPSET = 13;
export const ONNX_INPUT = 'features';
export const ONNX_OUTPUT = 'predictions';
const IR_VERSION = 7; // the IR that opset 13 shipped with
const FLOAT = 1;
const INT64 = 7;
const ATTR_INT = 2;
const ATTR_INTS = 7;

type Tensor = { name: string; dims: number[]; type: typeof FLOAT | typeof INT64; data: Float32Array | BigInt64Array };

function tensor(t: Tensor): Field[] {
  return [...t.dims.map((d) => int(1, d)), int(2, t.type), string(8, t.name), bytes(9, littleEndian(t.data))];
}

function littleEndian(data: Float32Array | BigInt64Array): Uint8Array {
  const out = new Uint8Array(data.length * data.BYTES_PER_ELEMENT);
  const view = new DataView(out.buffer);
  data.forEach((v: number | bigint, i: number) =>
    typeof v === 'bigint' ? view.setBigInt64(i * 8, v, true) : view.setFloat32(i * 4, v, true),
  );
  return out;
}

const attrInt = (name: string, value: number): Field[] => [string(1, name), int(20, ATTR_INT), int(3, value)];
const attrInts = (name: string, values: number[]): Field[] => [string(1, name), int(20, ATTR_INTS), ...values.map((v) => int(8, v))];

function node(op: string, inputs: string[], outputs: string[], name: string, attributes: Field[][] = []): Field[] {
  return [
    ...inputs.map((x) => string(1, x)),
    ...outputs.map((y) => string(2, y)),
    string(3, name),
    string(4, op),
    ...attributes.map((a) => message(5, a)),
  ];
}

/** A float tensor's name and shape; a string dimension is symbolic (the batch). */
function valueInfo(name: string, dims: (number | string)[]): Field[] {
  const shape = dims.map((d) => message(1, [typeof d === 'number' ? int(1, d) : string(2, d)]));
  return [string(1, name), message(2, [message(1, [int(1, FLOAT), message(2, shape)])])];
}

/** Rows of a [rows, cols] matrix read column-wise from a [cols, rows] one: ONNX's W = kernelᵀ. */
function transpose(values: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(values.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[r * cols + c] = values[c * rows + r];
  return out;
}

/**
 * The trained main net as an ONNX model (opset 13): input `features` [batch, T, F], output
 * `predictions` [batch, T] (Δμ/Δμ_ch, as `predict`'s `normalized`). GRU layers become ONNX GRU
 * nodes and Linear layers MatMul + Add, between two Transposes (onnxruntime's GRU is time-major).
 *
 * ONNX's GRU is the paper's eqs. (4)–(7) with two conventions to match:
 * - The reset gate multiplies h before the recurrent matrix, h̃ = tanh(W_h x + b_h + U_h (r ⊙ h)):
 *   that is `linear_before_reset = 0`. (1 multiplies after it, r ⊙ (U_h h + b), which is PyTorch's
 *   GRU and not this model.)
 * - ONNX writes H = (1 − z) ⊙ h̃ + z ⊙ H₋₁ where the paper writes (1 − z) H₋₁ + z h̃, so the update
 *   gate's rows of W, R and its bias are negated: σ(−a) = 1 − σ(a).
 * Gate order is (z, r, h) in both. Returns undefined when the main net is not a plain chain of
 * GRU and Linear layers ending in one output.
 */
export function mainNetOnnx(plan: Plan, weights: NamedWeights, meta: { producerVersion: string; doc: string }): Uint8Array | undefined {
  const chain = mainNetChain(plan);
  if (!chain) return undefined;
  const T = plan.data.samples;
  const w = (s: PlanStep, name: string) => weights[weightName(s.id, name)];
  const features = w(chain[0], 'kernel').shape[0];
  const initializers: Tensor[] = [
    { name: 'axis_1', dims: [1], type: INT64, data: BigInt64Array.of(1n) },
    { name: 'axis_2', dims: [1], type: INT64, data: BigInt64Array.of(2n) },
  ];
  // onnxruntime runs GRU time-major only (layout 0), so the net works on [T, batch, ·] inside.
  const nodes: Field[][] = [node('Transpose', [ONNX_INPUT], ['time_major'], 'time_major', [attrInts('perm', [1, 0, 2])])];
  let x = 'time_major';
  for (const [k, s] of chain.entries()) {
    const id = `${s.id.replace(/[^A-Za-z0-9_]/g, '_')}_${k}`;
    const kernel = w(s, 'kernel');
    const [inputs, units] = kernel.shape;
    if (s.block.type === 'GRU') {
      const H = units / 3;
      const flipZ = (m: Float32Array, cols: number) => m.map((v, i) => (Math.floor(i / cols) < H ? -v : v));
      const W = flipZ(transpose(kernel.values, 3 * H, inputs), inputs);
      const R = flipZ(transpose(w(s, 'recurrentKernel').values, 3 * H, H), H);
      const B = new Float32Array(6 * H);
      B.set(flipZ(Float32Array.from(w(s, 'bias').values), 1));
      initializers.push(
        { name: `${id}_W`, dims: [1, 3 * H, inputs], type: FLOAT, data: W },
        { name: `${id}_R`, dims: [1, 3 * H, H], type: FLOAT, data: R },
        { name: `${id}_B`, dims: [1, 6 * H], type: FLOAT, data: B },
      );
      nodes.push(
        node('GRU', [x, `${id}_W`, `${id}_R`, `${id}_B`], [`${id}_Y`], id, [attrInt('hidden_size', H), attrInt('linear_before_reset', 0)]),
        // Y is [T, directions = 1, batch, H].
        node('Squeeze', [`${id}_Y`, 'axis_1'], [`${id}_out`], `${id}_squeeze`),
      );
    } else {
      initializers.push(
        { name: `${id}_kernel`, dims: [inputs, units], type: FLOAT, data: Float32Array.from(kernel.values) },
        { name: `${id}_bias`, dims: [units], type: FLOAT, data: Float32Array.from(w(s, 'bias').values) },
      );
      nodes.push(
        node('MatMul', [x, `${id}_kernel`], [`${id}_xw`], `${id}_matmul`),
        node('Add', [`${id}_xw`, `${id}_bias`], [`${id}_out`], `${id}_add`),
      );
    }
    x = `${id}_out`;
  }
  nodes.push(
    node('Squeeze', [x, 'axis_2'], ['predictions_time_major'], 'one_output'),
    node('Transpose', ['predictions_time_major'], [ONNX_OUTPUT], 'predictions', [attrInts('perm', [1, 0])]),
  );
  const graph = [
    ...nodes.map((n) => message(1, n)),
    string(2, 'slidegraph main net'),
    ...initializers.map((t) => message(5, tensor(t))),
    string(10, meta.doc),
    message(11, valueInfo(ONNX_INPUT, ['batch', T, features])),
    message(12, valueInfo(ONNX_OUTPUT, ['batch', T])),
  ];
  return concat([
    int(1, IR_VERSION),
    string(2, 'slidegraph'),
    string(3, meta.producerVersion),
    string(6, meta.doc),
    message(7, graph),
    message(8, [string(1, ''), int(2, ONNX_OPSET)]),
  ]);
}
