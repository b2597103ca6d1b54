/**
 * `x-ledger-parsing.booleans`: a flag that reveals something on one of the customer's events,
 * sent as `true`, `yes`, `false` and `off`. `yes`/`off` answered like `true`/`false` is Spring's
 * reading; both refused is the literal one; anything else pins nothing.
 */
import {
  alternativeOf,
  customerWithTypes,
  forEvery,
  limitFor,
  matched,
  sameAnswer,
  skipped,
  told,
  unmatched,
  type Probe,
} from '../probe.js';

export const booleans: Probe = async (ctx, knobs) => {
  const flags = Object.entries(ctx.spec.knobs.flags).filter(
    ([, k]) => k.reveals.length > 0 && (k.reveals[0]!.requires ?? []).length === 0,
  );
  const pick = flags
    .map(([flag, k]) => ({
      flag,
      customer: customerWithTypes(ctx.profile, new Set(k.reveals[0]!.eventNames)),
      types: new Set(k.reveals[0]!.eventNames),
    }))
    .find((f) => f.customer);
  if (!pick) return forEvery(knobs, () => skipped('the profile lists no event that a flag reveals something on'));
  const event = pick.customer!.events.find((e) => pick.types.has(e.eventName))!;
  const base = [...pick.customer!.lookup, ['eventIds', event.eventLogId] as const, limitFor(ctx.spec, 1)];
  const [yes, spelledYes, no, spelledNo, upperTrue] = await Promise.all(
    ['true', 'yes', 'false', 'off', 'TRUE'].map((value) => ctx.send([...base, [pick.flag, value]])),
  );
  // The flag must show an effect (true and false differ) before equal spellings say anything.
  const effect = yes!.status === 200 && !sameAnswer(yes!, no!);
  const spring = effect && sameAnswer(yes!, spelledYes!) && sameAnswer(no!, spelledNo!);
  const literal = spelledYes!.status >= 400 && spelledNo!.status >= 400 && yes!.status === 200;
  // Boolean.parseBoolean: TRUE is true, yes and off are false, nothing is refused.
  const lenient = effect && sameAnswer(yes!, upperTrue!) && sameAnswer(no!, spelledYes!) && sameAnswer(no!, spelledNo!);
  const note = `${pick.flag}=yes: ${told(spelledYes!)} (true: ${told(yes!)}); ${pick.flag}=off: ${told(spelledNo!)} (false: ${told(no!)}); ${pick.flag}=TRUE: ${told(upperTrue!)}`;
  return forEvery(knobs, (knob) => {
    const alternative = spring
      ? alternativeOf(knob, 'spring')
      : literal
        ? alternativeOf(knob, 'literal')
        : lenient
          ? alternativeOf(knob, 'lenient')
          : undefined;
    return alternative ? matched(alternative, [spelledYes!, spelledNo!], note) : unmatched([spelledYes!, spelledNo!], note);
  });
};
