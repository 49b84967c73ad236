/**
 * Sizes shared by the layout (which reserves the room) and the renderer (which draws into it).
 */

/** Font sizes, paddings and minimum sizes of the chart, in pixels. */
export const METRICS = {
  /** Font size of state names. */
  stateFont: 13,
  /** Font size of transition labels and countdowns. */
  labelFont: 11,
  /** Height of an atomic state box. */
  stateHeight: 36,
  /** Extra height of a timed state, for its countdown line. */
  countdownHeight: 14,
  /** Extra height of a state with a note line under its name (a billed mark). */
  noteHeight: 14,
  /** On a board layout, the widest name and note that share one line; longer ones take two. */
  inlineNoteMaxWidth: 180,
  /** Smallest width of an atomic state box. */
  minStateWidth: 88,
  /** Horizontal padding around a state's name. */
  statePaddingX: 16,
  /** Height of a compound state's header (its name). */
  headerHeight: 28,
  /** Padding inside compound states on the other three sides. */
  compoundPadding: 14,
  /** Side of the square reserved for an initial-state dot. */
  initialMarker: 10,
  /** Padding around a transition label's text. */
  labelPaddingX: 4,
  /** Height of one line of a transition label. */
  labelLineHeight: 13,
} as const;

/** The font family used for all chart text; measurement and drawing must agree. */
export const FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

/** Measures the width of `text` at a font size in pixels. */
export type MeasureText = (text: string, fontSize: number) => number;

/**
 * Estimates text width without a DOM, from average glyph widths of sans-serif fonts; used in
 * Node and in workers, where no canvas measures the real font.
 */
export const estimateTextWidth: MeasureText = (text, fontSize) => {
  let ems = 0;
  for (const char of text) {
    // The em space indents wrapped guard lines: a full em by definition.
    if (char === '\u2003') ems += 1;
    else if ('il.,:;|!\'[]() '.includes(char)) ems += 0.3;
    else if ('mwMW'.includes(char)) ems += 0.85;
    else if (char >= 'A' && char <= 'Z') ems += 0.68;
    else ems += 0.56;
  }
  return Math.ceil(ems * fontSize);
};
