/** A canonical prompt has 1 to this many bytes (prompt rules v1). */
export const PROMPT_MAX_BYTES = 64;

/**
 * Every byte a canonical prompt may contain, in ascending byte order within each group: `a-z`,
 * `0-9`, space and `- ' , . ! ?`. A space may not lead, trail or follow another space.
 */
export const PROMPT_ALLOWED_CHARACTERS = "abcdefghijklmnopqrstuvwxyz0123456789 -',.!?";
