import tls from 'node:tls';

export interface Served {
  authorized: boolean;
  authorizationError: string | null;
  serial: string;
  names: string;
}

/** The certificate nginx presents for `domain` (SNI) on the TLS port, checked against `root`. */
export function servedCertificate(port: number, domain: string, root: string): Promise<Served> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect(
      { host: '127.0.0.1', port, servername: domain, ca: root, rejectUnauthorized: false },
      () => {
        const peer = socket.getPeerCertificate();
        resolve({
          authorized: socket.authorized,
          authorizationError: socket.authorizationError ? String(socket.authorizationError) : null,
          serial: peer.serialNumber,
          names: peer.subjectaltname ?? '',
        });
        socket.end();
      },
    );
    socket.on('error', reject);
  });
}
