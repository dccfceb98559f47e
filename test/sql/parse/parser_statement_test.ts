import { deepStrictEqual, strictEqual } from "node:assert/strict";
import { parse, parseOne } from "../../../src/sql/parse/mod.ts";
import { stmt, strip } from "./_helpers.ts";

const col = (name: string, table?: string) =>
  table === undefined
    ? { kind: "column", name }
    : { kind: "column", table, name };
const lit = (value: unknown) => ({ kind: "literal", value });

Deno.test("parse() reads a SELECT with every clause", () => {
  deepStrictEqual(
    stmt(
      "SELECT DISTINCT a, b AS x, c y, t.*, * FROM t WHERE a > 1 GROUP BY a, b HAVING count(*) > 2 ORDER BY 1 DESC NULLS LAST, x ASC, b LIMIT 10 OFFSET 5",
    ),
    {
      kind: "select",
      body: {
        kind: "select_core",
        distinct: true,
        columns: [
          { expr: col("a") },
          { expr: col("b"), alias: "x" },
          { expr: col("c"), alias: "y" },
          { expr: { kind: "star", table: "t" } },
          { expr: { kind: "star" } },
        ],
        from: { kind: "table", name: "t" },
        where: { kind: "binary", op: ">", left: col("a"), right: lit(1n) },
        groupBy: [col("a"), col("b")],
        having: {
          kind: "binary",
          op: ">",
          left: {
            kind: "call",
            name: "count",
            args: [],
            distinct: false,
            star: true,
          },
          right: lit(2n),
        },
      },
      orderBy: [
        { expr: lit(1n), direction: "DESC", nulls: "LAST" },
        { expr: col("x"), direction: "ASC" },
        { expr: col("b") },
      ],
      limit: lit(10n),
      offset: lit(5n),
    },
  );
});

Deno.test("parse() reads LIMIT a, b as offset a and count b", () => {
  const s = stmt("SELECT 1 LIMIT 5, 10") as Record<string, unknown>;
  deepStrictEqual([s.offset, s.limit], [lit(5n), lit(10n)]);
});

Deno.test("parse() keeps the source text of each result column", () => {
  const s = parseOne("SELECT a+1, count( * ) AS n, t.* FROM t");
  if (s.kind !== "select" || s.body.kind !== "select_core") throw new Error();
  deepStrictEqual(s.body.columns.map((c) => c.text), [
    "a+1",
    "count( * )",
    "t.*",
  ]);
});

Deno.test("parse() reads every join form", () => {
  const from = (sql: string) =>
    (stmt(`SELECT * FROM ${sql}`) as { body: { from: unknown } }).body.from;
  const tab = (name: string, alias?: string) =>
    alias === undefined
      ? { kind: "table", name }
      : { kind: "table", name, alias };
  const join = (
    type: string,
    left: unknown,
    right: unknown,
    extra: Record<string, unknown> = {},
  ) => ({
    kind: "join",
    type,
    natural: false,
    comma: false,
    left,
    right,
    ...extra,
  });
  deepStrictEqual(
    from("a JOIN b ON a.id = b.id"),
    join("INNER", tab("a"), tab("b"), {
      on: {
        kind: "binary",
        op: "=",
        left: col("id", "a"),
        right: col("id", "b"),
      },
    }),
  );
  deepStrictEqual(
    from("a INNER JOIN b USING (id, k)"),
    join("INNER", tab("a"), tab("b"), { using: ["id", "k"] }),
  );
  deepStrictEqual(
    from("a LEFT OUTER JOIN b"),
    join("LEFT", tab("a"), tab("b")),
  );
  deepStrictEqual(from("a LEFT JOIN b"), join("LEFT", tab("a"), tab("b")));
  deepStrictEqual(from("a RIGHT JOIN b"), join("RIGHT", tab("a"), tab("b")));
  deepStrictEqual(
    from("a RIGHT OUTER JOIN b"),
    join("RIGHT", tab("a"), tab("b")),
  );
  deepStrictEqual(
    from("a FULL OUTER JOIN b"),
    join("FULL", tab("a"), tab("b")),
  );
  deepStrictEqual(from("a FULL JOIN b"), join("FULL", tab("a"), tab("b")));
  deepStrictEqual(from("a CROSS JOIN b"), join("CROSS", tab("a"), tab("b")));
  deepStrictEqual(from("a NATURAL JOIN b"), {
    ...join("INNER", tab("a"), tab("b")),
    natural: true,
  });
  deepStrictEqual(from("a AS x, b y, c"), {
    ...join("CROSS", {
      ...join("CROSS", tab("a", "x"), tab("b", "y")),
      comma: true,
    }, tab("c")),
    comma: true,
  });
  deepStrictEqual(
    from("a JOIN (b JOIN c)"),
    join("INNER", tab("a"), join("INNER", tab("b"), tab("c"))),
  );
  deepStrictEqual(from("main.t"), { kind: "table", schema: "main", name: "t" });
  const sub = from("(SELECT 1 AS x) AS s") as Record<string, unknown>;
  deepStrictEqual([sub.kind, sub.alias], ["subquery", "s"]);
});

