import type { Command } from 'commander';

/** `slidegraph export-onnx`: its flags and help; the command's code (src/cli/commands/exportOnnx.ts) loads only when it runs. */
export function addExportOnnxCommand(p: Command): void {
  p.command('export-onnx')
    .description("write a finished run's main net as an ONNX model (opset 13; input features [batch, T, F], output predictions [batch, T])")
    .argument('<rundir>', 'run folder written by train')
    .requiredOption('--out <file>', 'ONNX file to write')
    .action(async (dir: string, opts) => (await import('../commands/exportOnnx')).exportOnnxCommand(dir, opts));
}
