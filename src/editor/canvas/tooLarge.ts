/**
 * Blocks the canvas draws (docs/reliability.md). Each block costs Rete a render and a measure of
 * its sockets, some tens of milliseconds, so a 10,000-block file would hold the page for minutes.
 * A larger file is still open: it compiles, runs, saves and survives a reload; the canvas says
 * why it is not drawn instead of drawing part of it.
 */
export const MAX_CANVAS_BLOCKS = 1_000;

/** The canvas's note for a file it does not draw; `text` null removes it. */
export function tooLargeNote(container: HTMLElement, text: string | null): void {
  let note = container.querySelector<HTMLElement>(':scope > [data-testid="canvas-too-large"]');
  if (text === null) return note?.remove();
  if (!note) {
    note = document.createElement('p');
    note.dataset.testid = 'canvas-too-large';
    note.setAttribute('role', 'status');
    note.style.cssText = 'position:absolute;left:24px;top:24px;right:24px;margin:0;font:14px system-ui,sans-serif;color:#444';
    container.append(note);
  }
  note.textContent = text;
}