Deno.test("parse() reads compound queries left-deep and VALUES", () => {
  const s = stmt(
    "SELECT 1 UNION SELECT 2 UNION ALL VALUES (3) INTERSECT SELECT 4 EXCEPT SELECT 5 ORDER BY 1",
  ) as {
    body: unknown;
    orderBy: unknown[];
  };
  const core = (n: bigint) => ({
    kind: "select_core",
    distinct: false,
    columns: [{ expr: lit(n) }],
    groupBy: [],
  });
  deepStrictEqual(s.body, {
    kind: "compound",
    op: "EXCEPT",
    left: {
      kind: "compound",
      op: "INTERSECT",
      left: {
        kind: "compound",
        op: "UNION ALL",
        left: {
          kind: "compound",
          op: "UNION",
          left: core(1n),
          right: core(2n),
        },
        right: { kind: "values", rows: [[lit(3n)]] },
      },
      right: core(4n),
    },
    right: core(5n),
  });
  strictEqual(s.orderBy.length, 1);
  deepStrictEqual(stmt("VALUES (1, 'a'), (2, 'b')"), {
    kind: "select",
    body: { kind: "values", rows: [[lit(1n), lit("a")], [lit(2n), lit("b")]] },
    orderBy: [],
  });
});

Deno.test("parse() reads WITH [RECURSIVE] before queries and DML", () => {
  const s = stmt(
    "WITH RECURSIVE c(n) AS (SELECT 1), d AS (SELECT 2) SELECT n FROM c",
  ) as {
    with: { recursive: boolean; ctes: { name: string; columns?: string[] }[] };
  };
  deepStrictEqual(s.with.recursive, true);
  deepStrictEqual(s.with.ctes.map((c) => [c.name, c.columns]), [["c", ["n"]], [
    "d",
    undefined,
  ]]);
  for (
    const sql of [
      "WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x",
      "WITH x AS (SELECT 1) UPDATE t SET a = 1",
      "WITH x AS (SELECT 1) DELETE FROM t",
    ]
  ) {
    const p = parseOne(sql) as { with?: unknown };
    strictEqual(p.with !== undefined, true, sql);
  }
});

Deno.test("parse() reads INSERT forms", () => {
  deepStrictEqual(stmt("INSERT INTO t (a, b) VALUES (1, 2), (3, ?)"), {
    kind: "insert",
    table: "t",
    columns: ["a", "b"],
    source: {
      kind: "values",
      rows: [[lit(1n), lit(2n)], [lit(3n), { kind: "param", index: 1 }]],
    },
  });
  deepStrictEqual(stmt("INSERT OR REPLACE INTO t VALUES (1)"), {
    kind: "insert",
    or: "REPLACE",
    table: "t",
    source: { kind: "values", rows: [[lit(1n)]] },
  });
  deepStrictEqual(
    (stmt("REPLACE INTO t VALUES (1)") as { or: string }).or,
    "REPLACE",
  );
  deepStrictEqual(
    (stmt("INSERT OR IGNORE INTO t VALUES (1)") as { or: string }).or,
    "IGNORE",
  );
  deepStrictEqual(stmt("INSERT INTO t DEFAULT VALUES"), {
    kind: "insert",
    table: "t",
    source: { kind: "default_values" },
  });
  const sel = stmt("INSERT INTO t (a) SELECT x FROM u WHERE x > 0") as {
    source: { kind: string };
  };
  strictEqual(sel.source.kind, "select");
  const ord = stmt("INSERT INTO t VALUES (1) ORDER BY 1") as {
    source: { kind: string };
  };
  strictEqual(ord.source.kind, "select");
  const ret = stmt("INSERT INTO t VALUES (1) RETURNING id, *") as {
    returning: unknown[];
  };
  strictEqual(ret.returning.length, 2);
});

