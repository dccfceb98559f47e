/**
 * Parser of the sqllogictest script format (see
 * `../shared/conformance/README.md`).
 *
 * @module
 */
import { SltParseError } from "./errors.ts";

/** A `skipif <engine>` or `onlyif <engine>` guard on the next record. */
export interface SltCondition {
  readonly kind: "skipif" | "onlyif";
  readonly engine: string;
}

/** How a query's values are ordered before they are compared. */
export type SltSortMode = "nosort" | "rowsort" | "valuesort";

interface RecordBase {
  /** 1-based line of the record's first line (after its guards). */
  readonly line: number;
  readonly conditions: readonly SltCondition[];
}

/** `statement ok` / `statement error` and its SQL. */
export interface SltStatement extends RecordBase {
  readonly kind: "statement";
  readonly expectError: boolean;
  readonly sql: string;
}

/** `query <types> [sort] [label]`, its SQL and the expected block. */
export interface SltQuery extends RecordBase {
  readonly kind: "query";
  /** One letter per column: `I`, `R` or `T`. */
  readonly types: string;
  readonly sort: SltSortMode;
  readonly label: string | null;
  readonly sql: string;
  /** Lines after `----`; null when the record has no `----` (label-only). */
  readonly expected: readonly string[] | null;
}

/** `hash-threshold N`. */
export interface SltHashThreshold extends RecordBase {
  readonly kind: "hash-threshold";
  readonly value: number;
}

/** `halt`: stop running the file. */
export interface SltHalt extends RecordBase {
  readonly kind: "halt";
}

/** One record of a script. */
export type SltRecord = SltStatement | SltQuery | SltHashThreshold | SltHalt;

/** Options of {@linkcode parseSlt}. */
export interface ParseSltOptions {
  /**
   * Name used in error messages.
   * @default {"<script>"}
   */
  file?: string;
}

const SORT_MODES = new Set(["nosort", "rowsort", "valuesort"]);

/** Drops a trailing `# comment` from a directive line. */
function stripComment(line: string): string {
  const hash = line.indexOf("#");
  return (hash < 0 ? line : line.slice(0, hash)).trim();
}

/**
 * Parses a sqllogictest script into records, in file order.
 *
 * Accepts LF and CRLF line ends. Blank lines separate records; lines that
 * start with `#` are comments.
 *
 * @param text The whole script.
 * @param options Where the script came from, for error messages.
 * @returns The records, guards attached to the record they guard.
 * @throws {SltParseError} On a directive the format does not have.
 *
 * @example
 * ```ts
 * const [rec] = parseSlt("query I nosort\nSELECT 1\n----\n1\n");
 * rec.kind; // "query"
 * ```
 */
export function parseSlt(
  text: string,
  options: ParseSltOptions = {},
): SltRecord[] {
  const file = options.file ?? "<script>";
  const lines = text.split(/\r?\n/);
  const records: SltRecord[] = [];
  let conditions: SltCondition[] = [];
  let i = 0;

  const isBlank = (n: number) => n >= lines.length || lines[n]!.trim() === "";
  /** Collects lines from `start` until a blank line or `stop` line. */
  const takeBlock = (start: number, stop?: string): [string[], number] => {
    const out: string[] = [];
    let n = start;
    while (!isBlank(n) && (stop === undefined || lines[n]!.trim() !== stop)) {
      out.push(lines[n]!);
      n++;
    }
    return [out, n];
  };

  while (i < lines.length) {
    const raw = lines[i]!;
    const trimmed = raw.trim();
    if (trimmed === "" || trimmed.startsWith("#")) {
      i++;
      continue;
    }
    const lineNo = i + 1;
    const words = stripComment(trimmed).split(/\s+/);
    const head = words[0]!;
    switch (head) {
      case "skipif":
      case "onlyif": {
        if (words[1] === undefined) {
          throw new SltParseError(`"${head}" needs an engine name`, {
            file,
            line: lineNo,
          });
        }
        conditions.push({ kind: head, engine: words[1] });
        i++;
        continue;
      }
      case "hash-threshold": {
        const value = Number(words[1]);
        if (!Number.isInteger(value) || value < 0) {
          throw new SltParseError(`bad hash-threshold "${words[1] ?? ""}"`, {
            file,
            line: lineNo,
          });
        }
        records.push({
          kind: "hash-threshold",
          value,
          line: lineNo,
          conditions,
        });
        i++;
        break;
      }
      case "halt": {
        records.push({ kind: "halt", line: lineNo, conditions });
        i++;
        break;
      }
      case "statement": {
        const mode = words[1];
        if (mode !== "ok" && mode !== "error") {
          throw new SltParseError(
            `"statement" needs "ok" or "error", got "${mode ?? ""}"`,
            { file, line: lineNo },
          );
        }
        const [sqlLines, next] = takeBlock(i + 1);
        records.push({
          kind: "statement",
          expectError: mode === "error",
          sql: sqlLines.join("\n"),
          line: lineNo,
          conditions,
        });
        i = next;
        break;
      }
      case "query": {
        const types = words[1];
        if (types === undefined || !/^[A-Z]+$/.test(types)) {
          throw new SltParseError(`bad query column types "${types ?? ""}"`, {
            file,
            line: lineNo,
          });
        }
        let sort: SltSortMode = "nosort";
        let label: string | null = null;
        for (const w of words.slice(2)) {
          if (SORT_MODES.has(w)) sort = w as SltSortMode;
          else label = w;
        }
        const [sqlLines, afterSql] = takeBlock(i + 1, "----");
        let expected: string[] | null = null;
        let next = afterSql;
        if (afterSql < lines.length && lines[afterSql]!.trim() === "----") {
          const [values, afterValues] = takeBlock(afterSql + 1);
          expected = values.map((v) => v.trimEnd());
          next = afterValues;
        }
        records.push({
          kind: "query",
          types,
          sort,
          label,
          sql: sqlLines.join("\n"),
          expected,
          line: lineNo,
          conditions,
        });
        i = next;
        break;
      }
      default:
        throw new SltParseError(`unknown record "${head}"`, {
          file,
          line: lineNo,
        });
    }
    conditions = [];
  }
  return records;
}

/**
 * Tells whether a record's guards let it run on `engine`.
 *
 * @example
 * ```ts
 * shouldRun([{ kind: "onlyif", engine: "mysql" }], "sqlite"); // false
 * ```
 */
export function shouldRun(
  conditions: readonly SltCondition[],
  engine: string,
): boolean {
  return conditions.every((c) =>
    c.kind === "skipif" ? c.engine !== engine : c.engine === engine
  );
}
