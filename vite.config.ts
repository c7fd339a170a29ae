import { defineConfig } from 'vite';
import { licenceNotices } from './scripts/licenceNotices';
import { pageWithoutTfjs } from './scripts/pageWithoutTfjs';

const notices = licenceNotices();

/**
 * The editor: `npm start` serves it, `npm run build` writes dist/. No cross-origin isolation
 * headers: tfjs-wasm's threaded build hangs once minified, and the worker turns threads off.
 * The build also writes dist/THIRD_PARTY_LICENSES.txt for the npm packages bundled into it.
 */
export default defineConfig({
  plugins: [notices.page, pageWithoutTfjs()],
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
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
});
