/**
 * How the embedded database gets a batch applied: in memory it applies
 * directly; a node plugs Raft in behind the same interface.
 *
 * @module
 */
import type { CommandBatch } from "../sql/commands.ts";
import type { BatchOutcome } from "../sql/outcome.ts";
import type { ReefDB } from "../sql/reef_db.ts";

/**
 * Gets a batch applied and reports its outcome.
 *
 * @example
 * ```ts
 * const p: Proposer = { propose: (b) => Promise.resolve({ status: "duplicate", id: b.id }) };
 * ```
 */
export interface Proposer {
  propose(batch: CommandBatch): Promise<BatchOutcome>;
}

/**
 * A proposer that applies batches to a local {@linkcode ReefDB} at once.
 *
 * @example
 * ```ts
 * import { ReefDB } from "../sql/reef_db.ts";
 * const p = new LocalProposer(new ReefDB());
 * ```
 */
export class LocalProposer implements Proposer {
  readonly db: ReefDB;
  constructor(db: ReefDB) {
    this.db = db;
  }
  propose(batch: CommandBatch): Promise<BatchOutcome> {
    return Promise.resolve(this.db.applyBatch(batch));
  }
}
