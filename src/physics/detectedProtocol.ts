/** What `import` found in one experiment, kept in the dataset as the sequence's protocol. */
export interface DetectedProtocol {
  /** jump instants relative to the first row: the first row that shows the new V */
  jumpTimes: number[];
  /** mean V of each interval's rows */
  velocities: number[];
  /** the hold's interval index, or null when no interval is slow enough */
  hold: number | null;
  duration: number;
  /** the first row's mu, which the targets are relative to */
  muStart: number;
  source: string;
}
