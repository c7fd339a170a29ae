import type { BlockDef, ParamDef } from '../../nodes/block';
import type { Params } from '../../nodes/params';
import type { ParamValue } from '../graph';

export type ParamCheck = { ok: true; params: Params } | { ok: false; param: string; unknown: boolean; message: string };

/** The value if it satisfies the spec, else why not. */
function checkOne(def: ParamDef, v: ParamValue): { value: number | string } | { why: string } {
  switch (def.type) {
    case 'int':
      if (typeof v !== 'number' || !Number.isInteger(v)) return { why: `must be an integer, got ${JSON.stringify(v)}` };
      if (v < def.min || v > def.max) return { why: `must lie in [${def.min}, ${def.max}], got ${v}` };
      return { value: v };
    case 'number':
      if (typeof v !== 'number' || !Number.isFinite(v)) return { why: `must be a finite number, got ${JSON.stringify(v)}` };
      if ((def.min !== undefined && v < def.min) || (def.max !== undefined && v > def.max))
        return { why: `must lie in [${def.min}, ${def.max}], got ${v}` };
      return { value: v };
    case 'string':
      if (typeof v !== 'string') return { why: `must be a string, got ${JSON.stringify(v)}` };
      if (def.pattern && !new RegExp(def.pattern).test(v)) return { why: `${JSON.stringify(v)} does not match ${def.pattern}` };
      return { value: v };
    case 'enum':
      if (typeof v !== 'string' || !def.choices.includes(v))
        return { why: `must be one of ${def.choices.join(', ')}, got ${JSON.stringify(v)}` };
      return { value: v };
  }
}

/** Fills defaults and refuses unknown names, wrong types, out-of-range and non-finite values. */
export function checkParams(block: BlockDef, given: Record<string, ParamValue>): ParamCheck {
  const params: Params = {};
  for (const name of Object.keys(given)) {
    if (!block.params.some((p) => p.name === name)) {
      const known = block.params.map((p) => p.name);
      return {
        ok: false,
        param: name,
        unknown: true,
        message: `${block.type} has no parameter '${name}'${known.length ? ` (it has ${known.join(', ')})` : ''}`,
      };
    }
  }
  for (const def of block.params) {
    const v = Object.hasOwn(given, def.name) ? given[def.name] : def.default;
    const checked = checkOne(def, v);
    if ('why' in checked) return { ok: false, param: def.name, unknown: false, message: `parameter '${def.name}' ${checked.why}` };
    params[def.name] = checked.value;
  }
  return { ok: true, params };
}
