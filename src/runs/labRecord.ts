import { statSync } from 'node:fs';
import { fileLines } from '../physics/lab/lines';
import { type Experiment, type ReadOptions, readExperiments } from '../physics/lab/record';
import { InputError } from '../util/inputError';

/**
 * A lab record read from disk, streamed line by line so that its size is bounded by the numbers
 * it holds rather than by its text. Only regular files are read (a FIFO or a device never is).
 */
export function readRecord(path: string, options: ReadOptions): Experiment[] {
  let isFile = false;
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw new InputError('file', 'is a directory', path);
    isFile = st.isFile();
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError('file', code === 'ENOENT' ? 'no such file' : `cannot be read (${code ?? 'unknown error'})`, path);
  }
  if (!isFile) throw new InputError('file', 'is not a regular file (a device, FIFO or socket); only regular files are read', path);
  return readExperiments(fileLines(path), path, options);
}
