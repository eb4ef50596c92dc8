import { Text } from '@mantine/core';
import type { Website } from '../../api/types.js';
import { formatDate } from '../../components/format.js';

/** The site's HTTPS in a few words: none, ordered, issued until when, or what the CA said. */
export function CertificateState({ site }: { site: Website }) {
  const { tls } = site;
  if (tls.state === 'none') return <Text size="sm">HTTP only</Text>;
  if (tls.state === 'pending') return <Text size="sm">Certificate ordered…</Text>;
  const until = tls.expiresAt ? `until ${formatDate(tls.expiresAt)}` : '';
  if (tls.state === 'issued') return <Text size="sm">{`HTTPS ${until}`.trim()}</Text>;
  return (
    <Text size="sm" c="red.9" style={{ overflowWrap: 'anywhere' }}>
      {`Certificate failed: ${tls.error ?? 'unknown error'}`}
    </Text>
  );
}
