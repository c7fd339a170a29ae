import { useBackend } from './src/cli/backend';
import { graphData } from './bench/runtimeStep';
import { stepParts } from './bench/parts';
import { compileGraphFile } from './src/cli/graphFiles';
await useBackend('wasm');
const g = graphData('graphs/fig6-global.json', 200, 1);
const s = compileGraphFile('graphs/fig6-global.json', { data: g.plan.data, predictionsFromData: true }).plan;
console.log(stepParts(g.plan, s, g.data, 32, { warmup: 10, min: 50, budgetMs: 3000 }));
