import ELK from 'elkjs/lib/elk.bundled.js';
import type { AreaPlugin } from 'rete-area-plugin';
import { Presets as ArrangePresets, AutoArrangePlugin } from 'rete-auto-arrange-plugin';
import type { AreaExtra, Schemes } from './schemes';

const plugins = new WeakMap<object, AutoArrangePlugin<Schemes>>();

/** ELK's layered layout, left to right like the paper's figures. */
export async function arrangeNodes(area: AreaPlugin<Schemes, AreaExtra>): Promise<void> {
  let arrange = plugins.get(area);
  if (!arrange) {
    arrange = new AutoArrangePlugin<Schemes>();
    // The bundled build runs ELK in this thread: no worker script to serve, nothing fetched.
    arrange.elk = new ELK();
    arrange.addPreset(ArrangePresets.classic.setup());
    area.use(arrange);
    plugins.set(area, arrange);
  }
  await arrange.layout({
    options: { 'elk.direction': 'RIGHT', 'elk.spacing.nodeNode': '40', 'elk.layered.spacing.nodeNodeBetweenLayers': '80' },
  });
}
