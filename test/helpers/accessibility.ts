import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/** WCAG 2.1 A and AA, as axe-core checks them. */
const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** axe-core's serious and critical violations on the page as it is now (or in the part `within` selects): rule, what it says, where. */
export async function accessibilityProblems(page: Page, within?: string): Promise<string[]> {
  const builder = new AxeBuilder({ page }).withTags(wcagTags);
  const { violations } = await (within ? builder.include(within) : builder).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((node) => `${v.id} (${v.impact}): ${v.help} — ${node.target.join(' ')}`));
}

/** Content wider than the window (a page that scrolls sideways on a phone). */
export async function sidewaysScroll(page: Page): Promise<string[]> {
  const { scrollWidth, width } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, width: window.innerWidth }));
  return scrollWidth > width ? [`the page is ${scrollWidth} px wide in a ${width} px window`] : [];
}

/**
 * Tabs through the page from its top: every visible control a mouse could use must be reached by
 * the Tab key (one stop per radio group, as browsers do), and each, once focused, must show it (an
 * outline or a focus ring). Returns what fails.
 */
export async function keyboardProblems(page: Page, maxStops = 200): Promise<string[]> {
  const expected = await page.evaluate(() => {
    const controls = Array.from(document.querySelectorAll<HTMLElement>('a[href], button, input, select, textarea, summary, [tabindex]'));
    const reachable = controls.filter((el) => {
      if (el.getAttribute('tabindex') === '-1' || (el as HTMLButtonElement).disabled || (el as HTMLInputElement).type === 'hidden') return false;
      if (!el.checkVisibility({ visibilityProperty: true })) return false;
      // One stop per radio group: the checked one (or the first, when none is).
      if (el instanceof HTMLInputElement && el.type === 'radio' && el.name) {
        const group = Array.from(document.querySelectorAll<HTMLInputElement>(`input[type=radio][name="${CSS.escape(el.name)}"]`));
        return el === (group.find((r) => r.checked) ?? group[0]);
      }
      return true;
    });
    reachable.forEach((el, i) => el.setAttribute('data-a11y-stop', String(i)));
    return reachable.map((el) => `${el.tagName.toLowerCase()} "${(el.getAttribute('aria-label') ?? el.textContent ?? (el as HTMLInputElement).name ?? '').trim().slice(0, 40)}"`);
  });
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    window.getSelection()?.removeAllRanges();
  });
  const reached = new Set<number>();
  const unseen: string[] = [];
  for (let i = 0; i < maxStops && reached.size < expected.length; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const style = getComputedStyle(el);
      // A date field's last stop is its calendar button, inside the browser's own shadow tree: the
      // browser draws that button's focus ring itself, and the field's own style says nothing of it.
      const ownPicker = el instanceof HTMLInputElement && ['date', 'time', 'datetime-local', 'month', 'week'].includes(el.type) && !el.matches(':focus-visible');
      const shown = ownPicker || (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
      return { stop: el.getAttribute('data-a11y-stop'), shown, what: `${el.tagName.toLowerCase()} "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40)}"` };
    });
    if (!focused) continue;
    if (focused.stop !== null) reached.add(Number(focused.stop));
    if (!focused.shown) unseen.push(`no visible focus on ${focused.what}`);
  }
  const missed = expected.filter((_, i) => !reached.has(i)).map((what) => `not reachable by Tab: ${what}`);
  return [...new Set(unseen), ...missed];
}
