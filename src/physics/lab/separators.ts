// The separators' names apart from dialect.ts (which loads d3-dsv), so that declaring the
// --sep flag at start-up does not load it.

/** A field separator; 'spaces' means runs of blanks (spaces or tabs), as fixed-width lab files use. */
export type Separator = ',' | ';' | '\t' | 'spaces';
export const separatorNames: Readonly<Record<string, Separator>> = Object.freeze({
  comma: ',',
  ',': ',',
  semicolon: ';',
  ';': ';',
  tab: '\t',
  '\\t': '\t',
  spaces: 'spaces',
  space: 'spaces',
});
