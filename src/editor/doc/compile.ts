import type { DataShape } from '../../../nodes/block';
import { compileGraph } from '../../compile/compile';
import type { CompileResult } from '../../compile/plan';
import { shapeKey } from './dataShape';
import { type Files, openFile } from './files';
import { filesResolver } from './workspace';

/**
 * Compiles one open file against the other open files. Results are cached by document identity:
 * documents are immutable, so an unchanged file (and every file it uses) compiles once. `data` is
 * the run's data shape (src/editor/doc/dataShape.ts); absent, the compiler's default.
 */
export function compileOpenFile(files: Files, file: string, data?: DataShape): CompileResult {
  const doc = openFile(files, file);
  if (!doc)
    return { ok: false, errors: [{ nodeId: '', code: 'subgraph-not-found', message: `file '${file}' is not open` }], socketTypes: {} };
  const key = `${cacheKey(files, file)}|${data ? shapeKey(data) : ''}`;
  const hit = cache.get(doc);
  if (hit && hit.key === key) return hit.result;
  const result = compileGraph(doc, { file, resolve: filesResolver(files), ...(data ? { data } : {}) });
  cache.set(doc, { key, result });
  return result;
}

const cache = new WeakMap<object, { key: string; result: CompileResult }>();
const ids = new WeakMap<object, number>();
let nextId = 0;
const identity = (o: object) => {
  if (!ids.has(o)) ids.set(o, nextId++);
  return ids.get(o)!;
};

// Sub-graphs change too: the key names the identity of every open document.
function cacheKey(files: Files, file: string): string {
  return `${file}|${Object.keys(files)
    .sort()
    .map((f) => `${f}:${identity(files[f])}`)
    .join(',')}`;
}
