import type { Resolver } from '../../compile/expand';
import { reachableFiles } from '../../graph/subgraphs';
import { type Files, openFile } from './files';

/**
 * In the browser, graph files live in a flat map keyed by a POSIX path ('fig6-global.json',
 * 'mine/loss.json'); a Subgraph's `graph` param is relative to the file that names it.
 */
export function resolvePath(ref: string, from: string): string {
  const dir = from.includes('/') ? from.slice(0, from.lastIndexOf('/')).split('/') : [];
  for (const part of ref.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') dir.pop();
    else dir.push(part);
  }
  return dir.join('/');
}

export function filesResolver(files: Files): Resolver {
  return (ref, from) => {
    const file = resolvePath(ref, from);
    const doc = openFile(files, file);
    return doc
      ? { ok: true, doc, file }
      : { ok: false, message: `sub-graph file '${ref}' is not open (looked for ${file}; open it or drop it on the editor)` };
  };
}

/** Every file the graph uses, directly or through sub-graphs. */
export function filesUsedBy(top: string, files: Files): string[] {
  const doc = openFile(files, top);
  if (!doc) return [];
  return reachableFiles(top, doc, resolvePath, (file) => openFile(files, file))
    .filter((f) => f.doc)
    .map((f) => f.file);
}

let others: { key: string; list: string[] } = { key: '', list: [] };
/** The open files other than `file`: the same array while they stay the same, so views need not redraw. */
export function otherFiles(files: Files, file: string): string[] {
  const list = Object.keys(files).filter((f) => f !== file);
  const key = list.join('|');
  if (key !== others.key) others = { key, list };
  return others.list;
}
