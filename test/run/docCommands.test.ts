import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { floorFeatures, floorPredictors } from '../../src/paper/floorKinds';
import { stageFeatures } from '../../src/paper/stageFeatures';
import { controlStages, paperStages, stageGraph } from '../../src/paper/stages';
import { parseSet } from '../../src/run/overrides';
import { parseSweep, sweepPoints } from '../../src/run/sweep';
import { prepareRun } from '../../src/runs/prepareRun';

/**
 * Every number in the docs names the command that made it (issue 29), so every command the docs
 * give must still resolve: its sweep file parses, its graph exists, each --set names a setting
 * the graph has with a value it accepts, each STAGE: prefix a stage, each choice a choice.
 */
const docs = [
  'README.md',
  ...readdirSync('docs')
    .filter((f) => f.endsWith('.md'))
    .map((f) => join('docs', f)),
];

/** Shell words of one command line, with the block's VAR='…' assignments and the loop's $S put in. */
function words(line: string, vars: Map<string, string>): string[] {
  const out: string[] = [];
  const re = /'([^']*)'|"([^"]*)"|(\S+)/g;
  for (const m of line.matchAll(re)) {
    const raw = m[1] ?? m[2] ?? m[3];
    out.push(raw.replace(/\$\{?([A-Z0-9_]+)\}?/g, (_, v: string) => vars.get(v) ?? '0'));
  }
  return out;
}

interface DocCommand {
  file: string;
  args: string[];
}

function docCommands(): DocCommand[] {
  const found: DocCommand[] = [];
  for (const file of docs) {
    const text = readFileSync(file, 'utf8').replace(/\\\n\s*/g, ' ');
    const vars = new Map<string, string>();
    for (const line of text.split('\n')) {
      const assign = line.match(/^\s*([A-Z0-9_]+)='([^']*)'\s*$/);
      if (assign) vars.set(assign[1], assign[2]);
      for (const m of line.matchAll(/slidegraph -- ([^`#;]+)/g)) found.push({ file, args: words(m[1].trim(), vars) });
    }
  }
  return found;
}

function flagValues(args: string[], flag: string): string[] {
  return args.flatMap((a, i) => (a === flag && i + 1 < args.length ? [args[i + 1]] : []));
}

test('every sweep, reproduce, train and floor command in README and docs/ resolves', () => {
  const commands = docCommands();
  const by = (name: string) => commands.filter((c) => c.args[0] === name);
  assert.ok(by('reproduce').length >= 10 && by('sweep').length >= 3 && by('floor').length >= 2, `${commands.length} commands`);
  const stageNames = new Set([...paperStages, ...controlStages].map((s) => s.name));
  for (const { file, args } of commands) {
    const where = `${file}: slidegraph ${args.join(' ')}`;
    const sets = flagValues(args, '--set').map((raw) => {
      const colon = raw.indexOf(':');
      const eq = raw.indexOf('=');
      if (colon > 0 && colon < eq) {
        assert.ok(stageNames.has(raw.slice(0, colon)), `${where}: no stage ${raw.slice(0, colon)}`);
        return parseSet(raw.slice(colon + 1));
      }
      return parseSet(raw);
    });
    const resolves = (graph: string) =>
      assert.doesNotThrow(
        () =>
          prepareRun(
            graph,
            [],
            sets.map((s) => [s.path, s.value] as const),
          ),
        where,
      );
    if (args[0] === 'sweep') {
      assert.ok(existsSync(args[1]), `${where}: no file ${args[1]}`);
      assert.ok(sweepPoints(parseSweep(JSON.parse(readFileSync(args[1], 'utf8')), args[1])).length > 0, where);
    } else if (args[0] === 'reproduce') {
      const features = flagValues(args, '--features')[0] ?? 'v';
      assert.ok((stageFeatures as readonly string[]).includes(features), where);
      resolves(join('graphs', stageGraph('stage-me.json', features as (typeof stageFeatures)[number])));
    } else if (args[0] === 'train') {
      assert.ok(existsSync(args[1]), `${where}: no graph ${args[1]}`);
      resolves(args[1]);
    } else if (args[0] === 'floor') {
      for (const p of flagValues(args, '--predictor')) assert.ok((floorPredictors as readonly string[]).includes(p), where);
      for (const f of flagValues(args, '--features')) assert.ok((floorFeatures as readonly string[]).includes(f), where);
    }
  }
});
