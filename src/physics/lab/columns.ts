import { InputError } from '../../util/inputError';

/** What a column measures; every value is converted to SI when it is read. */
export type Role = 'time' | 'displacement' | 'velocity' | 'friction' | 'shear' | 'normal' | 'sequence';
const roles: readonly Role[] = ['time', 'displacement', 'velocity', 'friction', 'shear', 'normal', 'sequence'];

/** A header cell split into its name and its unit: `Displ(microns)` → displ, microns. */
function splitHeader(cell: string): { base: string; unit: string | null } {
  const m = /^(.*?)\s*[([]\s*([^)\]]*?)\s*[)\]]\s*$/.exec(cell);
  const name = m ? m[1] : cell;
  const base = name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9µ]+/g, '_')
    .replace(/^_|_$/g, '');
  return { base, unit: m ? m[2] : null };
}

/** The usual names, after splitHeader; the first role whose list holds a name wins. */
const names: Record<Role, readonly string[]> = {
  sequence: ['sequence'],
  time: ['t', 'time', 'time_s', 'elapsed_time', 'sec', 'seconds'],
  velocity: ['vlp', 'v_lp', 'lp_vel', 'lp_velocity', 'load_point_velocity', 'v', 'vel', 'velocity'],
  displacement: ['displ', 'disp', 'displacement', 'lp_disp', 'lp_displ', 'lpdisp', 'load_point_displacement', 'x', 'x_lp', 'd'],
  friction: ['mu', 'friction', 'friction_coefficient', 'coefficient_of_friction', 'mu_f'],
  shear: ['shear_stress', 'shear', 'tau', 'shear_stress_mpa'],
  normal: ['normal_stress', 'effective_normal_stress', 'eff_normal_stress', 'sigma_n', 'sn', 'normal'],
};

/** A recognised name, or null. */
function roleOf(base: string): Role | null {
  for (const r of roles) if (names[r].includes(base)) return r;
  return null;
}

const time: Record<string, number> = { s: 1, sec: 1, ms: 1e-3, us: 1e-6, µs: 1e-6, min: 60, h: 3600, hr: 3600 };
const length: Record<string, number> = { m: 1, mm: 1e-3, um: 1e-6, µm: 1e-6, micron: 1e-6, microns: 1e-6, nm: 1e-9 };
const stress: Record<string, number> = { pa: 1, kpa: 1e3, mpa: 1e6, gpa: 1e9, bar: 1e5 };
const none: Record<string, number> = { '': 1, '-': 1, '1': 1 };

/** Factor to SI for a unit of a role; null when the unit is unknown. No unit means SI. */
function siFactor(role: Role, unit: string | null): number | null {
  if (unit === null || role === 'sequence') return 1;
  const u = unit.trim().toLowerCase().replace(/\s+/g, '');
  if (role === 'time') return time[u] ?? null;
  if (role === 'displacement') return length[u] ?? null;
  if (role === 'velocity') {
    const m = /^([a-zµ]+)\/(s|sec|ms|min|h)$/.exec(u);
    if (!m || length[m[1]] === undefined) return null;
    return length[m[1]] / time[m[2]];
  }
  if (role === 'friction') return none[u] ?? null;
  return stress[u] ?? null;
}

/** Whether a header cell is the one a name asks for: the whole cell, or its name without the unit. */
export function cellIs(cell: string, name: string): boolean {
  const want = name.trim().toLowerCase();
  if (cell.toLowerCase() === want) return true;
  const m = /^(.*?)\s*[([]\s*([^)\]]*?)\s*[)\]]\s*$/.exec(cell);
  return m !== null && m[1].trim().toLowerCase() === want;
}

/**
 * The factor to SI of a column kept with `--extra`, whose quantity the header does not say: the
 * first of time, length, stress, velocity, dimensionless that knows the unit; null when none does.
 */
export function extraFactor(cell: string): number | null {
  const { unit } = splitHeader(cell);
  for (const role of ['time', 'displacement', 'normal', 'velocity', 'friction'] as const) {
    const f = siFactor(role, unit);
    if (f !== null) return f;
  }
  return null;
}

export interface Column {
  index: number;
  /** the header cell as written, for messages */
  name: string;
  role: Role;
  factor: number;
}

/** `--columns time=Time(s),friction=mu`: a role per header cell (matched case-insensitively). */
export function parseColumnsFlag(raw: string): Partial<Record<Role, string>> {
  const out: Partial<Record<Role, string>> = {};
  for (const part of raw.split(',')) {
    const eq = part.indexOf('=');
    const role = part.slice(0, eq).trim() as Role;
    if (eq < 0 || !roles.includes(role))
      throw new InputError('--columns', `expects ROLE=COLUMN pairs with ROLE one of ${roles.join(', ')}, got ${JSON.stringify(part)}`);
    out[role] = part.slice(eq + 1).trim();
  }
  return out;
}

/**
 * Each role's column. The override names a header cell; otherwise the usual names decide, and
 * for velocity `Vlp` beats `V` (the imposed one under load-point control). A unit that cannot be
 * converted is refused, naming the column.
 */
export function assignColumns(header: readonly string[], override: Partial<Record<Role, string>>, at: string, file: string) {
  const found = new Map<Role, Column>();
  const rank = new Map<Role, number>();
  const take = (index: number, role: Role) => {
    const { unit } = splitHeader(header[index]);
    const factor = siFactor(role, unit);
    if (factor === null)
      throw new InputError(`${at}, column ${header[index]}`, `has a unit ${JSON.stringify(unit)} that cannot be read as ${role}`, file);
    found.set(role, { index, name: header[index], role, factor });
  };
  for (const [role, name] of Object.entries(override) as [Role, string][]) {
    const index = header.findIndex((h) => h.toLowerCase() === name.toLowerCase());
    if (index < 0) throw new InputError(`${at}, column ${name}`, `is named by --columns ${role}= but is not in the header`, file);
    take(index, role);
    rank.set(role, -1);
  }
  header.forEach((cell, index) => {
    const { base } = splitHeader(cell);
    const role = roleOf(base);
    if (role === null) return;
    const r = names[role].indexOf(base);
    const had = rank.get(role);
    if (had !== undefined && had <= r) return;
    take(index, role);
    rank.set(role, r);
  });
  return found;
}
