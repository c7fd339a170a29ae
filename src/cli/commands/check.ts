import { describeType } from '../../../nodes/block';
import { lossMode } from '../../compile/fused/plan';
import { trainableCount } from '../../compile/plan';
import { compileGraphFile } from '../../runs/graphFiles';
import { InputError } from '../../util/inputError';
import { jsonText, oneLine } from '../cleanText';
import { CliExit, EXIT_INPUT } from '../fail';

/**
 * Validates and compiles each file; prints what a user wants to see before training.
 * Every file is checked, like a compiler over many sources: each refusal is one line on
 * stderr, and the exit code is 2 if any file was refused.
 */
export function checkCommand(files: string[], opts: { json?: boolean }): void {
  let refused = 0;
  const reports = files.flatMap((file) => {
    try {
      return [reportOn(file)];
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      refused++;
      process.stderr.write(`slidegraph: ${oneLine(e.message)}\n`);
      return [];
    }
  });
  print(reports, opts);
  if (refused) throw new CliExit(EXIT_INPUT, '');
}

function reportOn(file: string) {
  const { doc, plan } = compileGraphFile(file);
  const blocks: Record<string, number> = {};
  for (const n of doc.nodes) blocks[n.type] = (blocks[n.type] ?? 0) + 1;
  const typeOf = (ref: { node: string; socket: string }) => plan.steps.find((s) => s.id === ref.node)?.outputTypes[ref.socket];
  const outputs = Object.fromEntries(Object.entries(plan.outputs).map(([k, ref]) => [k, describeType(typeOf(ref)!)]));
  const losses = plan.losses.map((l) => l.name);
  // Loss blocks with nothing wired in: training leaves their terms out, which `check` says aloud.
  const inactive = plan.inactive.map((t) => `${t.name} (${t.id})`);
  const loss = lossMode(plan);
  return {
    file,
    name: doc.name,
    blocks,
    inlinedSteps: plan.steps.length,
    outputs,
    losses,
    inactive,
    loss,
    trainableParameters: trainableCount(plan),
  };
}

function print(reports: ReturnType<typeof reportOn>[], opts: { json?: boolean }): void {
  if (opts.json) {
    process.stdout.write(`${jsonText(reports, 2)}\n`);
    return;
  }
  for (const r of reports) {
    const blockList = Object.entries(r.blocks)
      .map(([t, n]) => (n > 1 ? `${t}×${n}` : t))
      .join(', ');
    process.stdout.write(
      [
        `${oneLine(r.file)}: ok — ${oneLine(r.name, 200)}`,
        `  blocks: ${blockList}`,
        `  outputs: ${
          Object.entries(r.outputs)
            .map(([k, v]) => `${oneLine(k, 200)} ${v}`)
            .join(', ') || 'none'
        }`,
        `  loss terms: ${r.losses.map((l) => oneLine(l, 200)).join(', ') || 'none'}`,
        ...(r.inactive.length
          ? [`  inactive terms (nothing wired in, left out of training): ${r.inactive.map((l) => oneLine(l, 200)).join(', ')}`]
          : []),
        `  loss: ${oneLine(r.loss)}`,
        `  trainable parameters: ${r.trainableParameters}`,
        '',
      ].join('\n'),
    );
  }
}
