import type { GraphDocument } from '../../graph';

/** The open documents by file name: the top-level graph and the sub-graphs it uses. */
export type Files = Readonly<Record<string, GraphDocument>>;

/**
 * File names are keys of the editor's open-file map. A name that Object.prototype already
 * holds (`__proto__`, `constructor`, `toString`, …) would read as an open file that is not one,
 * or replace the map's prototype, and leave a blank page; such names are never used as keys.
 */
export const unusableFileName = (name: string): boolean => name === '__proto__' || Object.hasOwn(Object.prototype, name);

/** The open file of that name; never something the map inherits. */
export const openFile = (files: Files, name: string): GraphDocument | undefined => (Object.hasOwn(files, name) ? files[name] : undefined);
