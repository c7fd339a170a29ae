import type { Observable, Subscription } from 'rxjs';
import type { Plan } from '../compile/plan';
import type { TrainCommand } from './types';

/**
 * The commands a watcher sent, held until the loop reaches the next step boundary: a swap or
 * a stop never lands in the middle of a gradient step.
 */
export class Commands {
  paused = false;
  stopped = false;
  private swaps: { plan: Plan; note: string }[] = [];
  private wake: (() => void) | undefined;
  private readonly subscription: Subscription | undefined;

  constructor(source: Observable<TrainCommand> | undefined) {
    this.subscription = source?.subscribe((c) => this.receive(c));
  }

  /** Swaps received since the last call, oldest first. */
  take(): { plan: Plan; note: string }[] {
    return this.swaps.splice(0);
  }

  /** Resolves on resume or stop, or when the run is cancelled (checked each 50 ms). */
  async whilePaused(cancelled: () => boolean): Promise<void> {
    while (this.paused && !this.stopped && !cancelled()) {
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        setTimeout(resolve, 50);
      });
    }
    this.wake = undefined;
  }

  close(): void {
    this.subscription?.unsubscribe();
    this.wake?.();
  }

  private receive(c: TrainCommand): void {
    if (c.type === 'pause') this.paused = true;
    else if (c.type === 'resume') this.paused = false;
    else if (c.type === 'stop') this.stopped = true;
    else this.swaps.push({ plan: c.plan, note: c.note });
    this.wake?.();
  }
}
