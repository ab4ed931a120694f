import { randomUUID } from "node:crypto";
import { hostname } from "node:os";

/** A lease owner id for this process: `host/pid/uuid`, unique even when a pid is reused. */
export function newLeaseOwner(): string {
  return `${hostname()}/${process.pid}/${randomUUID()}`;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Whether a lease's owner is certainly gone: a process on this host whose pid no longer runs, or
 * an earlier process with this process's pid. Owners on other hosts are never judged here; their
 * leases are taken back only when they expire.
 */
export function isOrphanedLeaseOwner({ owner, self }: { owner: string; self: string }): boolean {
  if (owner === self) return false;
  const [host, pidText] = owner.split("/");
  const pid = Number(pidText);
  if (host !== hostname() || !Number.isSafeInteger(pid)) return false;
  return pid === process.pid || !isAlive(pid);
}
