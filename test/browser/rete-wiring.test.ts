/**
 * Proves the Rete 2 + Lit wiring the editor relies on, in a real browser.
 *
 * What the lit plugin draws (found by reading @retejs/lit-plugin 2.0.8 and checked here):
 *
 *   <div container>                     our element, passed to new AreaPlugin(container)
 *     <div>                             area content (translated/zoomed)
 *       <div>                           NodeView.element   = area.nodeViews.get(id).element
 *         <rete-root fragment>          light DOM (no shadow root)
 *           <rete-node data-testid="node">   LitElement WITH a shadow root:
 *             #shadow-root
 *               <div class="title" data-testid="title">Source</div>
 *               <div class="output" data-testid="output-out">
 *                 <span data-testid="output-socket"><rete-ref>   (sockets are a separate
 *                   <rete-root><rete-socket> #shadow-root ...    'socket' render signal)
 *       <div>                           ConnectionView.element
 *         <rete-root fragment>
 *           <rete-connection-wrapper>   #shadow-root
 *             <rete-connection>         #shadow-root
 *               <svg data-testid="connection"><path d="M ...">
 *
 * So `document.querySelector` finds <rete-node> but not its title or the connection
 * path: those need a shadow-piercing walk (deepQueryAll, from fixtures/editor-dom).
 *
 * Waiting for render: `await editor.addNode(...)` resolves once the area has emitted
 * 'render' and lit has put <rete-node> in the DOM, but the element's own shadow
 * content is rendered in a later microtask (Lit's update cycle), and a connection's
 * path only appears once both sockets have been drawn and measured (the classic
 * preset's socket position watcher, asynchronous). Poll for the DOM you need
 * (waitFor, from fixtures/editor-dom) rather than awaiting a fixed delay.
 *
 * data-node-type on every drawn block: two ways that work (tests below).
 *   A. Own the node template: `Presets.classic.setup({ customize: { node: (ctx) => ... } })`
 *      returns a lit template, so put the attribute there:
 *        html`<rete-node data-node-type=${type} .data=${ctx.payload} .emit=${emit}></rete-node>`
 *      (or a custom block element later). The attribute is on the element that has
 *      the shadow root, so styles/queries can target `rete-node[data-node-type=Dense]`.
 *   B. Keep the default template and tag the area's holder element from a pipe on the
 *      area: `area.addPipe(ctx => { if (ctx.type === 'render' && ctx.data.type === 'node')
 *      ctx.data.element.dataset.nodeType = ...; return ctx })`. ctx.data.element is
 *      NodeView.element (the light-DOM holder), so `container.querySelector(
 *      '[data-node-type="Dense"]')` works without piercing shadow roots.
 *   Either way the type must be readable from the node object (here a `blockType`
 *   field on a ClassicPreset.Node subclass).
 */

import { type LitArea2D, LitPlugin, Presets } from '@retejs/lit-plugin';
import { expect } from 'chai';
import { html } from 'lit';
import { ClassicPreset, type GetSchemes, NodeEditor } from 'rete';
import { AreaExtensions, AreaPlugin } from 'rete-area-plugin';
import { ConnectionPlugin, Presets as ConnectionPresets } from 'rete-connection-plugin';
import { deepQueryAll, waitFor } from './fixtures/editor-dom';

class BlockNode extends ClassicPreset.Node {
  constructor(
    label: string,
    readonly blockType: string,
  ) {
    super(label);
  }
}
// Connections are typed on the base node class: ClassicPreset.Connection is invariant
// in its node parameters, and the lit/connection presets require
// Connection<ClassicPreset.Node, ClassicPreset.Node>.
class Link extends ClassicPreset.Connection<ClassicPreset.Node, ClassicPreset.Node> {}
type Schemes = GetSchemes<BlockNode, Link>;
type AreaExtra = LitArea2D<Schemes>;

const tensorSocket = new ClassicPreset.Socket('tensor');

type NodeCustomizer = NonNullable<NonNullable<Parameters<typeof Presets.classic.setup<Schemes, AreaExtra>>[0]>['customize']>['node'];

interface Fixture {
  container: HTMLElement;
  editor: NodeEditor<Schemes>;
  area: AreaPlugin<Schemes, AreaExtra>;
  source: BlockNode;
  target: BlockNode;
  destroy(): void;
}

