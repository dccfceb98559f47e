import { assertEquals, assertRejects } from "../sql/_helpers.ts";
import {
  ConstraintError,
  open,
  rowsToObjects,
  SqlSyntaxError,
  TransactionError,
} from "../../mod.ts";

Deno.test("open() runs DDL, writes and reads with bound parameters", async () => {
  await using db = await open();
  await db.exec(
    "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, score REAL)",
  );
  const ins = await db.exec(
    "INSERT INTO t (name, score) VALUES (?, ?), ('b', $2)",
    ["a'; DROP TABLE t; --", 1.5],
  );
  assertEquals([ins.rowsAffected, ins.lastInsertId], [2, 2n]);
  const r = await db.query("SELECT id, name FROM t WHERE name = ?", [
    "a'; DROP TABLE t; --",
  ]);
  assertEquals(r.rows, [[1n, "a'; DROP TABLE t; --"]]);
  assertEquals(rowsToObjects(await db.query("SELECT count(*) AS n FROM t")), [{
    n: 2n,
  }]);
  const upd = await db.exec("UPDATE t SET score = score * 2 WHERE id = ?", [1]);
  assertEquals(upd.rowsAffected, 1);
});

Deno.test("open() transactions: ROLLBACK undoes, COMMIT applies, reads see own writes", async () => {
  await using db = await open();
  await db.exec("CREATE TABLE t (v INT)");
  await db.exec("BEGIN");
  await db.exec("INSERT INTO t VALUES (1)");
  assertEquals((await db.query("SELECT count(*) FROM t")).rows, [[1n]]);
  await db.exec("ROLLBACK");
  assertEquals((await db.query("SELECT count(*) FROM t")).rows, [[0n]]);
  await db.exec("BEGIN");
  await db.exec("INSERT INTO t VALUES (1)");
  await db.exec("SAVEPOINT s1");
  await db.exec("INSERT INTO t VALUES (2)");
  await db.exec("ROLLBACK TO s1");
  await db.exec("INSERT INTO t VALUES (3)");
  await db.exec("RELEASE s1");
  await db.exec("COMMIT");
  assertEquals((await db.query("SELECT v FROM t ORDER BY v")).rows, [[1n], [
    3n,
  ]]);
  await assertRejects(() => db.exec("COMMIT"), TransactionError);
});

Deno.test("open() commits a transaction as one batch through the proposer", async () => {
  const seen: number[] = [];
  const { ReefDB } = await import("../../src/sql/reef_db.ts");
  const engine = new ReefDB();
  await using db = await open({
    engine,
    proposer: {
      propose: (
        b,
      ) => (seen.push(b.commands.length),
        Promise.resolve(engine.applyBatch(b))),
    },
  });
  await db.exec("CREATE TABLE t (v INT)");
  await db.batch([{ sql: "INSERT INTO t VALUES (1)" }, {
    sql: "INSERT INTO t VALUES (?)",
    params: [2],
  }]);
  assertEquals(seen, [1, 2]);
});

Deno.test("open() batch() is all-or-nothing", async () => {
  await using db = await open();
  await db.exec("CREATE TABLE t (v INT UNIQUE)");
  await assertRejects(
    () =>
      db.batch([{ sql: "INSERT INTO t VALUES (1)" }, {
        sql: "INSERT INTO t VALUES (1)",
      }]),
    ConstraintError,
  );
  assertEquals((await db.query("SELECT count(*) FROM t")).rows, [[0n]]);
  const out = await db.batch([{ sql: "INSERT INTO t VALUES (1)" }, {
    sql: "SELECT v FROM t",
  }], { transaction: false });
  assertEquals(out[1].rows, [[1n]]);
});

Deno.test("open() reports syntax errors and rejects use after close()", async () => {
  const db = await open();
  await assertRejects(() => db.exec("SELEC 1"), SqlSyntaxError);
  await db.close();
  await assertRejects(() => db.query("SELECT 1"), TransactionError);
});

Deno.test("open() renders TSVECTOR values as text", async () => {
  await using db = await open();
  const r = await db.query("SELECT to_tsvector('the cats sat')");
  assertEquals(r.rows, [["'cat':2 'sat':3"]]);
});

Deno.test("open() handles on one engine serialise writes behind an open transaction", async () => {
  const { ReefDB } = await import("../../src/sql/reef_db.ts");
  const engine = new ReefDB();
  await using a = await open({ engine });
  await using b = await open({ engine });
  await a.exec("CREATE TABLE t (v INT)");
  await a.exec("BEGIN");
  await a.exec("INSERT INTO t VALUES (1)");
  const order: string[] = [];
  const bWrite = b.exec("INSERT INTO t VALUES (2)").then(() => order.push("b"));
  await new Promise((r) => setTimeout(r, 10));
  order.push("a-commit");
  await a.exec("COMMIT");
  await bWrite;
  assertEquals(order, ["a-commit", "b"]);
  assertEquals((await a.query("SELECT v FROM t ORDER BY v")).rows, [[1n], [
    2n,
  ]]);
});

Deno.test("open() ROLLBACK of CREATE INDEX drops plans that used the index", async () => {
  await using db = await open();
  await db.exec("CREATE TABLE t (a INT)");
  await db.exec("BEGIN");
  await db.exec("CREATE INDEX ta ON t (a)");
  assertEquals((await db.query("SELECT count(*) FROM t WHERE a = 1")).rows, [[
    0n,
  ]]);
  await db.exec("ROLLBACK");
  await db.exec("INSERT INTO t VALUES (1)");
  assertEquals((await db.query("SELECT count(*) FROM t WHERE a = 1")).rows, [[
    1n,
  ]]);
});
