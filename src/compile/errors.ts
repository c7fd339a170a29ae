/** Every compile error names a block and, where it can, a socket, so the editor can mark it. */
type CompileErrorCode =
  | 'unknown-block'
  | 'unknown-param'
  | 'bad-param'
  | 'unknown-socket'
  | 'dangling-connection'
  | 'duplicate-input'
  | 'missing-input'
  | 'type-mismatch'
  | 'shape'
  | 'cycle'
  | 'unbound-input'
  | 'duplicate-name'
  | 'subgraph-not-found'
  | 'subgraph-invalid'
  | 'subgraph-recursion'
  | 'too-large'
  | 'no-loss';

export interface CompileError {
  /** the block as the user sees it: a top-level node id of the file being compiled */
  nodeId: string;
  socket?: string;
  code: CompileErrorCode;
  message: string;
  /** for errors inside a sub-graph: the chain of node ids from the top level down */
  path?: string[];
  /** every top-level block involved, where there are several (the blocks of a cycle) */
  nodes?: string[];
}

export function formatCompileError(e: CompileError): string {
  const where = e.path && e.path.length > 1 ? e.path.join(' › ') : e.nodeId;
  return `node '${where}'${e.socket ? `, socket '${e.socket}'` : ''}: ${e.message}`;
}

/** An error on one (flattened) node, named by its top-level block, with the path down to it. */
export function nodeError(n: { path: string[] }, code: CompileErrorCode, message: string, socket?: string): CompileError {
  return { nodeId: n.path[0], code, message, path: n.path, ...(socket ? { socket } : {}) };
}
