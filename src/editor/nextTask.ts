/**
 * Resolves in a new task, so that the page paints and handles input before the work after it.
 * A message, not a timer: a timer in a background tab waits a second.
 */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const c = new MessageChannel();
    c.port1.onmessage = () => resolve();
    c.port2.postMessage(null);
  });
}
