import type { Plugin } from 'vite';

const STAND_IN = '\0tfjs-stand-in';
/** How block and kernel files import tfjs (Biome keeps them in this one form). */
const NAMESPACE_IMPORT = /^import \* as (\w+) from '@tensorflow\/tfjs-core';$/gm;
/** A backend registered for its side effect has nothing to do on the page. */
const BACKEND_IMPORT = /^import '@tensorflow\/tfjs-(?:backend-[a-z]+|layers)';$/gm;
/** tfjs itself; asset URLs (`…/tfjs-backend-wasm.wasm?url`) are fine. */
const TFJS = /^@tensorflow\/tfjs(?:-[a-z-]+)?$/;

/**
 * The editor's page never runs tfjs: the training worker compiles and runs the graphs. The page
 * does import the block registry (names, sockets, params and shape rules, which it needs to
 * draw and check graphs); block files now take tfjs only as types (nodes/tfjs.ts), but kernel
 * and compile files the page may reach still import it. Evaluating tfjs
 * (2 MB) was the longest task of the page's load, so in the page's build those imports get a
 * stand-in whose every function throws "runs in the training worker". Workers are bundled in
 * passes of their own (`worker.plugins`), which keep the real tfjs; the dev server serves one
 * module graph to both and is left alone. Any other import of tfjs into the page fails the build.
 */
export function pageWithoutTfjs(): Plugin {
  return {
    name: 'page-without-tfjs',
    apply: 'build',
    enforce: 'pre',
    transform(code, id) {
      if (id.includes('/node_modules/') || !code.includes('@tensorflow/tfjs')) return null;
      const out = code
        .replace(NAMESPACE_IMPORT, (_m, name: string) => `import { tf as ${name} } from '${STAND_IN}';`)
        .replace(BACKEND_IMPORT, '');
      return out === code ? null : { code: out, map: null };
    },
    resolveId(id, importer) {
      if (id === STAND_IN) return id;
      if (TFJS.test(id)) this.error(`${importer ?? 'the page'} imports ${id} into the editor's page; tfjs belongs in the training worker`);
      return null;
    },
    load(id) {
      if (id !== STAND_IN) return null;
      return `export const tf = new Proxy({}, {
  get: (_, name) => () => { throw new Error('tf.' + String(name) + ': tfjs runs in the training worker, not on the editor page'); },
});`;
    },
  };
}
