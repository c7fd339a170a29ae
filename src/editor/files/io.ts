import { type GraphDocument, loadGraph } from '../../graph';
import { subgraphRefs } from '../../graph/subgraphs';
import { type Files, openFile, unusableFileName } from '../doc/files';
import { resolvePath } from '../doc/workspace';

export interface Opened {
  files: Record<string, GraphDocument>;
  /** the file that uses the others (the one to run), if any file loaded */
  top: string | null;
  refused: string[];
}

/**
 * Reads graph files the user picked or dropped, through the same parsing, migration and
 * validation as the command line. The top file is one no other opened file uses as a sub-graph.
 */
export async function readGraphFiles(list: Iterable<File>): Promise<Opened> {
  const files: Record<string, GraphDocument> = {};
  const refused: string[] = [];
  const order: string[] = [];
  for (const f of list) {
    if (unusableFileName(f.name)) {
      refused.push(`'${f.name}' cannot be opened under that name (it is a built-in property name); rename the file`);
      continue;
    }
    const r = loadGraph(await f.text(), f.name);
    if (r.ok) {
      files[f.name] = r.doc;
      order.push(f.name);
    } else refused.push(...r.errors.slice(0, 3).map((e) => e.message));
  }
  const used = new Set<string>();
  for (const [name, doc] of Object.entries(files)) {
    for (const { ref } of subgraphRefs(doc)) used.add(resolvePath(ref, name));
  }
  return { files, top: order.find((n) => !used.has(n)) ?? order[0] ?? null, refused };
}

export function download(name: string, content: BlobPart, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function pickFiles(accept: string, multiple = true): Promise<File[]> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.multiple = multiple;
    input.addEventListener('change', () => resolve([...(input.files ?? [])]));
    input.click();
  });
}

/** The open files a file name may be saved as: the file's own name, kept as a plain name. */
export const saveName = (file: string, files: Files) => (openFile(files, file) ? file.slice(file.lastIndexOf('/') + 1) : 'graph.json');
