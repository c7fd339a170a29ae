import { MAX_ERROR_LINE } from '../graph/limits';

/**
 * Text from a user's file made safe to echo on a terminal: control characters (ESC sequences
 * that recolour or retitle the terminal, carriage returns that overwrite a line, newlines that
 * forge extra lines) are written as \x1b-style escapes.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

function escapeControls(text: string): string {
  // C0 controls, DEL, C1 controls, and the bidirectional overrides that reorder what is shown
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
