/**
 * Import cycles that lint tolerates for now, each owned by the engineer breaking it. Everything else
 * that forms a cycle (runtime or type-only) fails `npm run lint`. When you break a cycle, delete its
 * entry here; never add one for new code. Paths are relative to the repository root.
 */
module.exports = [];
