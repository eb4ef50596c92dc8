import { Button, Divider, Group, Stack, Switch, Textarea } from '@mantine/core';
import { useState } from 'react';
import { api } from '../../api/client.js';
import { ApiProblem, unwrap } from '../../api/problem.js';
import type { Website } from '../../api/types.js';
import { AppModal } from '../../components/AppModal.js';
import { Fact } from '../../components/Fact.js';
import { formatDateTime } from '../../components/format.js';
import { MutationError } from '../../components/MutationError.js';
import { useApiMutation } from '../../components/useApiMutation.js';
import { CertificateState } from './CertificateState.js';

type Props = { site: Website; customerId: string; onClose: () => void };
const path = (customerId: string, site: Website) => ({ path: { id: customerId, websiteId: site.id } });

/**
 * A site's HTTPS: order a certificate from the CA (or drop it), renew it now, redirect HTTP to
 * HTTPS, or upload one's own. Each button is one API call; the site's row follows.
 */
export function WebsiteHttpsDialog({ site, customerId, onClose }: Props) {
  const [current, setCurrent] = useState(site);
  const [certificate, setCertificate] = useState('');
  const [privateKey, setPrivateKey] = useState('');
  const patch = useApiMutation({
    run: (tls: { enabled?: boolean; redirectHttp?: boolean }) =>
      unwrap(
        api.PATCH('/api/v1/customers/{id}/websites/{websiteId}', {
          params: path(customerId, site),
          body: { tls },
        }),
      ),
    success: (changed) => `HTTPS of ${changed.domain} changed`,
    onDone: setCurrent,
  });
  const renew = useApiMutation({
    run: () =>
      unwrap(
        api.POST('/api/v1/customers/{id}/websites/{websiteId}/certificate/renew', {
          params: path(customerId, site),
        }),
      ),
    success: (changed) => `A new certificate for ${changed.domain} is ordered`,
    onDone: setCurrent,
  });
  const upload = useApiMutation({
    run: () =>
      unwrap(
        api.POST('/api/v1/customers/{id}/websites/{websiteId}/certificate', {
          params: path(customerId, site),
          body: { certificate, privateKey },
        }),
      ),
    success: (changed) => `Certificate of ${changed.domain} uploaded`,
    onDone: (changed) => {
      setCurrent(changed);
      setPrivateKey('');
    },
  });
  const fields = upload.error instanceof ApiProblem ? upload.error.fieldMessages() : {};
  const { tls } = current;
  return (
    <AppModal opened onClose={onClose} title={`HTTPS of ${site.domain}`} size="lg">
      <Stack>
        <MutationError failure={patch.error ?? renew.error} />
        <Group grow align="flex-start">
          <Fact label="Certificate">
            <CertificateState site={current} />
          </Fact>
          <Fact label="Issuer">{tls.issuer ?? '—'}</Fact>
          <Fact label="Expires">{formatDateTime(tls.expiresAt)}</Fact>
        </Group>
        <Group>
          {tls.source === 'acme' ? (
            <Button size="xs" loading={renew.isPending} onClick={() => renew.mutate(undefined)}>
              Renew now
            </Button>
          ) : (
            <Button size="xs" loading={patch.isPending} onClick={() => patch.mutate({ enabled: true })}>
              Request certificate
            </Button>
          )}
          {tls.source !== null && (
            <Button size="xs" variant="default" onClick={() => patch.mutate({ enabled: false })}>
              Remove certificate
            </Button>
          )}
        </Group>
        <Switch
          label="Redirect HTTP to HTTPS"
          description="While the site has a certificate; the CA's checks are still answered over HTTP."
          checked={tls.redirectHttp}
          onChange={(event) => patch.mutate({ redirectHttp: event.currentTarget.checked })}
        />
        <Divider label="Or upload your own certificate" labelPosition="left" />
        <form
          onSubmit={(event) => {
            event.preventDefault();
            upload.mutate(undefined);
          }}
        >
          <Stack>
            <MutationError failure={Object.keys(fields).length > 0 ? null : upload.error} />
            <Textarea
              label="Certificate (PEM)"
              description="The certificate, then its intermediates."
              required
              autosize
              minRows={3}
              maxRows={8}
              value={certificate}
              error={fields.certificate}
              onChange={(event) => setCertificate(event.currentTarget.value)}
            />
            <Textarea
              label="Private key (PEM, unencrypted)"
              required
              autosize
              minRows={3}
              maxRows={8}
              value={privateKey}
              error={fields.privateKey}
              onChange={(event) => setPrivateKey(event.currentTarget.value)}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                Close
              </Button>
              <Button type="submit" loading={upload.isPending}>
                Upload certificate
              </Button>
            </Group>
          </Stack>
        </form>
      </Stack>
    </AppModal>
  );
}
