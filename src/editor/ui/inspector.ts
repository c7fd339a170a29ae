import { css, html, LitElement, nothing } from 'lit';
import { describeType, type ParamDef } from '../../../nodes/block';
import { blockDef } from '../../../nodes/index';
import { checkParams } from '../../compile/params';
import type { SocketTypes } from '../../compile/plan';
import type { GraphNode, ParamValue } from '../../graph';

/**
 * The selected block's parameters, checked against the block's ranges as the user types. A
 * value that fails the check stays in the field with its reason and is not sent on, so the
 * document (and a running training) keeps the last valid value.
 */
export class InspectorElement extends LitElement {
  static override properties = {
    node: { attribute: false },
    types: { attribute: false },
    errors: { attribute: false },
    problems: { state: true },
  };
  node: GraphNode | null = null;
  types: SocketTypes | undefined;
  errors: string[] = [];
  problems: Record<string, string> = {};

  static override styles = css`
    :host { display: block; padding: 8px; font: 13px system-ui, sans-serif; }
    h2 { font-size: 15px; margin: 0 0 4px; }
    p { margin: 4px 0; color: #555; }
    label { display: block; margin: 8px 0 2px; font-weight: 600; }
    input, select { width: 100%; box-sizing: border-box; padding: 3px 5px; }
    input[aria-invalid='true'] { border: 2px solid #d33; }
    .why { color: #a8071a; font-size: 12px; }
    .err { color: #a8071a; white-space: pre-wrap; }
    dl { display: grid; grid-template-columns: auto 1fr; gap: 2px 8px; margin: 6px 0; }
    dt { color: #666; }
  `;

  protected override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('node') && (changed.get('node') as GraphNode | null)?.id !== this.node?.id) this.problems = {};
  }

  private emit(name: string, detail: unknown) {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }

  private parse(def: ParamDef, text: string): ParamValue {
    if (def.type === 'int' || def.type === 'number') {
      const v = text.trim() === '' ? NaN : Number(text);
      return Number.isNaN(v) ? text : v;
    }
    return text;
  }

  private onInput(def: ParamDef, text: string) {
    const node = this.node!;
    const block = blockDef(node.type)!;
    const value = this.parse(def, text);
    const r = checkParams(block, { ...node.params, [def.name]: value });
    if (!r.ok && r.param === def.name) {
      this.problems = { ...this.problems, [def.name]: r.message };
      return;
    }
    const { [def.name]: _gone, ...rest } = this.problems;
    this.problems = rest;
    this.emit('param-change', { id: node.id, name: def.name, value });
  }

  private field(def: ParamDef) {
    const node = this.node!;
    const current = node.params[def.name] ?? def.default;
    const why = this.problems[def.name];
    const id = `p-${def.name}`;
    const input =
      def.type === 'enum'
        ? html`<select id=${id} name=${def.name} @change=${(e: Event) => this.onInput(def, (e.target as HTMLSelectElement).value)}>
            ${def.choices.map((c) => html`<option ?selected=${c === current}>${c}</option>`)}
          </select>`
        : html`<input id=${id} name=${def.name} .value=${String(current)} aria-invalid=${why ? 'true' : 'false'}
            @input=${(e: Event) => this.onInput(def, (e.target as HTMLInputElement).value)} @change=${() => this.emit('param-commit', {})} />`;
    const range = def.type === 'int' || def.type === 'number' ? ` [${def.min ?? '−∞'}, ${def.max ?? '∞'}]` : '';
    return html`<label for=${id}>${def.name}</label>${input}
      <p>${def.description}${range}</p>${why ? html`<div class="why" role="alert">${why}</div>` : nothing}`;
  }

  protected override render() {
    const node = this.node;
    if (!node) return html`<p>Select a block to edit its parameters.</p>`;
    const block = blockDef(node.type);
    if (!block) return html`<h2>${node.id}</h2><p class="err">unknown block type '${node.type}'</p>`;
    const t = this.types;
    return html`<h2>${node.id} · ${node.type}</h2>
      <p>${block.description}</p>
      ${block.params.map((p) => this.field(p))}
      ${block.role.kind === 'subgraph' ? html`<p><button @click=${() => this.emit('open-subgraph', { id: node.id })}>Open sub-graph</button></p>` : nothing}
      ${
        t
          ? html`<dl>
            ${Object.entries(t.inputs).map(([k, v]) => html`<dt>in ${k}</dt><dd>${describeType(v)}</dd>`)}
            ${Object.entries(t.outputs).map(([k, v]) => html`<dt>out ${k}</dt><dd>${describeType(v)}</dd>`)}
          </dl>`
          : nothing
      }
      ${this.errors.length ? html`<div class="err" role="alert">${this.errors.join('\n')}</div>` : nothing}`;
  }
}
customElements.define('sg-inspector', InspectorElement);
