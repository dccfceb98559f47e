/**
 * The SQL engine and ReefDB state machine.
 *
 * @example
 * ```ts
 * import { ReefDB } from "./mod.ts";
 * const db = new ReefDB({ sessionId: 1n });
 * const [stmt] = db.prepare("CREATE TABLE t (a INT)");
 * db.applyBatch({ id: db.nextCommandId(), commands: [db.commandFor(stmt, [])!] });
 * ```
 *
 * @module
 */
export * from "./errors.ts";
export { SqlSyntaxError } from "./parse/mod.ts";
export * from "./commands.ts";
export * from "./outcome.ts";
export * from "./reef_db.ts";
export * from "./snapshot.ts";
export * from "./snapshot_codec.ts";
/** Engine values and rows. */
export type { Row, TsVectorValue, Value } from "./value.ts";
