import { expect } from 'chai';
import '../../src/editor/ui/runPanel';
import type { RunPanelElement } from '../../src/editor/ui/runPanel';
import type { ScheduleOptionsElement } from '../../src/editor/ui/scheduleOptions';
import { RUN_DEFAULTS, type RunSection } from '../../src/graph';

describe('run panel learning-rate schedule', () => {
  let panel: RunPanelElement | undefined;
  afterEach(() => {
    panel?.remove();
    panel = undefined;
  });

  it('sets run.training.schedule from the run panel; a bad value is refused with its reason', async () => {
    panel = document.createElement('sg-run-panel') as RunPanelElement;
    panel.run = structuredClone(RUN_DEFAULTS);
    document.body.append(panel);
    await panel.updateComplete;
    const seen: RunSection[] = [];
    panel.addEventListener('run-settings', (e) => {
      seen.push((e as CustomEvent).detail.run);
      panel!.run = (e as CustomEvent).detail.run;
    });
    const el = panel.shadowRoot!.querySelector('sg-schedule') as ScheduleOptionsElement;
    const root = el.shadowRoot!;
    const change = async (id: string, value: string) => {
      const input = root.querySelector<HTMLInputElement | HTMLSelectElement>(`#${id}`)!;
      input.value = value;
      input.dispatchEvent(new Event('change'));
      await panel!.updateComplete;
      await el.updateComplete;
    };
    await change('lr-schedule', 'cosine');
    expect(seen.at(-1)!.training.schedule).to.deep.equal({ type: 'cosine', min: 1e-4 });
    await change('lr-min', '2e-4');
    expect(seen.at(-1)!.training.schedule).to.deep.equal({ type: 'cosine', min: 2e-4 });
    // The rate of the last of 50 epochs: min + (base − min)(1 + cos(49π/50))/2.
    const last = 2e-4 + ((1e-3 - 2e-4) * (1 + Math.cos((49 * Math.PI) / 50))) / 2;
    expect(root.querySelector('[data-testid="schedule-note"]')!.textContent).to.contain(last.toPrecision(3));
    const before = seen.length;
    await change('lr-min', '0.5');
    expect(seen.length).to.equal(before);
    expect(root.querySelector('[data-testid="schedule-note"]')!.textContent).to.match(
      /schedule\.min.*must be a number in \[0, learningRate = 0\.001\]/,
    );
    await change('lr-schedule', 'step');
    await change('lr-factor', '0.1');
    expect(seen.at(-1)!.training.schedule).to.deep.equal({ type: 'step', every: 10, factor: 0.1 });
  });
});
