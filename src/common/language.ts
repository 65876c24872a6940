/**
 * The languages of the hub's human-readable texts (error messages, score explanations, code
 * problems): 简体中文 first and by default, English for a client that asks for it with
 * `Accept-Language`. Machine codes and field paths never change with the language.
 */
export type Language = 'zh-CN' | 'en';

export const DEFAULT_LANGUAGE: Language = 'zh-CN';

/** One text in both languages. */
export interface Bilingual {
  zh: string;
  en: string;
}

export function bilingual(zh: string, en: string): Bilingual {
  return { zh, en };
}

export function inLanguage(text: Bilingual, language: Language | undefined): string {
  return language === 'en' ? text.en : text.zh;
}

/**
 * The language an `Accept-Language` header prefers (RFC 9110 §12.5.4): the Chinese or
 * English range with the highest weight, Chinese on a tie or when neither is named.
 * "en-US,en;q=0.9" → en; "zh-CN,en;q=0.8" → zh-CN; "fr" or nothing → zh-CN.
 */
export function preferredLanguage(header: string | null | undefined): Language {
  let best: { language: Language; q: number } = { language: DEFAULT_LANGUAGE, q: 0 };
  for (const range of (header ?? '').split(',')) {
    const [tag, ...params] = range.trim().toLowerCase().split(';');
    const weight = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((q) => q !== undefined);
    const q = weight === undefined ? 1 : Number(weight);
    const primary = tag.split('-')[0];
    const language: Language | null = primary === 'zh' ? 'zh-CN' : primary === 'en' ? 'en' : null;
    if (!language || !(q > 0)) continue;
    if (q > best.q || (q === best.q && language === DEFAULT_LANGUAGE)) best = { language, q };
  }
  return best.language;
}

/** `prefix` then `text`, in each language. */
export function prefixed(prefix: Bilingual, text: Bilingual): Bilingual {
  return { zh: prefix.zh + text.zh, en: prefix.en + text.en };
}
