import { type GraphFileError, graphError } from './errors';
import type { GraphDocument } from './types';

/**
 * Checks that need the whole graph but no block registry. Runs only on schema-valid documents,
 * so the shapes are known.
 */
export function structureErrors(doc: GraphDocument, source: string): GraphFileError[] {
  const errors: GraphFileError[] = [];
  const firstIndex = new Map<string, number>();
  doc.nodes.forEach((node, k) => {
    const first = firstIndex.get(node.id);
    if (first === undefined) firstIndex.set(node.id, k);
    else
      errors.push(
        graphError(source, `nodes[${k}].id`, 'duplicate-node-id', `duplicate node id "${node.id}" (also used by nodes[${first}])`),
      );
  });

  const seen = new Map<string, number>();
  doc.connections.forEach((c, k) => {
    for (const end of ['from', 'to'] as const) {
      if (!firstIndex.has(c[end].node)) {
        errors.push(
          graphError(
            source,
            `connections[${k}].${end}.node`,
            'dangling-connection',
            `connection ${k} names node "${c[end].node}", which does not exist`,
          ),
        );
      }
    }
    const key = JSON.stringify([c.from.node, c.from.socket, c.to.node, c.to.socket]);
    const first = seen.get(key);
    if (first === undefined) seen.set(key, k);
    else {
      const wire = `${c.from.node}.${c.from.socket} → ${c.to.node}.${c.to.socket}`;
      errors.push(graphError(source, `connections[${k}]`, 'duplicate-connection', `repeats connections[${first}] (${wire})`));
    }
  });
  return errors;
}
