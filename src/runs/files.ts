import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { MAX_INPUT_FILE_BYTES } from '../graph/limits';
import { InputError } from '../util/inputError';
import { invalidUtf8Offset } from '../util/utf8';

const why = (code: string | undefined) =>
  code === 'ENOENT'
    ? 'no such file'
    : code === 'EISDIR'
      ? 'is a directory'
      : code === 'EACCES'
        ? 'cannot be read (EACCES: permission denied)'
        : code === 'ENOTDIR'
          ? 'no such file (ENOTDIR: a part of the path is a file, not a folder)'
          : `cannot be read (${code ?? 'unknown error'})`;

/**
 * Reads a user's file as UTF-8 text. Only regular files are read: the file is opened without
 * blocking (a FIFO cannot hang us) and checked with fstat before a byte is read (a character
 * device cannot fill memory); its size is capped, and bytes that are not UTF-8 are refused
 * with their offset rather than replaced.
 */
export function readText(path: string): string {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    throw new InputError('file', why((e as NodeJS.ErrnoException).code), path);
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw new InputError('file', 'is a directory', path);
    if (!st.isFile()) throw new InputError('file', 'is not a regular file (a device, FIFO or socket); only regular files are read', path);
    if (st.size > MAX_INPUT_FILE_BYTES)
      throw new InputError('file', `is ${st.size} bytes, more than the limit of ${MAX_INPUT_FILE_BYTES} bytes`, path);
    const bytes = Buffer.allocUnsafe(st.size);
    let off = 0;
    while (off < st.size) {
      const n = readSync(fd, bytes, off, st.size - off, off);
      if (n === 0) break;
      off += n;
    }
    const data = bytes.subarray(0, off);
    const bad = invalidUtf8Offset(data);
    if (bad >= 0)
      throw new InputError('file', `is not valid UTF-8 (byte offset ${bad}: 0x${data[bad].toString(16).padStart(2, '0')})`, path);
    return data.toString('utf8');
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError('file', why((e as NodeJS.ErrnoException).code), path);
  } finally {
    closeSync(fd);
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
