// tfjs-core alone registers no backend and no op gradients (the tfjs umbrella package brought
// both). A compiled model runs on whatever backend is set, and the CPU one must exist wherever a
// model is built: Node, the library, a worker whose wasm failed. tfjs-layers' entry registers every
// op's gradient, and the main net's export needs it anyway. Importing this module is enough.
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-layers';
