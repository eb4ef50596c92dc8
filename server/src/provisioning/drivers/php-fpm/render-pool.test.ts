import { describe, expect, it } from 'vitest';
import { phpFpmLayout, poolSocket } from './layout.js';
import { renderPool } from './render-pool.js';

const layout = phpFpmLayout('/var/lib/keel/php-fpm', '8.2');
const customerId = '0b7c3a52-52c1-4d3c-9a55-4f1f7f0e7a11';
const home = `/var/lib/keel/homes/${customerId}`;
const access = { owner: 'nobody', group: 65534 };

describe('a customer PHP pool file', () => {
  it("runs as the customer's uid and a group of its own, confined to its home, its socket nginx's alone", () => {
    const pool = renderPool(layout, { customerId, uid: 200_001, home }, access);
    expect(pool).toContain(`[${customerId}]\nuser = 200001\ngroup = 200001\n`);
    expect(pool).toContain(`listen = /var/lib/keel/php-fpm/8.2/sockets/${customerId}.sock\n`);
    expect(pool).toContain('listen.owner = nobody\nlisten.group = 65534\nlisten.mode = 0600\n');
    expect(pool).toContain('pm = ondemand\n');
    expect(pool).toContain(`php_admin_value[open_basedir] = ${home}/\n`);
    expect(pool).toContain(`php_admin_value[upload_tmp_dir] = ${home}/tmp\n`);
  });

  it('refuses what could break out of the file or run as root', () => {
    expect(() => renderPool(layout, { customerId, uid: 0, home }, access)).toThrow(/uid 0/);
    expect(() =>
      renderPool(layout, { customerId, uid: 200_001, home: '/homes/x\nuser = 0' }, access),
    ).toThrow(/customer home/);
    expect(() => renderPool(layout, { customerId: 'www]\n[evil', uid: 200_001, home }, access)).toThrow(
      /invalid customer id/,
    );
    expect(() => phpFpmLayout('/var/lib/keel/php-fpm', '8.2/../..')).toThrow(/invalid PHP version/);
  });

  it('refuses a socket path longer than a unix socket allows', () => {
    const deep = phpFpmLayout(`/${'d'.repeat(80)}/php-fpm`, '8.2');
    expect(() => poolSocket(deep, customerId)).toThrow(/longer than a unix socket allows/);
  });
});
