import { TextInput } from '@mantine/core';

type Props = {
  value: string;
  onChange: (value: string) => void;
  error?: string;
  autoFocus?: boolean;
};

/** The six digits an authenticator app shows; browsers and password managers may fill them in. */
export function CodeInput({ value, onChange, error, autoFocus }: Props) {
  return (
    <TextInput
      label="Authentication code"
      description="The six-digit code your authenticator app shows now."
      inputMode="numeric"
      autoComplete="one-time-code"
      pattern="[0-9 ]{6,9}"
      maxLength={9}
      required
      autoFocus={autoFocus}
      value={value}
      error={error}
      onChange={(event) => onChange(event.currentTarget.value)}
    />
  );
}
