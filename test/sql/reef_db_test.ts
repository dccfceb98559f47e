import {
  assertEquals,
  assertThrows,
  engine,
  NOW,
  run,
  snapshotBytes,
} from "./_helpers.ts";
import { ReefDB } from "../../src/sql/reef_db.ts";
import {
  type CommandBatch,
  commandId,
  decodeBatch,
  encodeBatch,
} from "../../src/sql/commands.ts";
import { SnapshotCorruptError, SqlUsageError } from "../../src/sql/errors.ts";

function batch(
  db: ReefDB,
  sqls: string[],
  id = db.nextCommandId(),
): CommandBatch {
  return {
    id,
    commands: sqls.map((s) => db.commandFor(db.prepare(s)[0], [])!),
    now: NOW,
    seed: 1n,
  };
}

Deno.test("applyBatch() is atomic: the first error undoes the whole batch", () => {
  const db = engine("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)");
  const out = db.applyBatch(
    batch(db, [
      "INSERT INTO t (v) VALUES ('a')",
      "CREATE INDEX t_v ON t (v)",
      "INSERT INTO t (v) VALUES (NULL)",
    ]),
  );
  assertEquals(out.status, "error");
  if (out.status === "error") {
    assertEquals([out.error.name, out.error.command], ["ConstraintError", 2]);
  }
  assertEquals(run(db, "SELECT count(*) FROM t"), [[0n]]);
  assertEquals(run(db, "EXPLAIN SELECT * FROM t WHERE v = 'a'"), [["SCAN t"]]);
  // Row ids allocated by the failed batch are given back.
  run(db, "INSERT INTO t (v) VALUES ('b')");
  assertEquals(run(db, "SELECT id FROM t"), [[1n]]);
});

Deno.test("applyBatch() is idempotent by id, also after snapshot and restore", async () => {
  const db = engine("CREATE TABLE t (id INTEGER PRIMARY KEY, v INT)");
  const b = batch(db, ["INSERT INTO t (v) VALUES (1)"]);
  const first = db.applyBatch(b);
  assertEquals(db.applyBatch(b), first);
  assertEquals(run(db, "SELECT count(*) FROM t"), [[1n]]);
  const copy = new ReefDB({ sessionId: 9n });
  await copy.restoreFromChunks(db.snapshotChunks());
  assertEquals(copy.applyBatch(b), first);
  assertEquals(run(copy, "SELECT count(*) FROM t"), [[1n]]);
  assertEquals(copy.lastAppliedCommand, db.lastAppliedCommand);
});

Deno.test("applyBatch() reports duplicate for ids older than the outcome window", () => {
  const db = new ReefDB({ outcomeWindow: 2 });
  run(db, "CREATE TABLE t (v INT)");
  const old = batch(db, ["INSERT INTO t VALUES (1)"]);
  db.applyBatch(old);
  for (let i = 0; i < 3; i++) {
    db.applyBatch(batch(db, ["INSERT INTO t VALUES (2)"]));
  }
  assertEquals(db.applyBatch(old), { status: "duplicate", id: old.id });
  assertEquals(run(db, "SELECT count(*) FROM t"), [[4n]]);
});

Deno.test("nextCommandId() is monotonic and carries the session id", () => {
  const db = new ReefDB({ sessionId: 5n });
  const a = db.nextCommandId(), b = db.nextCommandId();
  assertEquals([a < b, a >> 64n, b], [true, 5n, commandId(5n, 2n)]);
});

Deno.test("nextCommandId() continues above this session's batches in a restored state", async () => {
  const db = engine("CREATE TABLE t (id INTEGER PRIMARY KEY)");
  const applied = batch(db, ["INSERT INTO t DEFAULT VALUES"]);
  db.applyBatch(applied);
  const again = new ReefDB({ sessionId: db.sessionId });
  await again.restoreFromChunks(db.snapshotChunks());
  assertEquals(again.nextCommandId() > applied.id, true);
});

