/**
 * Response ids for loaded data: UUIDs (version 7 layout) that grow with each response, starting
 * from the time of the load. Real clients make random ids; loading millions of ordered ones keeps
 * the primary-key index appending instead of splitting pages all over, and a later load sorts after
 * an earlier one, so ids never collide.
 */
export function orderedIds(startMs: number = Date.now()): () => string {
  const time = startMs.toString(16).padStart(12, '0').slice(-12);
  let n = 0;
  return () => {
    const c = (n++).toString(16).padStart(15, '0');
    return `${time.slice(0, 8)}-${time.slice(8)}-7${c.slice(0, 3)}-a${c.slice(3, 6)}-${c.slice(6)}000`;
  };
}
