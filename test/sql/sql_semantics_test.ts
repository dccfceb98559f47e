import { assertEquals, assertThrows, engine, run } from "./_helpers.ts";
import { SqlError } from "../../src/sql/errors.ts";
import {
  ConstraintError,
  TypeMismatchError,
  UnknownColumnError,
  UnknownTableError,
} from "../../src/sql/errors.ts";
import { SqlSyntaxError } from "../../src/sql/parse/mod.ts";

const PEOPLE = `
CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT NOT NULL, age INT, city VARCHAR(20));
INSERT INTO people (name, age, city) VALUES ('ann', 31, 'oslo'), ('bob', 25, 'rome'), ('cid', 40, NULL), ('dan', 25, 'oslo');
`;

Deno.test("UPDATE applies the full WHERE predicate, operator included", () => {
  const db = engine(PEOPLE);
  run(db, "UPDATE people SET age = age + 1 WHERE age <> 25");
  assertEquals(run(db, "SELECT name, age FROM people ORDER BY id"), [
    ["ann", 32n],
    ["bob", 25n],
    ["cid", 41n],
    ["dan", 25n],
  ]);
  run(db, "UPDATE people SET city = 'x' WHERE age > 30 AND city IS NOT NULL");
  assertEquals(run(db, "SELECT name FROM people WHERE city = 'x'"), [["ann"]]);
});

Deno.test("DELETE applies the full WHERE predicate, operator included", () => {
  for (
    const [where, left] of [
      ["age < 30", ["ann", "cid"]],
      ["age >= 31", ["bob", "dan"]],
      ["age <> 25", ["bob", "dan"]],
      ["NOT (city = 'oslo')", ["ann", "cid", "dan"]],
      ["city IS NULL OR name LIKE 'a%'", ["bob", "dan"]],
      ["age BETWEEN 26 AND 40", ["bob", "dan"]],
      ["id IN (1, 4)", ["bob", "cid"]],
    ] as const
  ) {
    const db = engine(PEOPLE);
    run(db, `DELETE FROM people WHERE ${where}`);
    assertEquals(
      run(db, "SELECT name FROM people ORDER BY name").map((r) => r[0]),
      [...left],
      where,
    );
  }
});

Deno.test("outer joins keep unmatched rows (LEFT, RIGHT, FULL) with any ON condition", () => {
  const db = engine(`
    CREATE TABLE a (id INT, x TEXT); CREATE TABLE b (id INT, y TEXT);
    INSERT INTO a VALUES (1, 'a1'), (2, 'a2'), (3, 'a3');
    INSERT INTO b VALUES (2, 'b2'), (3, 'b3'), (4, 'b4');
  `);
  assertEquals(
    run(db, "SELECT a.x, b.y FROM a LEFT JOIN b ON a.id = b.id ORDER BY a.x"),
    [["a1", null], ["a2", "b2"], ["a3", "b3"]],
  );
  assertEquals(
    run(db, "SELECT a.x, b.y FROM a RIGHT JOIN b ON a.id = b.id ORDER BY b.y"),
    [["a2", "b2"], ["a3", "b3"], [null, "b4"]],
  );
  assertEquals(
    run(
      db,
      "SELECT a.x, b.y FROM a FULL OUTER JOIN b ON a.id = b.id AND b.y <> 'b3' ORDER BY a.x, b.y",
    ),
    [[null, "b3"], [null, "b4"], ["a1", null], ["a2", "b2"], ["a3", null]],
  );
  // WHERE on the null-extended side filters after the join.
  assertEquals(
    run(db, "SELECT a.x FROM a LEFT JOIN b ON a.id = b.id WHERE b.y IS NULL"),
    [["a1"]],
  );
  // A chain: inner then left.
  assertEquals(
    run(
      db,
      "SELECT a.x, b.y, c.y FROM a JOIN b ON a.id = b.id LEFT JOIN b AS c ON c.id = a.id + 1 ORDER BY a.x",
    ),
    [["a2", "b2", "b3"], ["a3", "b3", "b4"]],
  );
  assertEquals(run(db, "SELECT count(*) FROM a CROSS JOIN b"), [[9n]]);
  assertEquals(run(db, "SELECT count(*) FROM a, b WHERE a.id = b.id"), [[2n]]);
});

