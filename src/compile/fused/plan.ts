import { fieldRead } from '../../../nodes/block';
import type { FusedRule } from '../../../nodes/fused';
import type { Params } from '../../../nodes/params';
import type { SocketRef } from '../../graph';
import type { Plan, PlanStep } from '../plan';

/**
 * The loss part of a graph (every step that is not the main net) as one chain of fused rules:
 * numbered wires ("slots") of plain arrays, the steps that fill them in order, and the main-net
 * wires that enter it (the fused op's tensor inputs, and where its gradients go out).
 */
interface FusedStep {
  id: string;
  type: string;
  rule: FusedRule;
  params: Params;
  /** slot of each connected input and each output socket */
  inputs: Record<string, number>;
  outputs: Record<string, number>;
  /** values per sequence on each socket */
  size: Record<string, number>;
  /** whether some input depends on the main net, so the backward pass must visit this step */
  backward: boolean;
}

interface Slot {
  /** values per sequence */
  size: number;
  /** carries gradient back to the main net */
  grad: boolean;
}

export interface FusedLoss {
  steps: FusedStep[];
  slots: Slot[];
  /** main-net wires read by the loss part, in the fused op's input order */
  boundary: { ref: SocketRef; slot: number; shape: number[] }[];
  /** each Loss block's weighted wire and the same term before its Scale blocks */
  losses: { name: string; value: number; raw: number }[];
  /** dataset fields the loss part reads */
  fields: string[];
}

export type LossPlan = { fused: true; net: FusedLoss } | { fused: false; reason: string };

const key = (r: SocketRef) => `${r.node}\u0000${r.socket}`;
const sizeOf = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

/** The fused loss network of a plan, or why the loss must run as the graph's tfjs ops. */
export function planFusedLoss(plan: Plan): LossPlan {
  if (!plan.losses.length) return { fused: false, reason: 'the graph has no Loss block' };
  const main = new Set(plan.mainNet);
  const byId = new Map(plan.steps.map((s) => [s.id, s]));
  // Data sources of the main net that the loss part also reads are read again, from the host batch.
  const isSource = (s: PlanStep) => fieldRead(s.block, s.params) !== undefined;
  const lossSteps = plan.steps.filter((s) => !main.has(s.id));
  const readAgain = new Set<string>();
  for (const s of lossSteps) {
    for (const r of Object.values(s.inputs)) {
      const from = byId.get(r.node)!;
      if (main.has(r.node) && isSource(from)) readAgain.add(r.node);
    }
  }
  const chosen = plan.steps.filter((s) => !main.has(s.id) || readAgain.has(s.id));
  for (const s of chosen) {
    const where = `${s.block.type} '${s.id}'`;
    if (s.weights.length) return { fused: false, reason: `${where} has weights in the loss part` };
    if (!s.block.fused) return { fused: false, reason: `${where} has no fused rule` };
  }

  const slots: Slot[] = [];
  const slotOf = new Map<string, number>();
  const boundary: FusedLoss['boundary'] = [];
  const chosenIds = new Set(chosen.map((s) => s.id));
  const steps: FusedStep[] = [];
  for (const s of chosen) {
    const inputs: Record<string, number> = {};
    const size: Record<string, number> = {};
    let backward = false;
    for (const [socket, ref] of Object.entries(s.inputs)) {
      let slot = slotOf.get(key(ref));
      if (slot === undefined) {
        // Not made inside the loss part: a main-net wire, a tensor input of the fused op.
        if (chosenIds.has(ref.node)) throw new Error(`fused loss: '${ref.node}' is used before it is computed`);
        const shape = byId.get(ref.node)!.outputTypes[ref.socket].shape;
        slot = slots.push({ size: sizeOf(shape), grad: true }) - 1;
        slotOf.set(key(ref), slot);
        boundary.push({ ref, slot, shape });
      }
      inputs[socket] = slot;
      size[socket] = slots[slot].size;
      if (slots[slot].grad && s.inputTypes[socket].kind !== 'index') backward = true;
    }
    const outputs: Record<string, number> = {};
    for (const [socket, t] of Object.entries(s.outputTypes)) {
      const slot = slots.push({ size: sizeOf(t.shape), grad: backward }) - 1;
      slotOf.set(key({ node: s.id, socket }), slot);
      outputs[socket] = slot;
      size[socket] = slots[slot].size;
    }
    steps.push({ id: s.id, type: s.block.type, rule: s.block.fused!, params: s.params, inputs, outputs, size, backward });
  }
  const wire = (r: SocketRef) => {
    const slot = slotOf.get(key(r));
    if (slot === undefined) throw new Error(`fused loss: no slot for '${r.node}'`);
    return slot;
  };
  const losses = plan.losses.map((l) => ({ name: l.name, value: wire(l.value), raw: wire(l.raw) }));
  const fields = [...new Set(chosen.map((s) => fieldRead(s.block, s.params)).filter((f) => f !== undefined))];
  return { fused: true, net: { steps, slots, boundary, losses, fields } };
}

/** One line per step, e.g. `s7 = MS(a: s5, b: s2)   # ms`: the plan as readable text. */
export function fusedLossText(net: FusedLoss): string {
  const lines = net.boundary.map((b) => `s${b.slot} = main net ${b.ref.node}.${b.ref.socket} [${b.shape.join('×')}]`);
  for (const s of net.steps) {
    const ins = Object.entries(s.inputs)
      .map(([k, v]) => `${k}: s${v}`)
      .join(', ');
    const outs = Object.values(s.outputs)
      .map((v) => `s${v}`)
      .join(', ');
    lines.push(`${outs || '·'} = ${s.type}(${ins})${s.backward ? '' : '   (no gradient)'}   # ${s.id}`);
  }
  for (const l of net.losses) lines.push(`loss ${l.name} = mean s${l.value} (raw s${l.raw})`);
  return lines.join('\n');
}
