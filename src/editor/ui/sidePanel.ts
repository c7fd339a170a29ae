import { html } from 'lit';
import type { CompileResult } from '../../compile/plan';
import type { GraphNode } from '../../graph';
import type { AppElement } from '../app';
import { errorsByNode, socketTypesOf } from '../canvas/reconcile';
import './dataOptions';
import './inspector';
import './runPanel';

/**
 * The page's side column: the inspector of the selected block, and the run's settings and
 * controls. Its events go straight to the app's store and actions, as they did inline.
 */
export function sidePanel(app: AppElement, compiled: CompileResult, node: GraphNode | null) {
  const { actions, runActions, client, store } = app;
  const run = runActions.run;
  return html`<div class="side">
        <details open><summary>Inspector</summary>
          <sg-inspector .node=${node} .types=${node ? socketTypesOf(compiled)[node.id] : undefined} .errors=${node ? (errorsByNode(compiled).get(node.id) ?? []) : []}
            @param-change=${(e: CustomEvent) => actions.setParam(e.detail.id, e.detail.name, e.detail.value)}
            @param-commit=${() => store.separate()} @open-subgraph=${(e: CustomEvent) => store.enter(e.detail.id)}></sg-inspector>
        </details>
        <details open><summary>Run ${store.topFile}</summary>
          <sg-run-panel .run=${run} .state$=${client.state$}
            @run-settings=${(e: CustomEvent) => runActions.setRun(e.detail.run)} @run-start=${() => runActions.start()}
            @run-pause=${() => client.pause()} @run-resume=${() => client.resume()} @run-stop=${() => runActions.stop()}
            @init-change=${(e: CustomEvent) => runActions.setInit(e.detail.value)} @init-file=${(e: CustomEvent) => void runActions.loadInit(e.detail.file)}
            @export-net=${() => void runActions.exportNet()} @export-csv=${() => runActions.exportCsv()} @export-weights=${() => runActions.exportWeights()}></sg-run-panel>
          <sg-data-options .run=${run} .imported=${runActions.imported} @run-settings=${(e: CustomEvent) => runActions.setRun(e.detail.run)}
            @data-file=${(e: CustomEvent) => void runActions.loadData(e.detail.file)} @data-file-clear=${() => runActions.clearData()}></sg-data-options>
        </details>
      </div>`;
}