Deno.test("SELECT expressions follow SQLite precedence and NULL logic", () => {
  const db = engine();
  assertEquals(
    run(db, "SELECT 1 + 2 * 3, (1 + 2) * 3, 7 / 2, 7.0 / 2, -7 % 3, 2 < 3 = 1"),
    [[7n, 9n, 3n, 3.5, -1n, 1n]],
  );
  assertEquals(
    run(
      db,
      "SELECT NULL AND 0, NULL OR 1, NOT NULL, NULL = NULL, NULL IS NULL, 1 <> 2",
    ),
    [[0n, 1n, null, null, 1n, 1n]],
  );
  assertEquals(
    run(
      db,
      "SELECT 'ab' || 'cd', 'abc' LIKE 'A_C', 3 IN (1, 2, NULL), 2 NOT BETWEEN 1 AND 3",
    ),
    [["abcd", 1n, null, 0n]],
  );
  assertEquals(
    run(
      db,
      "SELECT 9223372036854775807, 9007199254740993 + 0, -9223372036854775808",
    ),
    [[9223372036854775807n, 9007199254740993n, -9223372036854775808n]],
  );
});

Deno.test("ORDER BY takes columns, aliases, positions and expressions; LIMIT/OFFSET page", () => {
  const db = engine(PEOPLE);
  assertEquals(
    run(db, "SELECT name AS n FROM people ORDER BY n DESC LIMIT 2"),
    [["dan"], ["cid"]],
  );
  assertEquals(run(db, "SELECT name, age FROM people ORDER BY 2, 1 DESC"), [
    ["dan", 25n],
    ["bob", 25n],
    ["ann", 31n],
    ["cid", 40n],
  ]);
  assertEquals(
    run(db, "SELECT name FROM people ORDER BY age * -1 LIMIT 1 OFFSET 1"),
    [["ann"]],
  );
  assertEquals(
    run(
      db,
      "SELECT name FROM people ORDER BY city IS NULL, city, name LIMIT 2, 1",
    ),
    [["bob"]],
  );
});

Deno.test("INSERT honours the column list, multi-row VALUES, DEFAULT and INSERT ... SELECT", () => {
  const db = engine(
    "CREATE TABLE t (a INT DEFAULT 7, b TEXT, c TIMESTAMP DEFAULT CURRENT_TIMESTAMP)",
  );
  run(db, "INSERT INTO t (b) VALUES ('x'), ('y')");
  run(db, "INSERT INTO t (b, a) VALUES ('z', 1)");
  run(db, "INSERT INTO t SELECT a * 2, b || '!', c FROM t WHERE a = 1");
  assertEquals(run(db, "SELECT a, b, c FROM t"), [
    [7n, "x", "2024-05-06 07:08:09"],
    [7n, "y", "2024-05-06 07:08:09"],
    [1n, "z", "2024-05-06 07:08:09"],
    [2n, "z!", "2024-05-06 07:08:09"],
  ]);
});

Deno.test("types: affinity on write, DATE/TIMESTAMP/BOOLEAN validated, mismatches rejected", () => {
  const db = engine(
    "CREATE TABLE t (i INTEGER, r REAL, b BOOLEAN, d DATE, ts TIMESTAMP, s TEXT)",
  );
  run(
    db,
    "INSERT INTO t VALUES ('12', 1, 'true', '2024-2-3', '2024-02-03T04:05:06Z', 5)",
  );
  assertEquals(run(db, "SELECT i, r, b, d, ts, s FROM t"), [[
    12n,
    1,
    true,
    "2024-02-03",
    "2024-02-03 04:05:06",
    "5",
  ]]);
  assertThrows(
    () => run(db, "INSERT INTO t (i) VALUES ('abc')"),
    TypeMismatchError,
  );
  assertThrows(
    () => run(db, "INSERT INTO t (d) VALUES ('2024-02-30')"),
    TypeMismatchError,
  );
  assertThrows(
    () => run(db, "INSERT INTO t (b) VALUES ('maybe')"),
    TypeMismatchError,
  );
});

