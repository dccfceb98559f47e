/**
 * The shell's dot commands (`.tables`, `.schema`, `.timer`, ...).
 *
 * @module
 */
import type { QueryResult, SqlParams } from "../api/database.ts";
import { OUTPUT_MODES, type OutputMode } from "./format_result.ts";
import type { Shell } from "./shell.ts";

/** Catalog tables tried in order: SQLite's name, then ReefDB's own. */
const CATALOGS = ["sqlite_schema", "reef_schema"] as const;

interface DotCommand {
  readonly usage: string;
  readonly help: string;
  run(shell: Shell, args: string[]): Promise<boolean>;
}

/** Runs a catalog query on the first catalog table the engine has. */
async function queryCatalog(
  shell: Shell,
  sqlFor: (catalog: string) => string,
  params: SqlParams = [],
): Promise<QueryResult | null> {
  let lastError: unknown = null;
  for (const catalog of CATALOGS) {
    try {
      return await shell.db.query(sqlFor(catalog), params);
    } catch (err) {
      lastError = err;
    }
  }
  shell.fail(
    `Error: the engine has no catalog table (${CATALOGS.join(", ")}): ${
      lastError instanceof Error ? lastError.message : String(lastError)
    }`,
  );
  return null;
}

/** Shell-style wildcards (`*`, `?`) of `.tables PATTERN` as a LIKE. */
function likePattern(glob: string): string {
  return glob.replaceAll("*", "%").replaceAll("?", "_");
}

const COMMANDS: Record<string, DotCommand> = {
  help: {
    usage: ".help",
    help: "show this message",
    run(shell) {
      const lines = Object.values(COMMANDS).map((c) =>
        `${c.usage.padEnd(24)} ${c.help}`
      );
      shell.write(
        [
          "Enter SQL statements terminated by a semicolon; they may span lines.",
          "psql's \\q, \\?, \\d [TABLE], \\dt, \\i FILE and \\timing work too.",
          ...lines,
        ].join("\n") + "\n",
      );
      return Promise.resolve(true);
    },
  },
  tables: {
    usage: ".tables [PATTERN]",
    help: "list tables and views (PATTERN: * and ? wildcards)",
    async run(shell, args) {
      const pattern = args[0];
      const result = await queryCatalog(
        shell,
        (cat) =>
          `SELECT name FROM ${cat} WHERE type IN ('table', 'view')` +
          (pattern === undefined ? "" : " AND name LIKE ?") +
          " ORDER BY name",
        pattern === undefined ? [] : [likePattern(pattern)],
      );
      if (result !== null && result.rows.length > 0) {
        shell.write(result.rows.map((r) => String(r[0])).join("\n") + "\n");
      }
      return true;
    },
  },
  schema: {
    usage: ".schema [TABLE]",
    help: "show CREATE statements (of TABLE and its indexes)",
    async run(shell, args) {
      const table = args[0];
      const result = await queryCatalog(
        shell,
        (cat) =>
          `SELECT sql FROM ${cat} WHERE sql IS NOT NULL` +
          (table === undefined ? "" : " AND (name = ? OR tbl_name = ?)") +
          " ORDER BY tbl_name, type DESC, name",
        table === undefined ? [] : [table, table],
      );
      if (result !== null && result.rows.length > 0) {
        shell.write(result.rows.map((r) => `${r[0]};`).join("\n") + "\n");
      }
      return true;
    },
  },
  read: {
    usage: ".read FILE",
    help: "run the SQL statements (and dot commands) of FILE",
    async run(shell, args) {
      const path = args[0];
      if (path === undefined) {
        shell.fail("Usage: .read FILE");
        return true;
      }
      let text: string;
      try {
        text = await Deno.readTextFile(path);
      } catch (err) {
        shell.fail(
          `Error: cannot read "${path}": ${
            err instanceof Error ? err.message : String(err)
          }`,
        );
        return true;
      }
      for (const line of text.split(/\r?\n/)) {
        if (!await shell.feedLine(line)) return false;
      }
      await shell.end();
      return true;
    },
  },
  timer: {
    usage: ".timer on|off",
    help: "show how long each statement takes",
    run(shell, args) {
      const v = args[0]?.toLowerCase();
      if (v !== "on" && v !== "off") {
        shell.fail("Usage: .timer on|off");
      } else {
        shell.timer = v === "on";
      }
      return Promise.resolve(true);
    },
  },
  mode: {
    usage: ".mode table|csv|json",
    help: "set the output format",
    run(shell, args) {
      const v = args[0]?.toLowerCase();
      if (v === undefined) {
        shell.write(`current output mode: ${shell.mode}\n`);
      } else if ((OUTPUT_MODES as readonly string[]).includes(v)) {
        shell.mode = v as OutputMode;
      } else {
        shell.fail(`Usage: .mode ${OUTPUT_MODES.join("|")}`);
      }
      return Promise.resolve(true);
    },
  },
  quit: {
    usage: ".quit",
    help: "leave the shell (also .exit, Ctrl-D)",
    run: () => Promise.resolve(false),
  },
  exit: {
    usage: ".exit",
    help: "leave the shell",
    run: () => Promise.resolve(false),
  },
};

/** psql's backslash commands, as the dot commands they stand for. */
const BACKSLASH: Record<string, (args: string[]) => [string, string[]]> = {
  "q": (a) => ["quit", a],
  "?": (a) => ["help", a],
  "dt": (a) => ["tables", a],
  "d": (a) => a.length === 0 ? ["tables", a] : ["schema", a],
  "i": (a) => ["read", a],
  "timing": (a) => ["timer", a],
};

/**
 * Runs one dot-command line (or one of psql's `\q`, `\?`, `\d [TABLE]`,
 * `\dt`, `\i FILE`, `\timing on|off`).
 *
 * @param shell The session.
 * @param line The whole line, starting with `.` or `\`.
 * @returns False when the session should end.
 *
 * @example
 * ```ts ignore
 * await runDotCommand(shell, ".timer on");
 * ```
 */
export function runDotCommand(shell: Shell, line: string): Promise<boolean> {
  const trimmed = line.trim();
  let [name = "", ...args] = trimmed.slice(1).trim().split(/\s+/);
  if (trimmed.startsWith("\\")) {
    const alias = Object.hasOwn(BACKSLASH, name) ? BACKSLASH[name] : undefined;
    if (alias === undefined) {
      shell.fail(`Error: unknown command "\\${name}". Enter ".help" for help.`);
      return Promise.resolve(true);
    }
    if (name === "timing" && args.length === 0) {
      // psql's bare \timing toggles.
      args = [shell.timer ? "off" : "on"];
    }
    [name, args] = alias(args);
  }
  const command = Object.hasOwn(COMMANDS, name.toLowerCase())
    ? COMMANDS[name.toLowerCase()]
    : undefined;
  if (command === undefined) {
    shell.fail(`Error: unknown command ".${name}". Enter ".help" for help.`);
    return Promise.resolve(true);
  }
  return command.run(shell, args);
}
