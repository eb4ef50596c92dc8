import { TextInput, type TextInputProps } from '@mantine/core';

/** The email address a customer or reseller logs in with. */
export function LoginEmailInput(props: TextInputProps) {
  return <TextInput label="Email" description="Used as the login address" type="email" required {...props} />;
}
