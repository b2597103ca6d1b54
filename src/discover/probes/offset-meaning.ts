/**
 * `x-ledger-pagination.offsetMeaning`: four events of one customer, asked for at offset 1 with
 * limit 2 and with limit 3. Counted in pages, those are the third and fourth events, then the
 * fourth; counted in events, the second and third, then the second to fourth. Both pages must
 * agree on one reading; anything else (a window cut one event late, a page that repeats the last
 * of the one before, an offset ignored) matches neither and pins nothing. "Third" and "fourth" are
 * in the target's own order, read first from the four at offset 0 (no source states an order, so
 * the probe assumes none: a newest-first target is described, not called "neither").
 */
import { customerWith, forEvery, idsOf, matched, skipped, told, unmatched, type Probe } from '../probe.js';

const byId = (a: string, b: string): number => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0);

export const offsetMeaning: Probe = async (ctx, knobs) => {
  const customer = customerWith(ctx.profile, 4);
  if (!customer) return forEvery(knobs, () => skipped('the profile lists no customer with 4 events or more'));
  const selected = [...new Set(customer.events.map((e) => e.eventLogId))].slice(0, 4).sort(byId);
  if (selected.length < 4) return forEvery(knobs, () => skipped('the profile lists no customer with 4 distinct events'));
  const ask = (offset: number, limit: number) =>
    ctx.send([...customer.lookup, ['eventIds', selected.join(',')], ['offset', String(offset)], ['limit', String(limit)]]);
  const [all, two, three] = await Promise.all([ask(0, 4), ask(1, 2), ask(1, 3)]);
  const ids = idsOf(all) ?? [];
  if (ids.length !== 4 || new Set(ids).size !== 4)
    return forEvery(knobs, () =>
      unmatched(
        [all],
        `offset 0 with limit 4 over [${selected.join(', ')}] gave ${idsOf(all)?.join(',') ?? told(all)}, not the four`,
      ),
    );
  const pages = `${idsOf(two)?.join(',') ?? told(two)} | ${idsOf(three)?.join(',') ?? told(three)}`;
  const readings: Record<string, string> = {
    'page-number': `${ids[2]},${ids[3]} | ${ids[3]}`,
    'item-offset': `${ids[1]},${ids[2]} | ${ids[1]},${ids[2]},${ids[3]}`,
  };
  const note = `offset 1 with limits 2 and 3 over [${ids.join(', ')}] gave [${pages}]`;
  return forEvery(knobs, (knob) => {
    const alternative = knob.alternatives.find((a) => readings[String(a.value)] === pages);
    return alternative ? matched(alternative, [two, three], note) : unmatched([two, three], `${note}: neither pages nor events`);
  });
};
