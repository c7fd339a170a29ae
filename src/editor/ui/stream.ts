import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Observable, Subscription } from 'rxjs';

/** Feeds an element from a stream: subscribed while connected, re-rendering on each value. */
export class StreamController<T> implements ReactiveController {
  value: T;
  private sub: Subscription | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly source: () => Observable<T> | undefined,
    initial: T,
    private readonly onValue?: (v: T) => void,
  ) {
    this.value = initial;
    host.addController(this);
  }

  hostConnected(): void {
    this.sub =
      this.source()?.subscribe((v) => {
        this.value = v;
        this.onValue?.(v);
        this.host.requestUpdate();
      }) ?? null;
  }

  hostDisconnected(): void {
    this.sub?.unsubscribe();
    this.sub = null;
  }
}
