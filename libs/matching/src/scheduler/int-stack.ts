/** A growable stack of int32 values without the cost of resizing JS arrays on every pop. */
export class IntStack {
  data: Int32Array;
  length = 0;

  constructor(capacity = 64) {
    this.data = new Int32Array(capacity);
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }

  includes(value: number): boolean {
    for (let i = 0; i < this.length; i++) if (this.data[i] === value) return true;
    return false;
  }
}
