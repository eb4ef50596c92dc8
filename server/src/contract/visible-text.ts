import type { FuncKeywordDefinition, SchemaValidateFunction } from 'ajv';
import { Type } from 'typebox';

/** Whether a text may run over several lines (a reason) or is one line (a name). */
export type TextLines = 'single-line' | 'multi-line';

// Characters that draw nothing, or change how what surrounds them is drawn: controls (Cc), format
// characters (Cf: bidi overrides and isolates, zero-width spaces and joiners, the soft hyphen, the
// BOM), line and paragraph separators (Zl, Zp) and lone surrogates (Cs), which are no text at all.
// With them an operator's list can show "moc.elpmaxe" for "example.com" (Trojan Source).
const invisible = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/gu;
// A reason may be laid out in lines and columns; these draw as what they are.
const layoutCharacters = new Set(['\n', '\t']);

const codePoint = (char: string) =>
  `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * Why `text` (already NFC-normalized) is not visible text, as the end of a sentence naming the
 * characters, or null when it is.
 */
export function invisibleCharactersReason(text: string, lines: TextLines = 'single-line'): string | null {
  const found = new Set(
    [...text.matchAll(invisible)]
      .map(([char]) => char)
      .filter((char) => lines === 'single-line' || !layoutCharacters.has(char)),
  );
  if (found.size === 0) return null;
  return `contains invisible, control or direction-changing characters (${[...found].map(codePoint).join(', ')})`;
}

const keyword = 'x-visible-text';

/**
 * The schema keyword behind VisibleText: NFC-normalizes the string in the request (so what is
 * stored, compared and shown is one form of it), then refuses it if it holds what cannot be seen.
 */
const checkVisibleText: SchemaValidateFunction = (lines: TextLines, data: string, _schema, where) => {
  const text = data.normalize('NFC');
  if (where) where.parentData[where.parentDataProperty] = text;
  const reason = invisibleCharactersReason(text, lines);
  checkVisibleText.errors = reason ? [{ keyword, message: reason, params: {} }] : [];
  return reason === null;
};

export const visibleTextKeyword: FuncKeywordDefinition = {
  keyword,
  type: 'string',
  schemaType: 'string',
  modifying: true,
  errors: true,
  validate: checkVisibleText,
};

/**
 * Text people give things and that operators read back: names, companies, labels, reasons. One
 * rule for all of them, enforced by the validator where the schema says `x-visible-text`.
 */
export const VisibleText = (maxLength: number, options: { minLength?: number; lines?: TextLines } = {}) =>
  Type.String({ minLength: options.minLength ?? 1, maxLength, [keyword]: options.lines ?? 'single-line' });
