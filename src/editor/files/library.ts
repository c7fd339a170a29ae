import { type GraphDocument, loadGraphValue } from '../../graph';
import type { Files } from '../doc/files';

/**
 * The graphs shipped with the app (graphs/*.json), already parsed by the bundler. They go through
 * the same validation as a file the user opens: a broken shipped file is reported, not trusted.
 */
export function libraryFrom(values: Record<string, unknown>): { files: Files; problems: string[] } {
  const files: Record<string, GraphDocument> = {};
  const problems: string[] = [];
  for (const [path, value] of Object.entries(values)) {
    const name = path.slice(path.lastIndexOf('/') + 1);
    const r = loadGraphValue(value, name);
    if (r.ok) files[name] = r.doc;
    else problems.push(...r.errors.map((e) => e.message));
  }
  return { files, problems };
}

export const DEFAULT_GRAPH = 'fig6-global.json';