Deno.test("parse() reads UPDATE and DELETE", () => {
  deepStrictEqual(stmt("UPDATE t SET a = a + 1, b = 'x' WHERE id = ?"), {
    kind: "update",
    table: "t",
    set: [
      {
        column: "a",
        value: { kind: "binary", op: "+", left: col("a"), right: lit(1n) },
      },
      { column: "b", value: lit("x") },
    ],
    where: {
      kind: "binary",
      op: "=",
      left: col("id"),
      right: { kind: "param", index: 1 },
    },
  });
  deepStrictEqual(stmt("UPDATE OR ROLLBACK main.t AS x SET a = 1"), {
    kind: "update",
    or: "ROLLBACK",
    schema: "main",
    table: "t",
    alias: "x",
    set: [{ column: "a", value: lit(1n) }],
  });
  deepStrictEqual(stmt("DELETE FROM t WHERE a IS NULL"), {
    kind: "delete",
    table: "t",
    where: { kind: "is_null", not: false, expr: col("a") },
  });
  deepStrictEqual(stmt("DELETE FROM t"), { kind: "delete", table: "t" });
});

Deno.test("parse() reads CREATE TABLE with column and table constraints", () => {
  deepStrictEqual(
    stmt(`CREATE TABLE IF NOT EXISTS t (
      id INTEGER PRIMARY KEY DESC AUTOINCREMENT,
      name VARCHAR(20) NOT NULL UNIQUE,
      score REAL DEFAULT -1.5 CHECK (score >= -10),
      n INT DEFAULT 0 NULL,
      created TEXT DEFAULT CURRENT_TIMESTAMP,
      flag BOOLEAN DEFAULT TRUE,
      expr INT DEFAULT (1 + 2),
      neg INT DEFAULT -9223372036854775808,
      owner INTEGER CONSTRAINT fk_owner REFERENCES users(id) ON DELETE CASCADE ON UPDATE SET NULL,
      body TEXT COLLATE nocase,
      untyped,
      price DOUBLE PRECISION,
      CONSTRAINT pk PRIMARY KEY (id, name DESC),
      UNIQUE (name COLLATE nocase),
      CHECK (n > 0),
      FOREIGN KEY (owner, n) REFERENCES users (id, k) ON DELETE RESTRICT ON UPDATE NO ACTION
    )`),
    {
      kind: "create_table",
      temporary: false,
      ifNotExists: true,
      name: "t",
      columns: [
        {
          name: "id",
          type: { name: "INTEGER", args: [] },
          constraints: [{
            kind: "primary_key",
            order: "DESC",
            autoincrement: true,
          }],
        },
        {
          name: "name",
          type: { name: "VARCHAR", args: [20] },
          constraints: [{ kind: "not_null" }, { kind: "unique" }],
        },
        {
          name: "score",
          type: { name: "REAL", args: [] },
          constraints: [
            { kind: "default", expr: lit(-1.5) },
            {
              kind: "check",
              expr: {
                kind: "binary",
                op: ">=",
                left: col("score"),
                right: lit(-10n),
              },
            },
          ],
        },
        {
          name: "n",
          type: { name: "INT", args: [] },
          constraints: [{ kind: "default", expr: lit(0n) }, { kind: "null" }],
        },
        {
          name: "created",
          type: { name: "TEXT", args: [] },
          constraints: [{
            kind: "default",
            expr: { kind: "current", name: "CURRENT_TIMESTAMP" },
          }],
        },
        {
          name: "flag",
          type: { name: "BOOLEAN", args: [] },
          constraints: [{ kind: "default", expr: lit(true) }],
        },
        {
          name: "expr",
          type: { name: "INT", args: [] },
          constraints: [{
            kind: "default",
            expr: { kind: "binary", op: "+", left: lit(1n), right: lit(2n) },
          }],
        },
        {
          name: "neg",
          type: { name: "INT", args: [] },
          constraints: [{ kind: "default", expr: lit(-9223372036854775808n) }],
        },
        {
          name: "owner",
          type: { name: "INTEGER", args: [] },
          constraints: [{
            kind: "references",
            name: "fk_owner",
            foreignKey: {
              table: "users",
              columns: ["id"],
              onDelete: "CASCADE",
              onUpdate: "SET NULL",
            },
          }],
        },
        {
          name: "body",
          type: { name: "TEXT", args: [] },
          constraints: [{ kind: "collate", collation: "NOCASE" }],
        },
        { name: "untyped", constraints: [] },
        {
          name: "price",
          type: { name: "DOUBLE PRECISION", args: [] },
          constraints: [],
        },
      ],
      constraints: [
        {
          kind: "primary_key",
          name: "pk",
          columns: [{ name: "id" }, { name: "name", order: "DESC" }],
        },
        { kind: "unique", columns: [{ name: "name", collation: "NOCASE" }] },
        {
          kind: "check",
          expr: { kind: "binary", op: ">", left: col("n"), right: lit(0n) },
        },
        {
          kind: "foreign_key",
          columns: ["owner", "n"],
          foreignKey: {
            table: "users",
            columns: ["id", "k"],
            onDelete: "RESTRICT",
            onUpdate: "NO ACTION",
          },
        },
      ],
      withoutRowid: false,
      strict: false,
    },
  );
});

