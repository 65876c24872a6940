/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The page's language: 简体中文 unless the viewer chose English, remembered in localStorage.
 * Static texts carry `data-i18n="<key>"` in index.html; dynamic ones read `text()`.
 */
import { en } from './messages-en.mjs';
import { zh, type Messages } from './messages-zh.mjs';

export type Language = 'zh-CN' | 'en';
const LANGUAGE_KEY = 'credit-hub.dashboard.lang';
const TABLES: Record<Language, Messages> = { 'zh-CN': zh, en };

export function language(): Language {
  return localStorage.getItem(LANGUAGE_KEY) === 'en' ? 'en' : 'zh-CN';
}

/** The current language's messages. */
export function text(): Messages {
  return TABLES[language()];
}

/** The keys of the table whose value is a plain string, the ones index.html may name. */
type StaticKey = { [K in keyof Messages]: Messages[K] extends string ? K : never }[keyof Messages];

/** Writes the static texts of the page in the current language. */
export function applyStaticTexts(): void {
  const t = text();
  document.documentElement.lang = language();
  document.title = t.documentTitle;
  for (const node of document.querySelectorAll<HTMLElement>('[data-i18n]')) {
    const value = t[node.dataset.i18n as StaticKey];
    if (typeof value === 'string') node.textContent = value;
  }
}

export function setLanguage(next: Language): void {
  localStorage.setItem(LANGUAGE_KEY, next);
  applyStaticTexts();
}
