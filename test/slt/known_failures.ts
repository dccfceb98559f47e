/**
 * Records a file is known to fail, with the reason. They still count as
 * failed; the runner only tells them apart from new failures so that its
 * exit status flags regressions.
 *
 * @module
 */

/** file name -> line -> reason. */
export type KnownFailures = ReadonlyMap<string, ReadonlyMap<number, string>>;

/**
 * Reads a known-failures JSON file: `{ "<file>": { "<line>": "<reason>" } }`.
 *
 * @example
 * ```ts ignore
 * const known = await loadKnownFailures("test/slt/known_failures.json");
 * ```
 */
export async function loadKnownFailures(path: string): Promise<KnownFailures> {
  return parseKnownFailures(await Deno.readTextFile(path));
}

/**
 * Parses the known-failures JSON text.
 *
 * @throws {TypeError} When the shape is wrong.
 *
 * @example
 * ```ts
 * parseKnownFailures('{"a.test": {"12": "why"}}').get("a.test")?.get(12); // "why"
 * ```
 */
export function parseKnownFailures(text: string): KnownFailures {
  const raw: unknown = JSON.parse(text);
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new TypeError("Known failures must be an object of files");
  }
  const out = new Map<string, Map<number, string>>();
  for (const [file, lines] of Object.entries(raw)) {
    if (typeof lines !== "object" || lines === null) {
      throw new TypeError(`Known failures of "${file}" must be an object`);
    }
    const m = new Map<number, string>();
    for (const [line, reason] of Object.entries(lines)) {
      const n = Number(line);
      if (!Number.isInteger(n) || typeof reason !== "string") {
        throw new TypeError(`Bad known failure "${file}":"${line}"`);
      }
      m.set(n, reason);
    }
    out.set(file, m);
  }
  return out;
}

/**
 * Splits a file's failed lines into new ones and known ones, and lists
 * known ones that passed this time.
 *
 * @example
 * ```ts
 * const known = parseKnownFailures('{"a.test": {"1": "x", "2": "y"}}');
 * compareWithKnown("a.test", [1, 5], known);
 * // { unexpected: [5], known: [1], fixed: [2] }
 * ```
 */
export function compareWithKnown(
  file: string,
  failedLines: readonly number[],
  known: KnownFailures,
): { unexpected: number[]; known: number[]; fixed: number[] } {
  const expected = known.get(file) ?? new Map<number, string>();
  const failed = new Set(failedLines);
  return {
    unexpected: failedLines.filter((l) => !expected.has(l)),
    known: failedLines.filter((l) => expected.has(l)),
    fixed: [...expected.keys()].filter((l) => !failed.has(l)),
  };
}
