import { describe, expect, it } from 'vitest';
import { pickLanguage, tables } from '../../web/widget/strings.js';

describe('widget strings', () => {
  it('every language translates every string of the English table', () => {
    const keys = Object.keys(tables.en).sort();
    expect(Object.keys(tables).length).toBeGreaterThanOrEqual(2);
    for (const [language, table] of Object.entries(tables)) {
      expect(Object.keys(table).sort(), language).toEqual(keys);
      if (language !== 'en') expect(table.payment).not.toBe(tables.en.payment);
    }
  });

  it('picks data-lang, then the page language, then the browser, else English; keeps the tag as locale', () => {
    expect(pickLanguage(['fr-CA', 'de', 'en-US'])).toEqual({ language: 'fr', locale: 'fr-CA' });
    expect(pickLanguage([null, 'de_DE', 'en'])).toEqual({ language: 'de', locale: 'de-DE' });
    expect(pickLanguage(['xx', '', 'pt-BR'])).toEqual({ language: 'en', locale: 'en' });
    expect(pickLanguage(['constructor'])).toEqual({ language: 'en', locale: 'en' });
  });
});
