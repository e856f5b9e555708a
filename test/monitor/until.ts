/** Polls until `condition` holds (fails after 15 s): the monitor's rounds run on their own timer. */
export async function until(condition: () => Promise<boolean>) {
  const deadline = Date.now() + 15_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not reached within 15 s');
    await new Promise((r) => setTimeout(r, 50));
  }
}
