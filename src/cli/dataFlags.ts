import { type Command, Option } from 'commander';
import { defaultDataConfig as defaults } from '../physics/dataDefaults';
import type { DataConfig } from '../physics/dataset';
import { holdRules, protocolKinds, timings, velocityRules } from '../physics/generator';
import { stateLaws } from '../physics/stateLaws';
import { dataSystems } from '../physics/systems';
import { InputError } from '../util/inputError';
import { choiceOption, intOption, positiveOption } from './options';

export interface DataFlags {
  count: number;
  seed: number;
  rule: DataConfig['rule'];
  testFraction?: number;
  law: DataConfig['law'];
  system: DataConfig['system'];
  timing: DataConfig['timing'];
  hold: DataConfig['hold'];
  protocol?: DataConfig['protocol'];
  mu0?: number;
  a?: number;
  b?: number;
  vref?: number;
  dc?: number;
  duration?: number;
  totalSlip?: number;
  minJumps?: number;
  maxJumps?: number;
  holdVelocity?: number;
  samples?: number;
  k?: number;
  noiseMu?: number;
  noiseV?: number;
}

function nonNegativeOption(flag: string) {
  return (raw: string): number => {
    const v = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(v) || v < 0) throw new InputError(flag, `must be a number >= 0, got ${JSON.stringify(raw)}`);
    return v;
  };
}

/** The dataset flags `data` and `floor` share, so both describe a dataset the same way. */
export function addDataFlags(cmd: Command, defaultCount: number): Command {
  return cmd
    .addOption(new Option('--count <n>', 'number of sequences').argParser(intOption('--count', 1, 10_000_000)).default(defaultCount))
    .addOption(
      new Option('--seed <s>', 'seed for protocols, split and noise').argParser(intOption('--seed', 0, 0xffffffff)).default(defaults.seed),
    )
    .addOption(
      new Option('--rule <rule>', `velocity rule: ${velocityRules.join(' | ')}`)
        .argParser(choiceOption('--rule', velocityRules))
        .default(defaults.rule),
    )
    .addOption(new Option('--test-fraction <f>', 'share of sequences held out for testing').argParser(positiveOption('--test-fraction')))
    .addOption(
      new Option('--law <law>', `state law: ${stateLaws.join(' | ')}`).argParser(choiceOption('--law', stateLaws)).default(defaults.law),
    )
    .addOption(
      new Option('--system <system>', `what the protocol drives: ${dataSystems.join(' | ')}`)
        .argParser(choiceOption('--system', dataSystems))
        .default(defaults.system),
    )
    .addOption(
      new Option('--timing <timing>', `jump times: ${timings.join(' | ')} (grid = on sample instants)`)
        .argParser(choiceOption('--timing', timings))
        .default(defaults.timing),
    )
    .addOption(
      new Option('--hold <rule>', `which interval holds: ${holdRules.join(' | ')}`)
        .argParser(choiceOption('--hold', holdRules))
        .default(defaults.hold),
    )
    .addOption(
      new Option('--protocol <kind>', `protocol: ${protocolKinds.join(' | ')} (jumps: the paper's; shs: slide-hold-slide)`).argParser(
        choiceOption('--protocol', protocolKinds),
      ),
    )
    .addOption(new Option('--mu0 <mu0>', "rate-and-state mu0 (the paper's 0.5)").argParser(finiteOption('--mu0')))
    .addOption(new Option('--a <a>', "rate-and-state a (the paper's 0.005)").argParser(finiteOption('--a')))
    .addOption(new Option('--b <b>', "rate-and-state b (the paper's 0.015)").argParser(finiteOption('--b')))
    .addOption(new Option('--vref <m/s>', "reference velocity (the paper's 1e-4)").argParser(positiveOption('--vref')))
    .addOption(new Option('--dc <m>', "critical slip distance (the paper's 2e-4)").argParser(positiveOption('--dc')))
    .addOption(new Option('--duration <s>', "record length (the paper's 0.013)").argParser(positiveOption('--duration')))
    .addOption(
      new Option('--total-slip <Dc>', "total slip per record in units of Dc (the paper's 30)").argParser(positiveOption('--total-slip')),
    )
    .addOption(new Option('--min-jumps <n>', "fewest jumps per record (the paper's 2)").argParser(intOption('--min-jumps', 1, 64)))
    .addOption(new Option('--max-jumps <n>', "most jumps per record (the paper's 5)").argParser(intOption('--max-jumps', 1, 64)))
    .addOption(
      new Option('--hold-velocity <m/s>', "slider velocity in the hold (the paper's 2e-9)").argParser(positiveOption('--hold-velocity')),
    )
    .addOption(new Option('--samples <n>', "samples per record (the paper's 100)").argParser(intOption('--samples', 2, 100_000)))
    .addOption(
      new Option('--k <stiffness>', 'spring stiffness for --system spring-slider (default 1000 per metre)').argParser(
        positiveOption('--k'),
      ),
    )
    .addOption(
      new Option('--noise-mu <sigma>', 'Gaussian noise on the targets, in units of dmu_ch').argParser(nonNegativeOption('--noise-mu')),
    )
    .addOption(
      new Option('--noise-v <sigma>', 'relative Gaussian noise on the velocity features').argParser(nonNegativeOption('--noise-v')),
    );
}

function finiteOption(flag: string) {
  return (raw: string): number => {
    const v = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(v)) throw new InputError(flag, `must be a finite number, got ${JSON.stringify(raw)}`);
    return v;
  };
}
