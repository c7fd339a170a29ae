import { readFileSync } from 'node:fs';
import { InputError } from '../util/inputError';

export function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (code ?? 'cannot be read');
    throw new InputError('file', why, path);
  }
}

/** Parses JSON and turns a syntax error into a message that names the file. */
export function readJson(path: string): unknown {
  const text = readText(path);
  if (text.trim() === '') throw new InputError('file', 'is empty', path);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new InputError('file', `is not valid JSON (${(e as Error).message})`, path);
  }
}
