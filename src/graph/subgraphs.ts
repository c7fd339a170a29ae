import type { GraphDocument, GraphNode } from './types';

/**
 * The one walk over Subgraph references. A Subgraph block names another graph file in its `graph`
 * parameter, relative to the file that holds the block; the compiler, the editor and the CLI all
 * find sub-graphs through these functions.
 */

/**
 * The block type that references another file, and the parameter that names it. They belong to
 * the file format rather than the block registry: files are walked (here, in the browser, in
 * run folders) without loading any block. nodes/Subgraph.ts takes both from here.
 */
export const SUBGRAPH_TYPE = 'Subgraph';
export const SUBGRAPH_FILE_PARAM = 'graph';

/** The file a block names when it is a Subgraph block (as written), else undefined. */
export function subgraphRef(node: GraphNode): string | undefined {
  if (node.type !== SUBGRAPH_TYPE) return undefined;
  const ref = node.params[SUBGRAPH_FILE_PARAM];
  return typeof ref === 'string' ? ref : '';
}

/** Every Subgraph block of one document with the file it names. */
export function subgraphRefs(doc: GraphDocument): { node: GraphNode; ref: string }[] {
  const out: { node: GraphNode; ref: string }[] = [];
  for (const node of doc.nodes) {
    const ref = subgraphRef(node);
    if (ref !== undefined) out.push({ node, ref });
  }
  return out;
}

/**
 * Every file reachable from `top` through sub-graphs, `top` first, each once, depth first.
 * `locate` turns a reference into a file key (undefined: it cannot be found), `open` reads that
 * file (undefined: it cannot be read; it is still listed, but not walked into).
 */
export function reachableFiles<K>(
  top: K,
  topDoc: GraphDocument,
  locate: (ref: string, from: K) => K | undefined,
  open: (file: K) => GraphDocument | undefined,
): { file: K; doc: GraphDocument | undefined }[] {
  const out: { file: K; doc: GraphDocument | undefined }[] = [];
  const seen = new Set<K>();
  // An explicit stack, not recursion: a chain of files is as deep as it is long.
  const stack: { file: K; doc: GraphDocument | undefined }[] = [{ file: top, doc: topDoc }];
  while (stack.length) {
    const { file, doc } = stack.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    out.push({ file, doc });
    if (!doc) continue;
    const next = subgraphRefs(doc).flatMap(({ ref }) => {
      const at = locate(ref, file);
      return at !== undefined && !seen.has(at) ? [at] : [];
    });
    // Reversed, so the first reference is walked first, as depth-first recursion would.
    for (let i = next.length - 1; i >= 0; i--) if (!seen.has(next[i])) stack.push({ file: next[i], doc: open(next[i]) });
  }
  return out;
}
