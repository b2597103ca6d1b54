/**
 * `x-ledger-pagination.offsetMeaning`: four events of one customer, asked for with limit 2 and
 * offset 1. Counted in pages, offset 1 is the third and fourth events; counted in events, the
 * second and third. Any other page matches neither (a window cut one event late, an offset
 * ignored), and pins nothing.
 */
import { customerWith, forEvery, idsOf, matched, skipped, told, unmatched, type Probe } from '../probe.js';

const byId = (a: string, b: string): number => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0);

export const offsetMeaning: Probe = async (ctx, knobs) => {
  const customer = customerWith(ctx.profile, 4);
  if (!customer) return forEvery(knobs, () => skipped('the profile lists no customer with 4 events or more'));
  const ids = [...new Set(customer.events.map((e) => e.eventLogId))].slice(0, 4).sort(byId);
  if (ids.length < 4) return forEvery(knobs, () => skipped('the profile lists no customer with 4 distinct events'));
  const answer = await ctx.send([...customer.lookup, ['eventIds', ids.join(',')], ['offset', '1'], ['limit', '2']]);
  const page = idsOf(answer)?.join(',');
  const readings: Record<string, string> = { 'page-number': `${ids[2]},${ids[3]}`, 'item-offset': `${ids[1]},${ids[2]}` };
  return forEvery(knobs, (knob) => {
    const alternative = knob.alternatives.find((a) => readings[String(a.value)] === page);
    return alternative
      ? matched(alternative, [answer], `offset 1, limit 2 over [${ids.join(', ')}] gave [${page}]`)
      : unmatched([answer], `offset 1, limit 2 over [${ids.join(', ')}] gave ${page !== undefined ? `[${page}]` : told(answer)}: neither pages nor events`);
  });
};