Deno.test("encodeBatch()/decodeBatch() round-trip every command kind", () => {
  const db = engine();
  const b = batch(db, [
    "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT DEFAULT 'x' CHECK (length(v) < 9), big INT)",
    "CREATE INDEX i ON t (v)",
    "INSERT INTO t (v, big) VALUES ('a', 9223372036854775807), ('b', -1)",
    "INSERT INTO t (v) SELECT v || '!' FROM t WHERE big < 0",
    "UPDATE t SET v = upper(v) WHERE id >= 2",
    "DELETE FROM t WHERE v = 'A'",
    "ALTER TABLE t ADD COLUMN w REAL",
    "CREATE VIEW vv AS SELECT v FROM t",
    "DROP VIEW vv",
    "DROP INDEX i",
  ], commandId(3n, 1n));
  const decoded = decodeBatch(encodeBatch(b));
  assertEquals(decoded, b);
  const a = new ReefDB(), c = new ReefDB();
  assertEquals(a.applyBatch(b).status, "ok");
  c.applyBatch(decoded);
  assertEquals(snapshotBytes(a), snapshotBytes(c));
});

Deno.test("two replicas applying the same batches have byte-identical snapshots", () => {
  const proposer = new ReefDB({ sessionId: 2n });
  const batches: CommandBatch[] = [];
  const stmts = [
    "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT UNIQUE, n INT, ts TIMESTAMP DEFAULT CURRENT_TIMESTAMP)",
    "INSERT INTO t (v, n) VALUES ('a', random()), ('b', 2)",
    "INSERT INTO t (v, n) VALUES ('a', 3)",
    "UPDATE t SET n = n + 1 WHERE v <> 'a'",
    "CREATE TABLE d (id INTEGER PRIMARY KEY, x TSVECTOR)",
    "CREATE GIN INDEX dx ON d (x)",
    "INSERT INTO d (x) VALUES (to_tsvector('cats and dogs'))",
    "DELETE FROM t WHERE n > 100",
  ];
  for (const s of stmts) {
    batches.push({
      id: proposer.nextCommandId(),
      commands: [proposer.commandFor(proposer.prepare(s)[0], [])!],
      now: NOW,
      seed: 42n,
    });
  }
  const r1 = new ReefDB(), r2 = new ReefDB();
  for (const b of batches) r1.applyBatch(decodeBatch(encodeBatch(b)));
  for (const b of batches) r2.applyBatch(decodeBatch(encodeBatch(b)));
  assertEquals(snapshotBytes(r1), snapshotBytes(r2));
  assertEquals(
    run(r1, "SELECT id, v, n FROM t"),
    run(r2, "SELECT id, v, n FROM t"),
  );
});

Deno.test("restoreFromChunks() rejects a corrupted or truncated snapshot and keeps the state", async () => {
  const db = engine("CREATE TABLE t (v INT); INSERT INTO t VALUES (1), (2)");
  const bytes = snapshotBytes(db);
  const target = engine("CREATE TABLE keep (a INT)");
  const flipped = bytes.slice();
  flipped[Math.floor(bytes.length / 2)] ^= 0x10;
  let err: unknown = null;
  await target.restoreFromChunks([flipped]).catch((e) => (err = e));
  if (!(err instanceof SnapshotCorruptError)) {
    throw new Error("expected SnapshotCorruptError");
  }
  err = null;
  await target.restoreFromChunks([bytes.slice(0, bytes.length - 3)]).catch((
    e,
  ) => (err = e));
  if (!(err instanceof SnapshotCorruptError)) {
    throw new Error("expected SnapshotCorruptError for truncation");
  }
  assertEquals(run(target, "SELECT count(*) FROM keep"), [[0n]]);
});

Deno.test("restoreFromChunks() accepts chunks split at any byte", async () => {
  const db = engine(
    "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT); CREATE INDEX tv ON t (v); INSERT INTO t (v) VALUES ('x'), ('y'), (NULL)",
  );
  const bytes = snapshotBytes(db);
  async function* dribble() {
    for (let i = 0; i < bytes.length; i += 7) yield bytes.subarray(i, i + 7);
  }
  const copy = new ReefDB();
  await copy.restoreFromChunks(dribble());
  assertEquals(run(copy, "SELECT id FROM t WHERE v = 'y'"), [[2n]]);
  assertEquals(run(copy, "EXPLAIN SELECT id FROM t WHERE v = 'y'"), [[
    "SEARCH t USING INDEX tv (v=?)",
  ]]);
});

Deno.test("two ReefDB instances in one process do not interfere", () => {
  const a = engine("CREATE TABLE t (v INT); INSERT INTO t VALUES (1)");
  const b = engine("CREATE TABLE t (v INT)");
  assertEquals([
    run(a, "SELECT count(*) FROM t"),
    run(b, "SELECT count(*) FROM t"),
  ], [[[1n]], [[0n]]]);
  assertThrows(() => run(b, "SELECT * FROM u"), Error);
});

