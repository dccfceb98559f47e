/**
 * Appending proposals to the leader's log under the uncommitted-size
 * budget. Folder-private helpers of {@linkcode Raft}.
 *
 * @module
 */
import { ProposalDroppedError } from "./errors.ts";
import type { Raft } from "./raft.ts";
import { type Entry, EntryType, NONE } from "./types.ts";

/**
 * Appends entries at the end of the log in this term; false (and nothing
 * appended) if they would exceed the uncommitted-size budget.
 */
export function appendEntry(r: Raft, proposed: readonly Entry[]): boolean {
  let li = r.raftLog.lastIndex();
  // Copy: a proposal message may be delivered twice (or kept by the
  // caller), and log entries must never change after they are appended.
  const es = proposed.map((e) => ({
    term: r.term,
    index: ++li,
    type: e.type,
    data: e.data,
  }));
  const max = r.cfg.maxUncommittedEntriesSize;
  if (max > 0) {
    const size = payloadsSize(es);
    if (
      r.uncommittedSize > 0 && size > 0 &&
      r.uncommittedSize + size > max
    ) {
      return false;
    }
    r.uncommittedSize += size;
  }
  r.raftLog.append(es);
  return true;
}

/** Appends a proposal on the leader; throws ProposalDroppedError. */
export function leaderPropose(r: Raft, entries: readonly Entry[]): void {
  if (entries.length === 0) {
    throw new RangeError("Cannot propose an empty batch");
  }
  if (!r.trk.progress.has(r.id)) {
    throw new ProposalDroppedError("this leader is not a member", {
      lead: r.lead,
    });
  }
  if (r.leadTransferee !== NONE) {
    throw new ProposalDroppedError(
      `leadership transfer to ${r.leadTransferee} in progress`,
      { lead: r.lead },
    );
  }
  for (let i = 0; i < entries.length; i++) {
    if (entries[i].type !== EntryType.ConfChange) continue;
    if (r.pendingConfIndex > r.raftLog.applied) {
      throw new ProposalDroppedError(
        `a conf change at ${r.pendingConfIndex} is not applied yet (applied ${r.raftLog.applied})`,
        { lead: r.lead },
      );
    }
    r.pendingConfIndex = r.raftLog.lastIndex() + i + 1;
  }
  if (!appendEntry(r, entries)) {
    throw new ProposalDroppedError("too many uncommitted entries", {
      lead: r.lead,
    });
  }
  r.pendingBcast = true;
}

/** The driver applied these committed entries: free the uncommitted budget. */
export function reduceUncommittedSize(
  r: Raft,
  ents: readonly Entry[],
): void {
  if (r.uncommittedSize === 0) return;
  r.uncommittedSize = Math.max(
    0,
    r.uncommittedSize - payloadsSize(ents),
  );
}

function payloadsSize(ents: readonly Entry[]): number {
  let n = 0;
  for (const e of ents) n += e.data.length;
  return n;
}