Deno.test("constraints name the constraint and the value; the failing statement changes nothing", () => {
  const db = engine(`
    CREATE TABLE p (id INTEGER PRIMARY KEY, code TEXT UNIQUE, n INT CHECK (n > 0));
    CREATE TABLE c (id INTEGER PRIMARY KEY, pid INT REFERENCES p(id) ON DELETE CASCADE, q INT NOT NULL);
    INSERT INTO p VALUES (1, 'a', 1), (2, 'b', 2);
    INSERT INTO c (pid, q) VALUES (1, 10), (2, 20);
  `);
  const e1 = assertThrows(
    () => run(db, "INSERT INTO p VALUES (3, 'c', 3), (4, 'a', 4)"),
    ConstraintError,
  );
  assertEquals([e1.kind, e1.value], ["UNIQUE", "a"]);
  assertEquals(run(db, "SELECT count(*) FROM p"), [[2n]]);
  const e2 = assertThrows(
    () => run(db, "INSERT INTO p VALUES (1, 'z', 1)"),
    ConstraintError,
  );
  assertEquals([e2.kind, e2.value], ["PRIMARY KEY", 1n]);
  assertEquals(
    (assertThrows(
      () => run(db, "UPDATE p SET n = -1 WHERE id = 2"),
      ConstraintError,
    )).kind,
    "CHECK",
  );
  assertEquals(
    (assertThrows(
      () => run(db, "INSERT INTO c (pid, q) VALUES (9, 1)"),
      ConstraintError,
    )).kind,
    "FOREIGN KEY",
  );
  assertEquals(
    (assertThrows(
      () => run(db, "INSERT INTO c (pid) VALUES (1)"),
      ConstraintError,
    )).kind,
    "NOT NULL",
  );
  run(db, "DELETE FROM p WHERE id = 1");
  assertEquals(run(db, "SELECT pid, q FROM c"), [[2n, 20n]]);
  run(db, "INSERT OR REPLACE INTO p VALUES (2, 'bb', 5)");
  assertEquals(run(db, "SELECT id, code, n FROM p"), [[2n, "bb", 5n]]);
  assertEquals(run(db, "SELECT count(*) FROM c"), [[0n]]);
});

Deno.test("foreign key ON DELETE SET NULL and RESTRICT", () => {
  const db = engine(`
    CREATE TABLE p (id INTEGER PRIMARY KEY);
    CREATE TABLE c1 (pid INT REFERENCES p(id) ON DELETE SET NULL);
    CREATE TABLE c2 (pid INT REFERENCES p(id) ON DELETE RESTRICT);
    INSERT INTO p VALUES (1), (2); INSERT INTO c1 VALUES (1); INSERT INTO c2 VALUES (2);
  `);
  run(db, "DELETE FROM p WHERE id = 1");
  assertEquals(run(db, "SELECT pid FROM c1"), [[null]]);
  assertThrows(() => run(db, "DELETE FROM p WHERE id = 2"), ConstraintError);
  assertEquals(run(db, "SELECT id FROM p"), [[2n]]);
});

Deno.test("named errors for unknown tables, columns and bad syntax (with a caret)", () => {
  const db = engine("CREATE TABLE t (a INT)");
  assertThrows(() => run(db, "SELECT * FROM nope"), UnknownTableError);
  assertThrows(() => run(db, "SELECT b FROM t"), UnknownColumnError);
  assertThrows(() => run(db, "UPDATE t SET b = 1"), UnknownColumnError);
  const e = assertThrows(() => run(db, "SELECT * FORM t"), SqlSyntaxError);
  assertEquals([e.line, e.column], [1, 10]);
  assertEquals(e.message.split("\n").at(-1), "         ^");
});