async function createEditor(
  opts: { customizeNode?: NodeCustomizer; onArea?: (area: AreaPlugin<Schemes, AreaExtra>) => void } = {},
): Promise<Fixture> {
  const container = document.createElement('div');
  container.style.cssText = 'position:relative;width:800px;height:600px;';
  document.body.appendChild(container);

  const editor = new NodeEditor<Schemes>();
  const area = new AreaPlugin<Schemes, AreaExtra>(container);
  const connection = new ConnectionPlugin<Schemes, AreaExtra>();
  const render = new LitPlugin<Schemes, AreaExtra>();

  render.addPreset(Presets.classic.setup<Schemes, AreaExtra>(opts.customizeNode ? { customize: { node: opts.customizeNode } } : undefined));
  connection.addPreset(ConnectionPresets.classic.setup());
  opts.onArea?.(area);

  editor.use(area);
  area.use(connection);
  area.use(render);
  AreaExtensions.simpleNodesOrder(area);

  const source = new BlockNode('Source', 'DataSource');
  source.addOutput('out', new ClassicPreset.Output(tensorSocket, 'out'));
  const target = new BlockNode('Sink', 'Dense');
  target.addInput('in', new ClassicPreset.Input(tensorSocket, 'in'));

  await editor.addNode(source);
  await editor.addNode(target);
  await area.translate(source.id, { x: 20, y: 40 });
  await area.translate(target.id, { x: 360, y: 60 });
  await editor.addConnection(new Link(source, 'out', target, 'in'));

  return {
    container,
    editor,
    area,
    source,
    target,
    destroy() {
      area.destroy();
      container.remove();
    },
  };
}

const titles = (root: ParentNode) => deepQueryAll(root, '[data-testid="title"]').map((el) => el.textContent?.trim());

const connectionPaths = (root: ParentNode) =>
  deepQueryAll<SVGPathElement>(root, 'svg[data-testid="connection"] path').filter((p) => (p.getAttribute('d') ?? '').startsWith('M'));

describe('Rete 2 + Lit wiring', () => {
  let fx: Fixture | undefined;
  afterEach(() => {
    fx?.destroy();
    fx = undefined;
  });

  it('renders two nodes and one connection into the container', async () => {
    fx = await createEditor();
    const { container, editor, area, source, target } = fx;

    expect(editor.getNodes()).to.have.length(2);
    expect(editor.getConnections()).to.have.length(1);

    // <rete-node> is in light DOM; its title is inside its shadow root.
    await waitFor(() => titles(container).length === 2, 'both node titles');
    expect(container.querySelectorAll('rete-node')).to.have.length(2);
    expect(titles(container).sort()).to.deep.equal(['Sink', 'Source']);

    // Both sockets are drawn (one output on Source, one input on Sink).
    expect(deepQueryAll(container, '[data-testid="output-out"]')).to.have.length(1);
    expect(deepQueryAll(container, '[data-testid="input-in"]')).to.have.length(1);

    // The connection path appears once the sockets have been measured.
    const paths = await waitFor(() => {
      const p = connectionPaths(container);
      return p.length > 0 && p;
    }, 'connection path');
    expect(paths).to.have.length(editor.getConnections().length);

    // The node views are the holders the area positioned.
    const srcView = area.nodeViews.get(source.id);
    const dstView = area.nodeViews.get(target.id);
    expect(srcView?.element.isConnected).to.equal(true);
    expect(dstView?.element.querySelector('rete-node')).to.not.equal(null);
    expect(srcView?.position).to.deep.equal({ x: 20, y: 40 });
  });

  it('puts data-node-type on the node element via customize.node (way A)', async () => {
    fx = await createEditor({
      customizeNode: (ctx) => {
        const node = ctx.payload as BlockNode;
        return ({ emit }) =>
          html`<rete-node
            data-node-type=${node.blockType}
            .data=${node}
            .emit=${emit}
          ></rete-node>`;
      },
    });
    const { container } = fx;

    await waitFor(() => titles(container).length === 2, 'both node titles');
    const typed = Array.from(container.querySelectorAll<HTMLElement>('rete-node[data-node-type]'));
    expect(typed.map((el) => el.dataset.nodeType).sort()).to.deep.equal(['DataSource', 'Dense']);

    const dense = container.querySelector('rete-node[data-node-type="Dense"]');
    expect(dense?.shadowRoot?.querySelector('[data-testid="title"]')?.textContent?.trim()).to.equal('Sink');
    // The custom template keeps the wiring intact: sockets still measured, path drawn.
    await waitFor(() => connectionPaths(container).length === 1, 'connection path');
  });

  it("puts data-node-type on the node view from the area's render signal (way B)", async () => {
    const rendered: string[] = [];
    fx = await createEditor({
      onArea: (area) => {
        area.addPipe((ctx) => {
          if (ctx.type === 'render' && ctx.data.type === 'node') {
            ctx.data.element.dataset.nodeType = (ctx.data.payload as BlockNode).blockType;
          }
          if (ctx.type === 'rendered' && ctx.data.type === 'node') {
            rendered.push((ctx.data.payload as BlockNode).blockType);
          }
          return ctx;
        });
      },
    });
    const { container, area, target } = fx;

    const holder = container.querySelector<HTMLElement>('[data-node-type="Dense"]');
    expect(holder).to.equal(area.nodeViews.get(target.id)?.element);
    expect(holder?.querySelector('rete-node')).to.not.equal(null);
    expect(container.querySelectorAll('[data-node-type]')).to.have.length(2);
    // 'rendered' fires for each node once lit has mounted it (in practice before
    // addNode resolves, but nothing promises that, so wait).
    await waitFor(() => rendered.length === 2, "'rendered' for both nodes");
    expect(rendered.sort()).to.deep.equal(['DataSource', 'Dense']);
  });
});
