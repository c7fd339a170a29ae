import { defineConfig } from 'vite';
import { ISOLATION_HEADERS, isolationHeadersFile } from './scripts/isolation.mjs';
import { licenceNotices } from './scripts/licenceNotices';
import { pageWithoutTfjs } from './scripts/pageWithoutTfjs';

const notices = licenceNotices();

/**
 * The editor: `npm start` serves it, `npm run build` writes dist/. Both servers send the
 * cross-origin isolation headers, so the training worker can run the GRU kernel on several
 * threads (tfjs-wasm's own threaded build stays off: it hangs once minified); the build writes them
 * to dist/_headers for static hosts.
 * The build also writes dist/THIRD_PARTY_LICENSES.txt for the npm packages bundled into it.
 */
export default defineConfig({
  plugins: [notices.page, pageWithoutTfjs(), isolationHeadersFile()],
  worker: { format: 'es', plugins: () => [notices.worker()] },
  // The worker's dependencies are found late in dev; listing them avoids a reload mid-session.
  optimizeDeps: {
    include: [
      '@tensorflow/tfjs-core',
      '@tensorflow/tfjs-layers',
      '@tensorflow/tfjs-backend-cpu',
      '@tensorflow/tfjs-backend-wasm',
      'rxjs',
      'uplot',
      'elkjs/lib/elk-api.js',
      'elkjs/lib/elk-worker.min.js',
    ],
  },
  build: { target: 'es2022', outDir: 'dist', chunkSizeWarningLimit: 6000, assetsInlineLimit: 0 },
  server: { host: '127.0.0.1', port: 5173, strictPort: true, headers: ISOLATION_HEADERS },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true, headers: ISOLATION_HEADERS },
});
