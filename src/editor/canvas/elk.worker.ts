// ELK's own worker script (1.5 MB of compiled Java): loaded in a worker, it answers elk-api's
// messages itself, so ELK is parsed, started and run off the page's thread.
import 'elkjs/lib/elk-worker.min.js';
