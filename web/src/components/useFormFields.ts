import { type ChangeEvent, useState } from 'react';
import { ApiProblem } from '../api/problem.js';

type FieldOf<F, V> = { [K in keyof F]: F[K] extends V ? K : never }[keyof F] & string;

/**
 * A form's fields. `text` and `choice` bind a text input or a dropdown to one field and to the
 * API's message about it, when the last submit was refused.
 */
export function useFormFields<F extends Record<string, unknown>>(initial: F, failure: unknown) {
  const [fields, setFields] = useState(initial);
  const invalid = failure instanceof ApiProblem ? failure.fieldMessages() : {};
  const text = (name: FieldOf<F, string>) => ({
    value: fields[name],
    error: invalid[name],
    onChange: (event: ChangeEvent<HTMLInputElement>) => {
      // Read now: React clears currentTarget once the handler returns, before the update runs.
      const { value } = event.currentTarget;
      setFields((current) => ({ ...current, [name]: value }));
    },
  });
  const choice = (name: FieldOf<F, string | null>) => ({
    value: fields[name],
    error: invalid[name],
    onChange: (value: string | null) => setFields((current) => ({ ...current, [name]: value })),
  });
  return { fields, text, choice };
}
