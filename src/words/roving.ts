/**
 * The roving tab stop of the word chips, with no DOM: one Tab stop per statement, on the chip the
 * respondent last focused (the first chip until then), and where each navigation key leads.
 */
import type { StatementView } from './decisions.js';

/** Per statement, the position of the chip holding the tab stop (unset: the first chip). */
export type TabStops = readonly (number | undefined)[];

/** The position of the chip holding `view`'s tab stop. */
export function tabStopOf(view: StatementView, stops: TabStops): number | undefined {
  const stop = stops[view.index];
  return stop !== undefined && view.tokens[stop]?.chip ? stop : view.chips[0];
}

/**
 * The chip a navigation key moves to from `position`, or undefined for other keys. Left and
 * Right are mirrored in right-to-left text and stop at either end of the statement (the APG
 * toolbar pattern without wrapping: Right on the last word stays there, and Tab goes on to the
 * next statement); Home and End jump to the ends.
 */
export function chipFor(
  view: StatementView,
  position: number,
  key: string,
  rtl: boolean,
): number | undefined {
  const { chips } = view;
  if (key === 'Home') return chips[0];
  if (key === 'End') return chips[chips.length - 1];
  if (key !== 'ArrowLeft' && key !== 'ArrowRight') return undefined;
  const step = (key === 'ArrowRight') !== rtl ? 1 : -1;
  return chips[chips.indexOf(position) + step] ?? position;
}
