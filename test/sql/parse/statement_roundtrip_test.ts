import { deepStrictEqual } from "node:assert/strict";
import fc from "fast-check";
import type {
  ColumnConstraint,
  ColumnDef,
  Expr,
  ForeignKeyClause,
  FromItem,
  IndexedColumn,
  OrderingTerm,
  ResultColumn,
  SelectBody,
  SelectCore,
  SelectStmt,
  Statement,
  TableConstraint,
  ValuesBody,
} from "../../../src/sql/parse/mod.ts";
import { formatStatement, parseOne } from "../../../src/sql/parse/mod.ts";
import { strip } from "./_helpers.ts";
import { exprOfDepth, identArb, P, typeArb } from "./_arbitraries.ts";

const exprArb = exprOfDepth(2);
const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });

const resultColumnArb: fc.Arbitrary<ResultColumn> = fc.oneof(
  fc.tuple(exprArb, opt(identArb)).map(([expr, alias]) => ({
    pos: P,
    expr,
    alias,
    text: "",
  })),
  opt(identArb).map((table): ResultColumn => ({
    pos: P,
    expr: { kind: "star", pos: P, table },
    text: "",
  })),
);

const orderingArb: fc.Arbitrary<OrderingTerm> = fc.record({
  pos: fc.constant(P),
  expr: exprArb,
  direction: opt(fc.constantFrom("ASC" as const, "DESC" as const)),
  nulls: opt(fc.constantFrom("FIRST" as const, "LAST" as const)),
});

const valuesArb: fc.Arbitrary<ValuesBody> = fc.integer({ min: 1, max: 3 })
  .chain((width) =>
    fc.array(fc.array(exprArb, { minLength: width, maxLength: width }), {
      minLength: 1,
      maxLength: 3,
    })
  ).map((rows) => ({ kind: "values", pos: P, rows }));

const { select: selectArb } = fc.letrec<{
  select: SelectStmt;
  from: FromItem;
  core: SelectCore;
  body: SelectBody;
}>((tie) => ({
  select: fc.tuple(
    opt(
      fc.tuple(
        fc.boolean(),
        identArb,
        opt(fc.array(identArb, { minLength: 1, maxLength: 2 })),
      ),
    ),
    tie("body") as fc.Arbitrary<SelectBody>,
    fc.array(orderingArb, { maxLength: 2 }),
    opt(fc.tuple(exprArb, opt(exprArb))),
  ).map(([w, body, orderBy, lim]): SelectStmt => ({
    kind: "select",
    pos: P,
    with: w === undefined ? undefined : {
      pos: P,
      recursive: w[0],
      ctes: [{
        pos: P,
        name: w[1],
        columns: w[2],
        select: {
          kind: "select",
          pos: P,
          body: {
            kind: "values",
            pos: P,
            rows: [[{ kind: "literal", pos: P, value: 1n }]],
          },
          orderBy: [],
        },
      }],
    },
    body,
    orderBy,
    limit: lim?.[0],
    offset: lim?.[1],
  })),
  from: fc.oneof(
    { maxDepth: 2, depthIdentifier: "from" },
    fc.record({
      kind: fc.constant("table" as const),
      pos: fc.constant(P),
      schema: opt(identArb),
      name: identArb,
      alias: opt(identArb),
      indexedBy: fc.option(identArb, { nil: undefined, freq: 3 }).chain((v) =>
        v === undefined ? fc.constantFrom(undefined, null) : fc.constant(v)
      ),
    }),
    fc.tuple(tie("select") as fc.Arbitrary<SelectStmt>, opt(identArb)).map((
      [select, alias],
    ): FromItem => ({ kind: "subquery", pos: P, select, alias })),
    fc.tuple(
      fc.constantFrom("INNER", "LEFT", "RIGHT", "FULL", "CROSS", ","),
      fc.boolean(),
      tie("from") as fc.Arbitrary<FromItem>,
      tie("from") as fc.Arbitrary<FromItem>,
      fc.oneof(
        fc.constant(undefined),
        exprArb.map((on) => ({ on })),
        fc.array(identArb, { minLength: 1, maxLength: 2 }).map((using) => ({
          using,
        })),
      ),
    ).map(([type, natural, left, right, cond]): FromItem =>
      type === ","
        ? {
          kind: "join",
          pos: P,
          type: "CROSS",
          natural: false,
          comma: true,
          left,
          right,
        }
        : {
          kind: "join",
          pos: P,
          type,
          natural,
          comma: false,
          left,
          right,
          ...cond,
        }
    ),
  ),
  core: fc.record({
    kind: fc.constant("select_core" as const),
    pos: fc.constant(P),
    distinct: fc.boolean(),
    columns: fc.array(resultColumnArb, { minLength: 1, maxLength: 3 }),
    from: opt(tie("from") as fc.Arbitrary<FromItem>),
    where: opt(exprArb),
    groupBy: fc.array(exprArb, { maxLength: 2 }),
    having: opt(exprArb),
  }),
  body: fc.oneof(
    { maxDepth: 2, depthIdentifier: "body" },
    tie("core") as fc.Arbitrary<SelectCore>,
    valuesArb,
    fc.tuple(
      fc.constantFrom(
        "UNION",
        "UNION ALL",
        "INTERSECT",
        "EXCEPT",
      ) as fc.Arbitrary<
        "UNION" | "UNION ALL" | "INTERSECT" | "EXCEPT"
      >,
      tie("body") as fc.Arbitrary<SelectBody>,
      fc.oneof(tie("core") as fc.Arbitrary<SelectCore>, valuesArb),
    ).map(([op, left, right]): SelectBody => ({
      kind: "compound",
      pos: P,
      op,
      left,
      right,
    })),
  ),
}));

