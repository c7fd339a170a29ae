/** Checked parameter values by name, as the compiler hands them to blocks that do not say more. */
export type Params = Record<string, number | string>;
