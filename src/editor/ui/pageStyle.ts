const added = new Set<string>();

/** Adds a light-DOM stylesheet to the page once, however many elements ask for it. */
export function addPageStyle(name: string, css: string): void {
  if (added.has(name)) return;
  added.add(name);
  const style = document.createElement('style');
  style.dataset.style = name;
  style.textContent = css;
  document.head.append(style);
}