Deno.test("parse() reads CREATE TABLE AS, TEMP and table options", () => {
  const s = stmt("CREATE TEMP TABLE t AS SELECT 1 AS x") as Record<
    string,
    unknown
  >;
  deepStrictEqual([
    s.temporary,
    s.columns,
    (s.asSelect as { kind: string }).kind,
  ], [true, [], "select"]);
  const o = stmt(
    "CREATE TABLE t (a INT PRIMARY KEY) WITHOUT ROWID, STRICT",
  ) as Record<string, unknown>;
  deepStrictEqual([o.withoutRowid, o.strict], [true, true]);
});

Deno.test("parse() reads DROP and ALTER statements", () => {
  deepStrictEqual(stmt("DROP TABLE t"), {
    kind: "drop_table",
    ifExists: false,
    name: "t",
  });
  deepStrictEqual(stmt("DROP TABLE IF EXISTS s.t"), {
    kind: "drop_table",
    ifExists: true,
    schema: "s",
    name: "t",
  });
  deepStrictEqual(stmt("DROP INDEX IF EXISTS i"), {
    kind: "drop_index",
    ifExists: true,
    name: "i",
  });
  deepStrictEqual(stmt("DROP VIEW v"), {
    kind: "drop_view",
    ifExists: false,
    name: "v",
  });
  const alter = (sql: string) =>
    (stmt(`ALTER TABLE t ${sql}`) as { action: unknown }).action;
  deepStrictEqual(alter("ADD COLUMN c TEXT NOT NULL DEFAULT ''"), {
    kind: "add_column",
    column: {
      name: "c",
      type: { name: "TEXT", args: [] },
      constraints: [{ kind: "not_null" }, { kind: "default", expr: lit("") }],
    },
  });
  deepStrictEqual(alter("ADD c INT"), {
    kind: "add_column",
    column: { name: "c", type: { name: "INT", args: [] }, constraints: [] },
  });
  deepStrictEqual(alter("DROP COLUMN c"), { kind: "drop_column", column: "c" });
  deepStrictEqual(alter("DROP c"), { kind: "drop_column", column: "c" });
  deepStrictEqual(alter("RENAME COLUMN a TO b"), {
    kind: "rename_column",
    from: "a",
    to: "b",
  });
  deepStrictEqual(alter("RENAME a TO b"), {
    kind: "rename_column",
    from: "a",
    to: "b",
  });
  deepStrictEqual(alter("RENAME TO t2"), { kind: "rename_table", to: "t2" });
});

