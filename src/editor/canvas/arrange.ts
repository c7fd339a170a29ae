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
    // Rete draws its own curves, so ELK need not keep room between layers for routing them.
    options: {
      'elk.direction': 'RIGHT',
      'elk.edgeRouting': 'POLYLINE',
      'elk.layered.spacing.edgeNodeBetweenLayers': '4',
      'elk.layered.spacing.edgeEdgeBetweenLayers': '4',
      'elk.spacing.edgeNode': '4',
      'elk.spacing.edgeEdge': '4',
      'elk.spacing.nodeNode': '12',
      'elk.layered.spacing.nodeNodeBetweenLayers': '24',
    },
  });
}
