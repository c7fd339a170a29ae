/**
 * Resource limits (docs/reliability.md). Each one is refused with a message naming it, so a
 * hostile or mistaken input costs a moment and one line, never a hang or all the memory.
 */

/**
 * Blocks after sub-graphs are expanded: a 1 KB file can otherwise name 2³⁰ copies. One file's
 * own blocks are counted against it too, before its values are walked.
 */
export const MAX_EXPANDED_BLOCKS = 250_000;

/**
 * Sub-graphs inside sub-graphs: expansion recurses once per level, so the depth is bounded here
 * rather than by the engine's stack. Real graphs nest two or three levels.
 */
export const MAX_SUBGRAPH_DEPTH = 64;

/** Wires of one graph file, checked before its values are walked. */
export const MAX_GRAPH_WIRES = 1_000_000;

/**
 * JSON values (objects, arrays, strings, numbers, literals) in one graph file or document: a
 * block is about ten, so 250,000 blocks with their wires fit several times over. Counted by the
 * text scanner and the value walk, which stop at the limit.
 */
export const MAX_JSON_VALUES = 8_000_000;

/** Bytes of one graph, protocol, predictions or weights file read by the CLI. */
export const MAX_INPUT_FILE_BYTES = 256 * 1024 * 1024;

/** Characters of one error line; what is cut says how much. */
export const MAX_ERROR_LINE = 2000;