function roundTrips(s: Statement): void {
  const text = formatStatement(s);
  let back: Statement;
  try {
    back = parseOne(text);
  } catch (e) {
    throw new Error(`could not parse ${JSON.stringify(text)}: ${e}`);
  }
  deepStrictEqual(strip(back), strip(s), text);
}

Deno.test("formatStatement() round-trips random queries", () => {
  fc.assert(fc.property(selectArb, roundTrips), { numRuns: 300 });
});

const literalDefaultArb: fc.Arbitrary<Expr> = fc.oneof(
  fc.constantFrom<unknown>(null, true, false, "", "x'y", 0n, -5n, 1.5, -0.25)
    .map((value) => ({ kind: "literal", pos: P, value }) as Expr),
  fc.constantFrom(
    "CURRENT_TIMESTAMP" as const,
    "CURRENT_DATE" as const,
    "CURRENT_TIME" as const,
  ).map((name): Expr => ({ kind: "current", pos: P, name })),
  exprArb,
);

const foreignKeyArb: fc.Arbitrary<ForeignKeyClause> = fc.record({
  pos: fc.constant(P),
  table: identArb,
  columns: fc.array(identArb, { maxLength: 2 }),
  onDelete: opt(
    fc.constantFrom(
      "CASCADE",
      "SET NULL",
      "SET DEFAULT",
      "RESTRICT",
      "NO ACTION",
    ) as fc.Arbitrary<
      ForeignKeyClause["onDelete"] & string
    >,
  ),
  onUpdate: opt(
    fc.constantFrom("CASCADE", "RESTRICT") as fc.Arbitrary<
      "CASCADE" | "RESTRICT"
    >,
  ),
});

const columnConstraintArb: fc.Arbitrary<ColumnConstraint> = fc.tuple(
  opt(identArb),
  fc.oneof(
    fc.tuple(
      opt(fc.constantFrom("ASC" as const, "DESC" as const)),
      fc.boolean(),
    )
      .map(([order, autoincrement]) => ({
        kind: "primary_key" as const,
        order,
        autoincrement,
      })),
    fc.constantFrom({ kind: "not_null" as const }, { kind: "null" as const }, {
      kind: "unique" as const,
    }),
    exprArb.map((expr) => ({ kind: "check" as const, expr })),
    literalDefaultArb.map((expr) => ({ kind: "default" as const, expr })),
    fc.constantFrom("NOCASE", "BINARY").map((collation) => ({
      kind: "collate" as const,
      collation,
    })),
    foreignKeyArb.map((foreignKey) => ({
      kind: "references" as const,
      foreignKey,
    })),
  ),
).map(([name, c]) => ({ ...c, pos: P, name }) as ColumnConstraint);

const columnDefArb: fc.Arbitrary<ColumnDef> = fc.record({
  pos: fc.constant(P),
  name: identArb,
  type: opt(typeArb),
  constraints: fc.array(columnConstraintArb, { maxLength: 3 }),
});

const indexedColumnArb: fc.Arbitrary<IndexedColumn> = fc.record({
  pos: fc.constant(P),
  name: identArb,
  order: opt(fc.constantFrom("ASC" as const, "DESC" as const)),
  collation: opt(fc.constantFrom("NOCASE", "RTRIM")),
});