Deno.test("ALTER TABLE add/drop/rename keeps data and indexes correct", () => {
  const db = engine(`
    CREATE TABLE t (id INTEGER PRIMARY KEY, a INT, b TEXT);
    CREATE INDEX t_a ON t (a);
    INSERT INTO t (a, b) VALUES (1, 'x'), (2, 'y');
  `);
  run(db, "ALTER TABLE t ADD COLUMN c INT DEFAULT 5");
  run(db, "ALTER TABLE t DROP COLUMN b");
  run(db, "ALTER TABLE t RENAME COLUMN a TO aa");
  run(db, "ALTER TABLE t RENAME TO t2");
  assertEquals(run(db, "SELECT id, aa, c FROM t2 WHERE aa = 2"), [[
    2n,
    2n,
    5n,
  ]]);
  assertEquals(run(db, "EXPLAIN SELECT * FROM t2 WHERE aa = 2"), [[
    "SEARCH t2 USING INDEX t_a (aa=?)",
  ]]);
  assertThrows(() => run(db, "SELECT * FROM t"), UnknownTableError);
});

Deno.test("the planner uses B-tree indexes for equality, range, IN and ORDER BY", () => {
  const db = engine(`
    CREATE TABLE t (id INTEGER PRIMARY KEY, a INT, b INT);
    CREATE INDEX t_ab ON t (a, b);
    INSERT INTO t (a, b) VALUES (1, 1), (1, 2), (2, 1), (3, 3);
  `);
  const plan = (sql: string) => run(db, "EXPLAIN " + sql).map((r) => r[0]);
  assertEquals(plan("SELECT * FROM t WHERE a = 1 AND b > 1"), [
    "SEARCH t USING INDEX t_ab (a=? AND b>?)",
  ]);
  assertEquals(plan("SELECT * FROM t WHERE id = 3"), [
    "SEARCH t USING INTEGER PRIMARY KEY (rowid=?)",
  ]);
  assertEquals(plan("SELECT * FROM t WHERE a IN (1, 3)"), [
    "SEARCH t USING INDEX t_ab (a IN (...))",
  ]);
  assertEquals(plan("SELECT * FROM t ORDER BY a LIMIT 2"), [
    "SCAN t USING INDEX t_ab",
    "ORDER BY SATISFIED BY INDEX",
  ]);
  assertEquals(plan("SELECT * FROM t WHERE b = 1"), ["SCAN t"]);
  assertEquals(run(db, "SELECT id FROM t WHERE a = 1 AND b > 1"), [[2n]]);
  assertEquals(run(db, "SELECT id FROM t WHERE a IN (3, 1) ORDER BY id"), [
    [1n],
    [2n],
    [4n],
  ]);
  assertEquals(run(db, "SELECT a, b FROM t ORDER BY a DESC, b DESC LIMIT 2"), [[
    3n,
    3n,
  ], [2n, 1n]]);
  run(db, "UPDATE t SET a = 9 WHERE id = 1");
  run(db, "DELETE FROM t WHERE id = 2");
  assertEquals(run(db, "SELECT id FROM t WHERE a = 1"), []);
  assertEquals(run(db, "SELECT id FROM t WHERE a = 9"), [[1n]]);
});

Deno.test("aggregates, GROUP BY, HAVING, DISTINCT, subqueries, CASE and set operations", () => {
  const db = engine(PEOPLE);
  assertEquals(
    run(
      db,
      "SELECT city, count(*), sum(age), avg(age) FROM people GROUP BY city HAVING count(*) > 1",
    ),
    [["oslo", 2n, 56n, 28]],
  );
  assertEquals(
    run(
      db,
      "SELECT count(DISTINCT age), total(age), group_concat(name, '-') FROM people",
    ),
    [[3n, 121, "ann-bob-cid-dan"]],
  );
  assertEquals(run(db, "SELECT DISTINCT age FROM people ORDER BY age"), [
    [25n],
    [31n],
    [40n],
  ]);
  assertEquals(
    run(
      db,
      "SELECT name FROM people p WHERE age > (SELECT avg(age) FROM people q WHERE q.city = p.city)",
    ),
    [["ann"]],
  );
  assertEquals(
    run(
      db,
      "SELECT name FROM people WHERE EXISTS (SELECT 1 FROM people q WHERE q.age = people.age AND q.id <> people.id) ORDER BY 1",
    ),
    [["bob"], ["dan"]],
  );
  assertEquals(
    run(
      db,
      "SELECT CASE WHEN age < 30 THEN 'young' ELSE 'old' END AS k, count(*) FROM people GROUP BY k ORDER BY k",
    ),
    [["old", 2n], ["young", 2n]],
  );
  assertEquals(
    run(db, "SELECT age FROM people INTERSECT SELECT 25 EXCEPT SELECT 40"),
    [[25n]],
  );
  assertEquals(
    run(
      db,
      "SELECT count(*) FROM (SELECT age FROM people UNION ALL SELECT age FROM people)",
    ),
    [[8n]],
  );
  run(db, "CREATE VIEW old AS SELECT name FROM people WHERE age > 30");
  assertEquals(run(db, "SELECT * FROM old ORDER BY name"), [["ann"], ["cid"]]);
});

