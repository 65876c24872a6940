/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * What the panels share: the board's state (replaced by every refresh and sign-out, so a
 * late answer can tell it is stale), the panel states and how a refusal is worded.
 */
import { ApiError, type Session } from './api.mjs';
import { $, h } from './dom.mjs';
import { text } from './i18n.mjs';
import type { SubjectKind } from './operations.mjs';

export interface State {
  session: Session;
  periods: string[];
  period: string;
  regionPrefix: string;
  kind: SubjectKind;
}

let current: State | null = null;
let sessionEndedHandler: (message: string) => void = () => undefined;

export function currentState(): State | null {
  return current;
}

export function setState(next: State | null): void {
  current = next;
}

/** What to do when the hub refuses the token: set by main.mts (back to the login). */
export function onSessionEnded(handler: (message: string) => void): void {
  sessionEndedHandler = handler;
}

export const KINDS: SubjectKind[] = ['GOVERNMENT', 'DEPARTMENT'];

export function score(value: number): string {
  return value.toFixed(1);
}

export function dateTime(iso: string): string {
  return new Date(iso).toLocaleString(text().locale, { hour12: false, timeZone: 'Asia/Shanghai' });
}

export type PanelState = 'loading' | 'ready' | 'error' | 'empty';

/** Sets a panel's state; any state but ready shows `message` (with the error code, if any). */
export function setPanel(id: string, status: PanelState, message = '', code = ''): HTMLElement {
  const panel = $(id);
  panel.dataset.state = status;
  const body = panel.querySelector<HTMLElement>('.panel-body')!;
  if (status !== 'ready') body.replaceChildren(statusLine(status, message, code));
  return body;
}

/** One status line; `data-code` carries the hub's error code for readers that are programs. */
export function statusLine(status: string, message: string, code = ''): HTMLElement {
  return h('p', { class: `status ${status}`, ...(code ? { 'data-code': code } : {}) }, message);
}

export function isSessionEnd(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'UNAUTHENTICATED';
}

/** A refused or failed panel says why; an ended session goes back to the login. */
export function panelError(id: string, error: unknown): void {
  if (isSessionEnd(error)) {
    sessionEndedHandler(text().sessionEnded);
    return;
  }
  setPanel(id, 'error', refusal(error), errorCode(error));
}

export function errorCode(error: unknown): string {
  return error instanceof ApiError ? error.code : 'ERROR';
}

/** Why a request was refused, in words for the panel. */
export function refusal(error: unknown): string {
  const t = text();
  if (error instanceof ApiError && error.code === 'FORBIDDEN') return t.forbidden(error.message);
  const reason = (error as Error).message;
  return t.loadFailed(error instanceof ApiError ? `${reason} (${error.code})` : reason);
}

/** The first refusal that ends the session, if any: it takes precedence over partial results. */
export function sessionEnded(results: PromiseSettledResult<unknown>[]): unknown {
  return results.find((r): r is PromiseRejectedResult => r.status === 'rejected' && isSessionEnd(r.reason))?.reason;
}
