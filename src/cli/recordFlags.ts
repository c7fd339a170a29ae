import { type Command, Option } from 'commander';
import { parseColumnsFlag } from '../physics/lab/columns';
import { type Separator, separatorNames } from '../physics/lab/separators';
import { InputError } from '../util/inputError';

function separator(raw: string): Separator {
  const sep = separatorNames[raw.toLowerCase()];
  if (!sep) throw new InputError('--sep', `must be one of comma, semicolon, tab, spaces, got ${JSON.stringify(raw)}`);
  return sep;
}

/** How a lab record is read: the flags `import` and `fit` share (docs/lab.md). */
export function addRecordFlags(c: Command): Command {
  return c
    .addOption(
      new Option('--sep <name>', 'field separator: comma | semicolon | tab | spaces (default: sniffed from the header)').argParser(
        separator,
      ),
    )
    .addOption(
      new Option(
        '--columns <spec>',
        'which header cell is which, e.g. time=Time(s),displacement=Displ(microns),friction=Friction',
      ).argParser(parseColumnsFlag),
    );
}