Deno.test("correlated subqueries in an aggregate query see the group's rows", () => {
  const db = engine(`
    CREATE TABLE t (a INT, b INT); CREATE TABLE u (x INT);
    INSERT INTO t VALUES (1, 10), (1, 20), (2, 5); INSERT INTO u VALUES (1), (1), (2), (3);
  `);
  assertEquals(
    run(
      db,
      "SELECT a, sum(b), (SELECT count(*) FROM u WHERE u.x = t.a) FROM t GROUP BY a ORDER BY a",
    ),
    [[1n, 30n, 2n], [2n, 5n, 1n]],
  );
  assertEquals(
    run(
      db,
      "SELECT a FROM t GROUP BY a HAVING NOT EXISTS (SELECT 1 FROM u WHERE u.x = t.a + 2)",
    ),
    [[2n]],
  );
  assertEquals(run(db, "SELECT count(*), (SELECT 5) FROM t WHERE 0"), [[
    0n,
    5n,
  ]]);
});

Deno.test("sqlite_schema lists tables, indexes and views with their SQL", () => {
  const db = engine(`
    CREATE TABLE t (id INTEGER PRIMARY KEY, a INT NOT NULL DEFAULT 3, b TEXT UNIQUE);
    CREATE INDEX t_a ON t (a DESC);
    CREATE VIEW v AS SELECT a FROM t WHERE a > 1;
  `);
  assertEquals(
    run(db, "SELECT type, name, tbl_name FROM sqlite_schema ORDER BY name"),
    [
      ["table", "t", "t"],
      ["index", "t_a", "t"],
      ["index", "t_unique1", "t"],
      ["view", "v", "v"],
    ],
  );
  const sql = run(
    db,
    "SELECT sql FROM sqlite_master WHERE name = 't'",
  )[0][0] as string;
  const copy = engine(sql.replace("CREATE TABLE t", "CREATE TABLE t2"));
  assertEquals(
    run(copy, "SELECT count(*) FROM reef_schema WHERE type = 'index'"),
    [[1n]],
  );
  assertEquals(
    run(db, "SELECT sql FROM sqlite_schema WHERE name = 't_unique1'"),
    [[null]],
  );
});

Deno.test("JOIN USING / NATURAL JOIN, CTEs and subqueries in FROM", () => {
  const db = engine(`
    CREATE TABLE a (id INT, x TEXT); CREATE TABLE b (id INT, y TEXT);
    INSERT INTO a VALUES (1, 'a1'), (2, 'a2'); INSERT INTO b VALUES (2, 'b2'), (3, 'b3');
  `);
  assertEquals(run(db, "SELECT * FROM a JOIN b USING (id)"), [[
    2n,
    "a2",
    "b2",
  ]]);
  assertEquals(
    run(db, "SELECT id, x, y FROM a NATURAL LEFT JOIN b ORDER BY id"),
    [[1n, "a1", null], [2n, "a2", "b2"]],
  );
  assertEquals(
    run(
      db,
      "WITH big AS (SELECT id FROM b WHERE id > 2) SELECT s.id FROM (SELECT id FROM a UNION SELECT id FROM big) AS s ORDER BY 1",
    ),
    [[1n], [2n], [3n]],
  );
});

