/**
 * Pending ReadIndex requests on the leader (etcd's `readOnly`).
 *
 * @module
 */
import type { Message } from "./types.ts";

/**
 * How a leader confirms a read.
 *
 * - `safe`: a quorum answers a heartbeat carrying the request (paper 8).
 * - `leaseBased`: the leader trusts its lease (needs check-quorum); this
 *   depends on bounded clock drift.
 *
 * @example
 * ```ts
 * const o: ReadOnlyOption = "safe";
 * ```
 */
export type ReadOnlyOption = "safe" | "leaseBased";

/**
 * A read the driver may serve once it has applied up to `index`.
 *
 * @example
 * ```ts
 * const rs: ReadState = { index: 7, requestCtx: new Uint8Array([1]) };
 * ```
 */
export interface ReadState {
  index: number;
  requestCtx: Uint8Array;
}

interface ReadIndexStatus {
  req: Message;
  index: number;
  acks: Set<number>;
}

/**
 * Turns a context into a map key.
 *
 * @example
 * ```ts
 * ctxKey(new Uint8Array([1, 2])); // "1,2"
 * ```
 */
export function ctxKey(ctx: Uint8Array | undefined): string {
  return ctx ? ctx.join(",") : "";
}

/**
 * Pending reads in arrival order; a heartbeat answer for one request
 * confirms every earlier one too.
 *
 * @example
 * ```ts
 * const ro = new ReadOnly("safe");
 * ro.pendingCount(); // 0
 * ```
 */
export class ReadOnly {
  readonly option: ReadOnlyOption;
  #pending = new Map<string, ReadIndexStatus>();
  #queue: string[] = [];

  constructor(option: ReadOnlyOption) {
    this.option = option;
  }

  /** Records a read at commit index `index`. */
  addRequest(index: number, m: Message): void {
    const key = ctxKey(m.entries[0]?.data);
    if (this.#pending.has(key)) return;
    this.#pending.set(key, { index, req: m, acks: new Set() });
    this.#queue.push(key);
  }

  /** Records an ack from `id` for a request; returns who has acked it. */
  recvAck(id: number, ctx: Uint8Array | undefined): Set<number> | undefined {
    const rs = this.#pending.get(ctxKey(ctx));
    if (!rs) return undefined;
    rs.acks.add(id);
    return rs.acks;
  }

  /**
   * Removes and returns the request for `ctx` and every request queued
   * before it.
   */
  advance(ctx: Uint8Array | undefined): { req: Message; index: number }[] {
    const key = ctxKey(ctx);
    const at = this.#queue.indexOf(key);
    if (at < 0) return [];
    const done = this.#queue.splice(0, at + 1);
    return done.map((k) => {
      const rs = this.#pending.get(k)!;
      this.#pending.delete(k);
      return { req: rs.req, index: rs.index };
    });
  }

  /** Context of the newest pending request, sent with heartbeats. */
  lastPendingRequestCtx(): Uint8Array | undefined {
    if (this.#queue.length === 0) return undefined;
    return this.#pending.get(this.#queue[this.#queue.length - 1])!.req
      .entries[0]?.data;
  }

  /** Number of pending requests. */
  pendingCount(): number {
    return this.#queue.length;
  }
}
