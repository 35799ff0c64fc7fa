import type { CommandContext } from '../command-context.js';
import type { ConnectionFlags } from '../connection/connection-flags.js';
import { eachEm } from '../each-em.js';
import { doctorOfTarget } from './run-doctor.js';

/**
 * `vbem doctor --all`: the checklist of every profile, `concurrency` profiles checked at once,
 * each printed under its name in the config file's order as soon as those before it are, then a
 * line that names the profiles that failed. Returns how many profiles failed a check.
 */
export async function doctorOfEveryEm(
  context: CommandContext,
  flags: ConnectionFlags,
  concurrency: number,
): Promise<number> {
  const targets = await context.targets(flags);
  const texts: (string | undefined)[] = targets.map(() => undefined);
  let printed = 0;
  const print = () => {
    for (let text = texts[printed]; text !== undefined; text = texts[printed]) {
      context.io.stdout.write(`${printed === 0 ? '' : '\n'}${text}`);
      printed++;
    }
  };
  const { results, failures } = await eachEm(context, targets, concurrency, async (target) => {
    const index = targets.indexOf(target);
    try {
      const doctor = await doctorOfTarget(context, flags, target);
      texts[index] = doctor.text;
      return doctor.failed;
    } catch (error) {
      // Not a check's failure but the doctor's own (eachEm names it on stderr): the others print.
      texts[index] = `EM ${target.name}\ndoctor failed (see stderr)\n`;
      throw error;
    } finally {
      print();
    }
  });
  const failed = [
    ...results.filter(({ value }) => value > 0).map(({ target }) => target.name),
    ...failures.map(({ name }) => name),
  ];
  const inOrder = targets.map(({ name }) => name).filter((name) => failed.includes(name));
  context.io.stdout.write(
    inOrder.length === 0
      ? `\nevery EM passed: ${targets.length} EM${targets.length === 1 ? '' : 's'}\n`
      : `\n${inOrder.length} of ${targets.length} EMs failed: ${inOrder.join(', ')}\n`,
  );
  return inOrder.length;
}
