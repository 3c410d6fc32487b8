/**
 * `make`, remembered for the `capacity` most recently used keys: a Map kept in
 * least-recently-used order (a key used again moves to the end), so that the
 * first key is the one to forget when the Map outgrows its capacity.
 */
export function keptForRecentKeys<K, V>(capacity: number, make: (key: K) => V): (key: K) => V {
  const kept = new Map<K, V>();
  return (key) => {
    const value = kept.has(key) ? kept.get(key)! : make(key);
    kept.delete(key);
    kept.set(key, value);
    if (kept.size > capacity) kept.delete(kept.keys().next().value!);
    return value;
  };
}
