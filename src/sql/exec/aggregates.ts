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
  n = 0n;
  constructor(private star: boolean) {}
  step(a: Value[]): void {
    if (this.star || a[0] !== null) this.n++;
  }
  result(): Value {
    return this.n;
  }
}

class Sum implements Accumulator {
  int = 0n;
  real = 0;
  isReal = false;
  any = false;
  constructor(private total: boolean) {}
  step(a: Value[]): void {
    const v = a[0];
    if (v === null) return;
    const n = toNumeric(v);
    if (n === null) return;
    this.any = true;
    if (typeof n === "bigint" && !this.isReal) {
      this.int += n;
      if (
        !this.total &&
        (this.int > 9223372036854775807n || this.int < -9223372036854775808n)
      ) {
        throw new SqlUsageError("integer overflow");
      }
    } else {
      if (!this.isReal) {
        this.isReal = true;
        this.real = Number(this.int);
      }
      this.real += Number(n);
    }
  }
  result(): Value {
    if (this.total) return this.isReal ? this.real : Number(this.int);
    if (!this.any) return null;
    return this.isReal ? this.real : this.int;
  }
}

class Avg implements Accumulator {
  sum = 0;
  n = 0;
  step(a: Value[]): void {
    const v = a[0];
    if (v === null) return;
    const x = toNumeric(v);
    if (x === null) return;
    this.sum += Number(x);
    this.n++;
  }
  result(): Value {
    return this.n === 0 ? null : this.sum / this.n;
  }
}

class MinMax implements Accumulator {
  v: Value = null;
  constructor(private sign: number) {}
  step(a: Value[]): void {
    const x = a[0];
    if (x === null) return;
    if (this.v === null || compareValues(x, this.v) * this.sign > 0) this.v = x;
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
