// How long the editor's main-thread tasks are, on the built site: at load, and while a run goes
// on by itself. Reports; asserts nothing (a busy machine stretches tasks, and tests must not
// fail for that). Goal: no task over 50 ms while training; the load's longest task as short as
// the bundle allows.
//   npx tsx bench/editor-longtasks.ts [--sequences 600] [--epochs 12]
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { openSite } from '../scripts/site/serve.mjs';

const { values } = parseArgs({ options: { sequences: { type: 'string', default: '600' }, epochs: { type: 'string', default: '12' } } });
const cpu = `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}`;
const site = await openSite();
try {
  const page = await site.browser.newPage({ viewport: { width: 1366, height: 768 } });
  // Observe from the first script on, so the load's tasks are seen too.
  await page.addInitScript(() => {
    const w = window as unknown as { longTasks: { at: number; ms: number }[] };
    w.longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.longTasks.push({ at: e.startTime, ms: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(site.url);
  await page.locator('#canvas[data-shown="fig6-global.json"]').waitFor();
  const loaded = await page.evaluate(() => performance.now());
  for (const [label, value] of [
    ['sequences', values.sequences],
    ['epochs', values.epochs],
  ] as const) {
    await page.getByLabel(label, { exact: true }).fill(value);
    await page.getByLabel(label, { exact: true }).press('Tab');
  }
  await page.locator('sg-run-panel [data-action="run"]').click();
  type Win = { longTasks: { at: number; ms: number }[]; sgFirst?: number };
  await page.waitForFunction(
    () => (document.querySelector('sg-app') as unknown as { client: { state: { rows: unknown[] } } }).client.state.rows.length >= 1,
    null,
    {
      timeout: 600_000,
    },
  );
  const first = await page.evaluate(() => performance.now());
  await page.waitForFunction(
    () =>
      ['done', 'stopped', 'error'].includes(
        (document.querySelector('sg-app') as unknown as { client: { state: { status: string } } }).client.state.status,
      ),
    null,
    { timeout: 1_800_000 },
  );
  const end = await page.evaluate(() => performance.now());
  const tasks = await page.evaluate(() => (window as unknown as Win).longTasks);
  const during = tasks.filter((t) => t.at >= first && t.at < end);
  const atLoad = tasks.filter((t) => t.at < loaded);
  const report = {
    cpu,
    run: { sequences: Number(values.sequences), epochs: Number(values.epochs) },
    load: { ms: Math.round(loaded), longestTaskMs: Math.round(Math.max(0, ...atLoad.map((t) => t.ms))), tasksOver50ms: atLoad.length },
    training: {
      seconds: Math.round((end - first) / 100) / 10,
      tasksOver50ms: during.length,
      longestTaskMs: Math.round(Math.max(0, ...during.map((t) => t.ms))),
      goalMet: during.length === 0,
    },
  };
  console.log(JSON.stringify(report, null, 2));
} finally {
  await site.close();
}
