import { MAX_ERROR_LINE } from '../graph/limits';

/**
 * Text from a user's file made safe to echo on a terminal: control characters (ESC sequences
 * that recolour or retitle the terminal, carriage returns that overwrite a line, newlines that
 * forge extra lines) are written as \x1b-style escapes.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

function escapeControls(text: string): string {
  // C0 controls, DEL, C1 controls, the bidirectional marks and overrides that reorder what is
  // shown, zero-width characters that hide text, and the Unicode line separators
  return text.replace(CONTROLS, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** One escaped line of at most MAX_ERROR_LINE characters; the cut says how much was left out. */
export function oneLine(text: string, max = MAX_ERROR_LINE): string {
  const clean = escapeControls(text);
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max);
  return `${cut}… (${clean.length - max} more characters)`;
}

const JSON_UNSAFE = /[\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

/**
 * JSON for stdout with every control character as a \\uXXXX escape: JSON.stringify escapes C0
 * controls but passes DEL, C1 (0x9b is a terminal's CSI), bidi overrides and zero-width
 * characters through raw. The escaped text parses to the same value.
 */
export function jsonText(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(JSON_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
