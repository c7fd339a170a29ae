/// <reference types="vite/client" />
import 'uplot/dist/uPlot.min.css';
import type { AppElement } from './app';
import './app';
import { libraryFrom } from './files/library';
import { nextTask } from './nextTask';
import { wasmPaths } from './wasmPaths';

// The shipped graphs are part of the bundle: the editor opens fig. 6 with no request to make.
const graphs = import.meta.glob('../../graphs/*.json', { eager: true, import: 'default' });
// Evaluating the bundle, checking the graphs (ajv compiles the schema) and drawing the page are
// three tasks, not one long one.
await nextTask();
const { files, problems } = libraryFrom(graphs);
for (const p of problems) console.warn(`shipped graph refused: ${p}`);
await nextTask();

const app = document.createElement('sg-app') as AppElement;
app.library = files;
app.wasmPaths = wasmPaths;
document.body.append(app);
