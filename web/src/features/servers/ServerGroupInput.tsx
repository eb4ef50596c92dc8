import { TextInput } from '@mantine/core';

type Props = {
  label: string;
  description: string;
  placeholder?: string;
  value: string;
  error: string | undefined;
  onChange: (value: string) => void;
};

/** A server group's name, optional: a word such as “eu-west” (lower-case letters, digits, hyphens; at most 50). */
export function ServerGroupInput({ onChange, ...shown }: Props) {
  return <TextInput {...shown} maxLength={50} onChange={(event) => onChange(event.currentTarget.value)} />;
}
