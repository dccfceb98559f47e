import type { WalEntry, WalEntryInput } from "../../src/wal/mod.ts";

export function entry(index: number, term = 1, size = 8): WalEntryInput {
  const data = new Uint8Array(size);
  for (let i = 0; i < size; i++) data[i] = (index * 31 + i * 7 + term) & 0xff;
  return { term, index, type: index % 3, data };
}

export function entries(
  from: number,
  to: number,
  term = 1,
  size = 8,
): WalEntryInput[] {
  const out: WalEntryInput[] = [];
  for (let i = from; i <= to; i++) out.push(entry(i, term, size));
  return out;
}

/** Entries as plain comparable tuples. */
export function plain(es: readonly (WalEntry | WalEntryInput)[]) {
  return es.map((e) => [Number(e.index), Number(e.term), e.type, [...e.data]]);
}

/** The entry the crash child writes at `index` in `term` (size varies). */
export function crashEntry(index: number, term: number): WalEntryInput {
  return entry(index, term, (index * 7919 + term * 31) % 1500);
}
