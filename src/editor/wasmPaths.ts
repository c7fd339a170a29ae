/// <reference types="vite/client" />
// The wasm binaries ship with the site (Vite copies them and hashes their names), so the
// worker never fetches them from a CDN.
import plain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import threaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

const absolute = (u: string) => new URL(u, location.href).href;

export const wasmPaths: Record<string, string> = {
  'tfjs-backend-wasm.wasm': absolute(plain),
  'tfjs-backend-wasm-simd.wasm': absolute(simd),
  'tfjs-backend-wasm-threaded-simd.wasm': absolute(threaded),
};
