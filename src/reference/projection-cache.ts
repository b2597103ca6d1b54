/**
 * Projected events, kept as JSON text once they are asked for a second time. Projecting an event
 * with its bill details costs tens of microseconds, and the checks ask for the same few hundred
 * over and over: those are kept. Fuzzing draws flag and currency sets by the thousand, each
 * asked for once: keeping those would only fill the memory of a run that embeds the reference
 * with text that is never read again, so a key is only remembered the first time.
 */
export class ProjectionCache {
  readonly #kept = new Map<string, string>();
  readonly #seen = new Set<string>();

  constructor(private readonly capacity: number) {}

  /** The projection of `key`, computed by `project` unless kept. */
  get(key: string, project: () => string): string {
    const kept = this.#kept.get(key);
    if (kept !== undefined) return kept;
    const json = project();
    if (this.#seen.delete(key)) {
      if (this.#kept.size >= this.capacity) this.#kept.clear();
      this.#kept.set(key, json);
    } else {
      if (this.#seen.size >= this.capacity * 4) this.#seen.clear();
      this.#seen.add(key);
    }
    return json;
  }
}
