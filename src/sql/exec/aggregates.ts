/**
 * Aggregate functions as accumulators: one instance per group.
 *
 * @module
 */
import { SqlUsageError } from "../errors.ts";
import {
  compareValues,
  keyOf,
  toNumeric,
  type Value,
  valueToText,
} from "../value.ts";

/**
 * One group's running state of one aggregate call.
 *
 * @example
 * ```ts
 * const acc: Accumulator = aggregateFactory("count", { argc: 0, distinct: false, star: true })();
 * ```
 */
export interface Accumulator {
  step(args: Value[]): void;
  result(): Value;
}

/**
 * Makes fresh accumulators for one aggregate call.
 *
 * @example
 * ```ts
 * const f: AccumulatorFactory = aggregateFactory("max", { argc: 1, distinct: false, star: false });
 * ```
 */
export type AccumulatorFactory = () => Accumulator;

class Count implements Accumulator {
  // A double counts exactly to 2^53 rows and, unlike a bigint, does not
  // allocate at each step.
  n = 0;
  constructor(private star: boolean) {}
  step(a: Value[]): void {
    if (this.star || a[0] !== null) this.n++;
  }
  result(): Value {
    return BigInt(this.n);
  }
}

/**
 * SQLite's summation: exact 64-bit integers while every input is an
 * integer, then Kahan-Babuska-Neumaier compensated doubles.
 */
class SumState {
  int = 0n;
  real = 0;
  err = 0;
  approx = false;
  overflow = false;
  count = 0;

  add(v: Value): void {
    if (v === null) return;
    const n = toNumeric(v);
    if (n === null) return;
    this.count++;
    if (typeof n === "bigint" && !this.approx) {
      const s = this.int + n;
      if (s > 9223372036854775807n || s < -9223372036854775808n) {
        this.overflow = true;
        this.switchToReal();
        this.stepInt(n);
      } else this.int = s;
      return;
    }
    if (!this.approx) this.switchToReal();
    if (typeof n === "bigint") this.stepInt(n);
    else this.step(n);
  }

  private switchToReal(): void {
    this.approx = true;
    this.real = 0;
    this.err = 0;
    this.stepInt(this.int);
  }

  private stepInt(i: bigint): void {
    if (i <= -4503599627370496n || i >= 4503599627370496n) {
      const sm = i % 16384n;
      this.step(Number(i - sm));
      this.step(Number(sm));
    } else this.step(Number(i));
  }

  private step(r: number): void {
    const s = this.real;
    const t = s + r;
    if (Math.abs(s) > Math.abs(r)) this.err += (s - t) + r;
    else this.err += (r - t) + s;
    this.real = t;
  }

  /** The compensated double value. */
  double(): number {
    if (!this.approx) return Number(this.int);
    return Number.isFinite(this.err) ? this.real + this.err : this.real;
  }
}

class Sum implements Accumulator {
  state = new SumState();
  constructor(private total: boolean) {}
  step(a: Value[]): void {
    this.state.add(a[0]);
    if (this.state.overflow && !this.total) {
      throw new SqlUsageError("integer overflow");
    }
  }
  result(): Value {
    const st = this.state;
    if (this.total) return st.double();
    if (st.count === 0) return null;
    return st.approx ? st.double() : st.int;
  }
}

class Avg implements Accumulator {
  state = new SumState();
  step(a: Value[]): void {
    this.state.add(a[0]);
  }
  result(): Value {
    const st = this.state;
    return st.count === 0 ? null : st.double() / st.count;
  }
}

class MinMax implements Accumulator {
  v: Value = null;
  /** Whether the last step replaced the value (for bare columns). */
  changed = false;
  constructor(private sign: number) {}
  step(a: Value[]): void {
    const x = a[0];
    this.changed = false;
    if (x === null) return;
    if (this.v === null || compareValues(x, this.v) * this.sign > 0) {
      this.v = x;
      this.changed = true;
    }
  }

  result(): Value {
    return this.v;
  }
}

class GroupConcat implements Accumulator {
  s: string | null = null;
  step(a: Value[]): void {
    if (a[0] === null) return;
    const v = valueToText(a[0])!;
    if (this.s === null) this.s = v;
    else {this.s +=
        (a.length > 1 ? (a[1] === null ? "" : valueToText(a[1])!) : ",") + v;}
  }
  result(): Value {
    return this.s;
  }
}

class Distinct implements Accumulator {
  seen = new Set<string>();
  constructor(private inner: Accumulator) {}
  step(a: Value[]): void {
    if (a[0] === null) return;
    const k = keyOf(a[0]);
    if (this.seen.has(k)) return;
    this.seen.add(k);
    this.inner.step(a);
  }
  result(): Value {
    return this.inner.result();
  }
}

/**
 * The accumulator factory for an aggregate call.
 *
 * @example
 * ```ts
 * const acc = aggregateFactory("sum", { argc: 1, distinct: false, star: false })();
 * acc.step([2n]); acc.step([3n]);
 * acc.result(); // 5n
 * ```
 */
export function aggregateFactory(
  name: string,
  options: { argc: number; distinct: boolean; star: boolean },
): AccumulatorFactory {
  const { argc, distinct, star } = options;
  const n = name.toLowerCase();
  const arity = (min: number, max: number) => {
    if (star && n !== "count") {
      throw new SqlUsageError(
        `wrong number of arguments to function ${name}()`,
      );
    }
    if (!star && (argc < min || argc > max)) {
      throw new SqlUsageError(
        `wrong number of arguments to function ${name}()`,
      );
    }
  };
  let base: AccumulatorFactory;
  switch (n) {
    case "count":
      if (!star) arity(1, 1);
      base = () => new Count(star);
      break;
    case "sum":
      arity(1, 1);
      base = () => new Sum(false);
      break;
    case "total":
      arity(1, 1);
      base = () => new Sum(true);
      break;
    case "avg":
      arity(1, 1);
      base = () => new Avg();
      break;
    case "min":
      arity(1, 1);
      base = () => new MinMax(-1);
      break;
    case "max":
      arity(1, 1);
      base = () => new MinMax(1);
      break;
    case "group_concat":
    case "string_agg":
      arity(n === "string_agg" ? 2 : 1, 2);
      base = () => new GroupConcat();
      break;
    default:
      throw new SqlUsageError(`no such aggregate: ${name}`);
  }
  if (distinct) {
    if (argc !== 1) {
      throw new SqlUsageError(
        "DISTINCT aggregates must have exactly one argument",
      );
    }
    return () => new Distinct(base());
  }
  return base;
}