Deno.test("encodeBatch() keeps REAL values that are whole numbers as REAL", () => {
  const b: CommandBatch = {
    id: 1n,
    commands: [{
      op: "insertRows",
      table: "t",
      columns: null,
      rows: [[5e9, 2.0, 5n, -0.5]],
    }],
  };
  assertEquals(decodeBatch(encodeBatch(b)), b);
});

Deno.test("snapshotChunks() captures a point in time while writes go on", async () => {
  const db = engine(
    "CREATE TABLE t (id INTEGER PRIMARY KEY, v INT); INSERT INTO t (v) VALUES (1), (2)",
  );
  const chunks = db.snapshotChunks({ rowsPerChunk: 1 })[Symbol.iterator]();
  const first = chunks.next();
  run(
    db,
    "INSERT INTO t (v) VALUES (3); UPDATE t SET v = 10 WHERE id = 1; DROP TABLE t",
  );
  const rest: Uint8Array[] = [first.value as Uint8Array];
  for (let c = chunks.next(); !c.done; c = chunks.next()) rest.push(c.value);
  const copy = new ReefDB();
  await copy.restoreFromChunks(rest);
  assertEquals(run(copy, "SELECT id, v FROM t"), [[1n, 1n], [2n, 2n]]);
});

Deno.test("joins look up the inner table by index when they can", () => {
  const db = engine(`
    CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT);
    CREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INT, total INT);
    CREATE INDEX orders_user ON orders (user_id);
    INSERT INTO users (name) VALUES ('ann'), ('bob');
    INSERT INTO orders (user_id, total) VALUES (1, 10), (1, 20), (2, 5);
  `);
  assertEquals(
    run(
      db,
      "EXPLAIN SELECT u.name, o.total FROM orders o JOIN users u ON u.id = o.user_id",
    ),
    [
      ["SCAN orders AS o"],
      ["SEARCH users AS u USING INTEGER PRIMARY KEY (rowid=?)"],
    ],
  );
  assertEquals(
    run(
      db,
      "EXPLAIN SELECT o.total FROM users u LEFT JOIN orders o ON o.user_id = u.id",
    ),
    [
      ["SCAN users AS u"],
      ["LEFT JOIN SEARCH orders AS o USING INDEX orders_user (user_id=?)"],
    ],
  );
  assertEquals(
    run(
      db,
      "SELECT u.name, sum(o.total) FROM users u LEFT JOIN orders o ON o.user_id = u.id GROUP BY u.name ORDER BY 1",
    ),
    [["ann", 30n], ["bob", 5n]],
  );
});

Deno.test("commandFor() binds literal VALUES as insertRows and everything else as a statement", () => {
  const db = new ReefDB();
  const cmd = (sql: string, params: unknown[] = []) =>
    db.commandFor(db.prepare(sql)[0], params as never);
  assertEquals(
    cmd("INSERT OR IGNORE INTO t (a, b) VALUES (1, ?), (-2, -1.5)", ["x"]),
    {
      op: "insertRows",
      table: "t",
      columns: ["a", "b"],
      rows: [[1n, "x"], [-2n, -1.5]],
      or: "IGNORE",
    },
  );
  assertEquals(cmd("INSERT INTO t VALUES (1 + 1)")?.op, "insert");
  assertEquals(cmd("DROP TABLE IF EXISTS t"), {
    op: "dropTable",
    name: "t",
    ifExists: true,
  });
  assertEquals(cmd("SELECT 1"), null);
  assertEquals(
    [
      assertThrows(() => cmd("INSERT INTO t VALUES (?)"), SqlUsageError)
        .message,
      assertThrows(() => cmd("DELETE FROM t RETURNING *"), SqlUsageError)
        .message,
    ],
    [
      "missing value for parameter ?1",
      "RETURNING and WITH on DELETE are not supported",
    ],
  );
});

Deno.test("read() explains UPDATE and DELETE as their row scan and names other statements", () => {
  const db = engine("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)");
  assertEquals(run(db, "EXPLAIN UPDATE t SET v = 'b' WHERE id = 1"), [
    ["SEARCH t USING INTEGER PRIMARY KEY (rowid=?)"],
  ]);
  assertEquals(run(db, "EXPLAIN DELETE FROM t"), [["SCAN t"]]);
  assertEquals(run(db, "EXPLAIN CREATE TABLE u (a INT)"), [["CREATE TABLE"]]);
});
