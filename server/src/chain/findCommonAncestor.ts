/** A block as the indexer recorded it. */
export type RecordedBlock = { number: number; hash: string };

/**
 * The newest recorded block below `lastIndexed` that the chain still has, looking at most
 * `maxDepth` blocks back: after a reorganisation orphaned `lastIndexed`, the index is rewound
 * to just after it. Every block whose events were indexed is recorded, so no indexed change lies
 * between the block returned and the first orphaned one. Undefined when no recorded block in
 * that range is on the chain (a reorganisation deeper than `maxDepth`, or than the record).
 *
 * @example
 * const ancestor = await findCommonAncestor({
 *   recorded, lastIndexed: 120, maxDepth: 128,
 *   hashAt: async (number) => (await client.getBlock({ blockNumber: BigInt(number) })).hash,
 * });
 */
export async function findCommonAncestor({
  recorded,
  lastIndexed,
  maxDepth,
  hashAt,
}: {
  recorded: readonly RecordedBlock[];
  lastIndexed: number;
  maxDepth: number;
  /** The chain's hash of a block, or undefined when the chain has no such block. */
  hashAt: (number: number) => Promise<string | undefined>;
}): Promise<RecordedBlock | undefined> {
  const candidates = recorded
    .filter(({ number }) => number < lastIndexed && number >= lastIndexed - maxDepth)
    .sort((a, b) => b.number - a.number);
  // Newest first: reorganisations are shallow, so the first few lookups find the ancestor.
  for (const block of candidates) {
    if ((await hashAt(block.number)) === block.hash) return block;
  }
  return undefined;
}
