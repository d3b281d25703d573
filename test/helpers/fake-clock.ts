/** A clock the test moves by hand. */
export class FakeClock {
  constructor(private time: number) {}
  now = (): number => this.time;
  set(time: number | string): void {
    this.time = typeof time === "string" ? Date.parse(time) : time;
  }
  advance(ms: number): void {
    this.time += ms;
  }
}
