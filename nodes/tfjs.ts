import type * as TF from '@tensorflow/tfjs-core';
import type { gruSequence as GruSequence } from '../src/kernels/gru/index';

/**
 * The tfjs that block files emit their ops on. Block files describe blocks (sockets, params,
 * shape rules) as well as their ops, and commands that only check graphs (`check`, the editor's
 * page) must not pay for loading tfjs: it is most of the CLI's start-up. So block files import
 * only the types, and the module that runs graphs (src/compile/model.ts) binds the real tfjs here
 * before any block emits (with a backend and the ops' gradients: src/compile/tfjsParts.ts). ES
 * modules' live bindings make every block see it once bound.
 */
export let tf: typeof TF = unbound('tf') as typeof TF;
/** the fused GRU op (src/kernels/gru), which imports tfjs itself */
export let gruSequence: typeof GruSequence = unbound('gruSequence') as typeof GruSequence;

export function bindBlockOps(ops: { tf: typeof TF; gruSequence: typeof GruSequence }): void {
  tf = ops.tf;
  gruSequence = ops.gruSequence;
}

function unbound(name: string): unknown {
  const fail = () => {
    throw new Error(`${name}: blocks emit ops only once src/compile/model.ts has loaded tfjs`);
  };
  return new Proxy(fail, { get: fail, apply: fail });
}