const tableConstraintArb: fc.Arbitrary<TableConstraint> = fc.tuple(
  opt(identArb),
  fc.oneof(
    fc.array(indexedColumnArb, { minLength: 1, maxLength: 2 }).map((
      columns,
    ) => ({
      kind: "primary_key" as const,
      columns,
    })),
    fc.array(indexedColumnArb, { minLength: 1, maxLength: 2 }).map((
      columns,
    ) => ({
      kind: "unique" as const,
      columns,
    })),
    exprArb.map((expr) => ({ kind: "check" as const, expr })),
    fc.tuple(fc.array(identArb, { minLength: 1, maxLength: 2 }), foreignKeyArb)
      .map((
        [columns, foreignKey],
      ) => ({ kind: "foreign_key" as const, columns, foreignKey })),
  ),
).map(([name, c]) => ({ ...c, pos: P, name }) as TableConstraint);

const ddlArb: fc.Arbitrary<Statement> = fc.oneof(
  fc.record({
    kind: fc.constant("create_table" as const),
    pos: fc.constant(P),
    temporary: fc.boolean(),
    ifNotExists: fc.boolean(),
    schema: opt(identArb),
    name: identArb,
    columns: fc.array(columnDefArb, { minLength: 1, maxLength: 3 }),
    constraints: fc.array(tableConstraintArb, { maxLength: 2 }),
    withoutRowid: fc.boolean(),
    strict: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant("create_index" as const),
    pos: fc.constant(P),
    unique: fc.boolean(),
    ifNotExists: fc.boolean(),
    name: opt(identArb),
    table: identArb,
    using: opt(fc.constantFrom("GIN", "BTREE")),
    columns: fc.array(indexedColumnArb, { minLength: 1, maxLength: 2 }),
    where: opt(exprArb),
  }),
  fc.tuple(
    identArb,
    fc.oneof(
      columnDefArb.map((column) => ({ kind: "add_column" as const, column })),
      identArb.map((column) => ({ kind: "drop_column" as const, column })),
      fc.tuple(identArb, identArb).map(([from, to]) => ({
        kind: "rename_column" as const,
        from,
        to,
      })),
      identArb.map((to) => ({ kind: "rename_table" as const, to })),
    ),
  ).map(([table, action]): Statement => ({
    kind: "alter_table",
    pos: P,
    table,
    action,
  })),
  fc.tuple(
    fc.constantFrom("drop_table", "drop_index", "drop_view") as fc.Arbitrary<
      "drop_table" | "drop_index" | "drop_view"
    >,
    fc.boolean(),
    identArb,
  ).map(([kind, ifExists, name]): Statement => ({
    kind,
    pos: P,
    ifExists,
    name,
  })),
);

const dmlArb: fc.Arbitrary<Statement> = fc.oneof(
  fc.record({
    kind: fc.constant("insert" as const),
    pos: fc.constant(P),
    or: opt(
      fc.constantFrom(
        "REPLACE",
        "IGNORE",
        "ABORT",
        "FAIL",
        "ROLLBACK",
      ) as fc.Arbitrary<
        "REPLACE" | "IGNORE" | "ABORT" | "FAIL" | "ROLLBACK"
      >,
    ),
    table: identArb,
    alias: opt(identArb),
    columns: opt(fc.array(identArb, { minLength: 1, maxLength: 3 })),
    source: fc.oneof(
      fc.constant({ kind: "default_values" as const }),
      valuesArb.map((v) => ({ kind: "values" as const, rows: v.rows })),
      selectArb.filter((s) =>
        s.body.kind !== "values" || s.with !== undefined ||
        s.orderBy.length > 0 ||
        s.limit !== undefined
      ).map((select) => ({ kind: "select" as const, select })),
    ),
    returning: opt(fc.array(resultColumnArb, { minLength: 1, maxLength: 2 })),
  }),
  fc.record({
    kind: fc.constant("update" as const),
    pos: fc.constant(P),
    or: opt(
      fc.constantFrom("REPLACE", "IGNORE") as fc.Arbitrary<
        "REPLACE" | "IGNORE"
      >,
    ),
    table: identArb,
    alias: opt(identArb),
    set: fc.array(
      fc.record({ pos: fc.constant(P), column: identArb, value: exprArb }),
      { minLength: 1, maxLength: 3 },
    ),
    where: opt(exprArb),
    returning: opt(fc.array(resultColumnArb, { minLength: 1, maxLength: 2 })),
  }),
  fc.record({
    kind: fc.constant("delete" as const),
    pos: fc.constant(P),
    table: identArb,
    alias: opt(identArb),
    where: opt(exprArb),
    returning: opt(fc.array(resultColumnArb, { minLength: 1, maxLength: 2 })),
  }),
);

Deno.test("formatStatement() round-trips random DDL", () => {
  fc.assert(fc.property(ddlArb, roundTrips), { numRuns: 300 });
});

Deno.test("formatStatement() round-trips random INSERT, UPDATE and DELETE", () => {
  fc.assert(fc.property(dmlArb, roundTrips), { numRuns: 300 });
});