Deno.test("parse() reads CREATE INDEX including GIN indexes", () => {
  deepStrictEqual(
    stmt(
      "CREATE UNIQUE INDEX IF NOT EXISTS i ON t (a DESC, b ASC) WHERE a > 0",
    ),
    {
      kind: "create_index",
      unique: true,
      ifNotExists: true,
      name: "i",
      table: "t",
      columns: [{ name: "a", order: "DESC" }, { name: "b", order: "ASC" }],
      where: { kind: "binary", op: ">", left: col("a"), right: lit(0n) },
    },
  );
  deepStrictEqual(stmt("CREATE INDEX ON t (a)"), {
    kind: "create_index",
    unique: false,
    ifNotExists: false,
    table: "t",
    columns: [{ name: "a" }],
  });
  const gin = {
    kind: "create_index",
    unique: false,
    ifNotExists: false,
    name: "docs_body",
    table: "docs",
    using: "GIN",
    columns: [{ name: "body" }],
  };
  deepStrictEqual(stmt("CREATE GIN INDEX docs_body ON docs (body)"), gin);
  deepStrictEqual(stmt("create gin index docs_body on docs (body)"), gin);
  deepStrictEqual(stmt("CREATE INDEX docs_body ON docs USING gin (body)"), gin);
  const { name: _name, ...unnamed } = gin;
  deepStrictEqual(stmt("CREATE GIN INDEX ON docs (body)"), unnamed);
});

Deno.test("parse() reads CREATE VIEW and keeps its SELECT text", () => {
  const s = parseOne(
    "CREATE VIEW IF NOT EXISTS v (x, y) AS SELECT a, b FROM t  ;",
  );
  if (s.kind !== "create_view") throw new Error(s.kind);
  deepStrictEqual(
    [s.ifNotExists, s.temporary, s.name, s.columns, s.selectText, s.text],
    [
      true,
      false,
      "v",
      ["x", "y"],
      "SELECT a, b FROM t",
      "CREATE VIEW IF NOT EXISTS v (x, y) AS SELECT a, b FROM t",
    ],
  );
  strictEqual(
    (stmt("CREATE TEMPORARY VIEW v AS SELECT 1") as { temporary: boolean })
      .temporary,
    true,
  );
});

Deno.test("parse() reads transaction statements", () => {
  const kinds = parse(
    "BEGIN; BEGIN TRANSACTION; BEGIN DEFERRED; BEGIN IMMEDIATE TRANSACTION; BEGIN EXCLUSIVE; START TRANSACTION; " +
      "COMMIT; COMMIT TRANSACTION; END; END TRANSACTION; ROLLBACK; ROLLBACK TRANSACTION; " +
      "ROLLBACK TO sp; ROLLBACK TRANSACTION TO SAVEPOINT sp; SAVEPOINT sp; RELEASE sp; RELEASE SAVEPOINT sp",
  ).map(strip);
  deepStrictEqual(kinds, [
    { kind: "begin" },
    { kind: "begin" },
    { kind: "begin", mode: "DEFERRED" },
    { kind: "begin", mode: "IMMEDIATE" },
    { kind: "begin", mode: "EXCLUSIVE" },
    { kind: "begin" },
    { kind: "commit" },
    { kind: "commit" },
    { kind: "commit" },
    { kind: "commit" },
    { kind: "rollback" },
    { kind: "rollback" },
    { kind: "rollback", savepoint: "sp" },
    { kind: "rollback", savepoint: "sp" },
    { kind: "savepoint", name: "sp" },
    { kind: "release", name: "sp" },
    { kind: "release", name: "sp" },
  ]);
});

Deno.test("parse() reads EXPLAIN [QUERY PLAN]", () => {
  deepStrictEqual(stmt("EXPLAIN SELECT 1"), {
    kind: "explain",
    queryPlan: false,
    statement: {
      kind: "select",
      body: {
        kind: "select_core",
        distinct: false,
        columns: [{ expr: lit(1n) }],
        groupBy: [],
      },
      orderBy: [],
    },
  });
  strictEqual(
    (stmt("EXPLAIN QUERY PLAN DELETE FROM t") as { queryPlan: boolean })
      .queryPlan,
    true,
  );
});

Deno.test("parse() splits scripts, skips empty statements and comments, and records each text", () => {
  const stmts = parse(`
    -- a comment
    CREATE TABLE t (a INT); ;;
    /* block
       comment */ INSERT INTO t VALUES (1) -- trailing
    ;
  `);
  deepStrictEqual(stmts.map((s) => [s.kind, s.text]), [
    ["create_table", "CREATE TABLE t (a INT)"],
    ["insert", "INSERT INTO t VALUES (1)"],
  ]);
  deepStrictEqual(parse(""), []);
  deepStrictEqual(parse(" -- only a comment"), []);
  deepStrictEqual(parse(";;"), []);
});