Deno.test("DEFAULT expressions are evaluated for every inserted row", () => {
  const db = engine(
    "CREATE TABLE t (id INTEGER PRIMARY KEY, n INT DEFAULT (2 * 21), s TEXT DEFAULT 'x')",
  );
  run(db, "INSERT INTO t (id) VALUES (1), (2)");
  run(db, "INSERT INTO t DEFAULT VALUES");
  assertEquals(run(db, "SELECT id, n, s FROM t"), [[1n, 42n, "x"], [
    2n,
    42n,
    "x",
  ], [3n, 42n, "x"]]);
});

Deno.test("row ids: max + 1 like SQLite, never reused with AUTOINCREMENT", () => {
  const db = engine(`
    CREATE TABLE a (id INTEGER PRIMARY KEY, v INT);
    CREATE TABLE b (id INTEGER PRIMARY KEY AUTOINCREMENT, v INT);
    INSERT INTO a (v) VALUES (1), (2); INSERT INTO b (v) VALUES (1), (2);
    DELETE FROM a WHERE id = 2; DELETE FROM b WHERE id = 2;
    INSERT INTO a (v) VALUES (3); INSERT INTO b (v) VALUES (3);
  `);
  assertEquals(run(db, "SELECT id FROM a ORDER BY id"), [[1n], [2n]]);
  assertEquals(run(db, "SELECT id FROM b ORDER BY id"), [[1n], [3n]]);
});

Deno.test("INSERT OR IGNORE skips NOT NULL / CHECK violations; OR REPLACE uses the default", () => {
  const db = engine(
    "CREATE TABLE t (id INTEGER PRIMARY KEY, v INT NOT NULL DEFAULT 9, w INT CHECK (w > 0))",
  );
  run(db, "INSERT OR IGNORE INTO t VALUES (1, NULL, 1), (2, 2, -1), (3, 3, 3)");
  run(db, "INSERT OR REPLACE INTO t VALUES (4, NULL, 4)");
  assertEquals(run(db, "SELECT id, v FROM t"), [[3n, 3n], [4n, 9n]]);
});

Deno.test("COLLATE NOCASE changes comparison and ordering, not the values", () => {
  const db = engine(
    "CREATE TABLE t (s TEXT); INSERT INTO t VALUES ('b'), ('A'), ('a'), ('B')",
  );
  assertEquals(
    run(db, "SELECT s FROM t WHERE s = 'a' COLLATE NOCASE ORDER BY s"),
    [["A"], ["a"]],
  );
  assertEquals(
    run(db, "SELECT s COLLATE NOCASE FROM t ORDER BY s COLLATE NOCASE, s"),
    [["A"], ["a"], ["B"], ["b"]],
  );
});

Deno.test("GROUP BY prefers a real column to an alias; bare columns follow SQLite", () => {
  const db = engine(
    "CREATE TABLE t (a INT, b INT); INSERT INTO t VALUES (1, 1), (1, 2), (2, 2), (3, 2)",
  );
  assertEquals(
    run(db, "SELECT a AS b, count(*) FROM t GROUP BY b ORDER BY 2"),
    [[1n, 1n], [1n, 3n]],
  );
  assertEquals(
    run(db, "SELECT a + 1 AS k, count(*) FROM t GROUP BY k ORDER BY 1"),
    [[2n, 2n], [3n, 1n], [4n, 1n]],
  );
  // With max(), bare columns come from the row holding the maximum.
  assertEquals(run(db, "SELECT b, max(a), a FROM t GROUP BY b ORDER BY b"), [[
    1n,
    1n,
    1n,
  ], [2n, 3n, 3n]]);
});

Deno.test("views nested too deeply fail with a named error instead of overflowing", () => {
  const db = engine("CREATE VIEW v0 AS SELECT 1 AS a");
  for (let i = 1; i <= 70; i++) {
    try {
      run(db, `CREATE VIEW v${i} AS SELECT a FROM v${i - 1}`);
    } catch (e) {
      if (!(e instanceof SqlError)) throw e;
    }
  }
  assertEquals(run(db, "SELECT a FROM v50"), [[1n]]);
  assertThrows(() => run(db, "SELECT a FROM v64"), SqlError);
});
