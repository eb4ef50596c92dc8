import { invisibleCharactersReason } from '../contract/visible-text.js';
import type { Checked } from '../hosting/names.js';

export const MAX_COMMAND_LENGTH = 1000;

/**
 * A command as /bin/sh -c gets it: one line (a crontab line cannot hold more, and a newline
 * would hide a second command in a list that shows one), nothing invisible, no NUL, which
 * cannot pass to a program at all.
 */
export function checkCommand(input: string): Checked<string> {
  const value = input.trim().normalize('NFC');
  const reasons: string[] = [];
  if (value === '') reasons.push('The command is empty.');
  if (value.length > MAX_COMMAND_LENGTH) {
    reasons.push(`The command must be at most ${MAX_COMMAND_LENGTH} characters.`);
  }
  const invisible = invisibleCharactersReason(value);
  if (invisible) reasons.push(`The command ${invisible}; write it on one line.`);
  return reasons.length > 0 ? { ok: false, reasons } : { ok: true, value };
}