Deno.test("parse() is case-insensitive for keywords and keeps identifier spelling", () => {
  deepStrictEqual(
    stmt("select Name from Users where ID = 1"),
    stmt("SELECT Name FROM Users WHERE ID = 1"),
  );
  const s = stmt("sElEcT MyCol FrOm MyTable") as {
    body: { columns: { expr: unknown }[]; from: unknown };
  };
  deepStrictEqual([s.body.columns[0].expr, s.body.from], [col("MyCol"), {
    kind: "table",
    name: "MyTable",
  }]);
});

Deno.test("parse() gives every node the position of its first token", () => {
  const s = parseOne("SELECT a,\n  b + 1\nFROM t");
  if (s.kind !== "select" || s.body.kind !== "select_core") throw new Error();
  const b = s.body.columns[1].expr;
  deepStrictEqual([s.pos, b.pos, s.body.from?.pos], [
    { line: 1, column: 1, offset: 0 },
    { line: 2, column: 3, offset: 12 },
    { line: 3, column: 6, offset: 23 },
  ]);
  if (b.kind !== "binary") throw new Error();
  deepStrictEqual(b.right.pos, { line: 2, column: 7, offset: 16 });
});

Deno.test("parse() reads SQLite's `x IN table` as `x IN (SELECT * FROM table)`", () => {
  const star = (name: string, schema?: string) => ({
    kind: "select",
    body: {
      kind: "select_core",
      distinct: false,
      columns: [{ expr: { kind: "star" } }],
      from: schema === undefined
        ? { kind: "table", name }
        : { kind: "table", schema, name },
      groupBy: [],
    },
    orderBy: [],
  });
  const s = stmt("SELECT 1 IN t1, 2 NOT IN main.t2") as {
    body: { columns: { expr: unknown }[] };
  };
  deepStrictEqual(s.body.columns.map((c) => c.expr), [
    { kind: "in_select", not: false, expr: lit(1n), select: star("t1") },
    { kind: "in_select", not: true, expr: lit(2n), select: star("t2", "main") },
  ]);
});

Deno.test("parse() reads INDEXED BY and NOT INDEXED after a table", () => {
  const from = (sql: string) =>
    (stmt(`SELECT * FROM ${sql}`) as { body: { from: unknown } }).body.from;
  deepStrictEqual(from("t1 INDEXED BY i1"), {
    kind: "table",
    name: "t1",
    indexedBy: "i1",
  });
  deepStrictEqual(from("t1 NOT INDEXED"), {
    kind: "table",
    name: "t1",
    indexedBy: null,
  });
  deepStrictEqual(from("t1 AS x indexed by i1"), {
    kind: "table",
    name: "t1",
    alias: "x",
    indexedBy: "i1",
  });
  deepStrictEqual(from("t1 x NOT INDEXED"), {
    kind: "table",
    name: "t1",
    alias: "x",
    indexedBy: null,
  });
  // Without BY, "indexed" is an ordinary alias.
  deepStrictEqual(from("t1 indexed"), {
    kind: "table",
    name: "t1",
    alias: "indexed",
  });
});

Deno.test("parse() accepts END as a column name and still ends CASE with it", () => {
  deepStrictEqual(
    stmt("CREATE TABLE ev (start INT, end INT)"),
    {
      kind: "create_table",
      temporary: false,
      ifNotExists: false,
      name: "ev",
      columns: [
        { name: "start", type: { name: "INT", args: [] }, constraints: [] },
        { name: "end", type: { name: "INT", args: [] }, constraints: [] },
      ],
      constraints: [],
      withoutRowid: false,
      strict: false,
    },
  );
  const s = stmt(
    "SELECT CASE WHEN end > start THEN end ELSE start END AS d, end FROM ev",
  ) as {
    body: { columns: { expr: { kind: string }; alias?: string }[] };
  };
  deepStrictEqual(s.body.columns.map((c) => [c.expr.kind, c.alias]), [[
    "case",
    "d",
  ], ["column", undefined]]);
  deepStrictEqual(stmt("END TRANSACTION"), { kind: "commit" });
});
