import { describe, expect, it } from 'vitest';
import { checkEndpointUrl, forbiddenAddressKind, isForbiddenAddress, type LookupFn } from '../../src/webhooks/addresses.js';

/** A resolver that knows only these names: no test depends on real DNS. */
function fakeLookup(names: Record<string, string[]>): LookupFn {
  return async (hostname) => {
    const addresses = names[hostname];
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
}

const forbidden: [string, string][] = [
  ['127.0.0.1', 'a loopback'],
  ['127.255.255.254', 'a loopback'],
  ['::1', 'a loopback'],
  ['0.0.0.0', 'an unspecified'],
  ['0.1.2.3', 'an unspecified'],
  ['::', 'an unspecified'],
  ['10.0.0.5', 'a private'],
  ['10.255.255.255', 'a private'],
  ['172.16.0.1', 'a private'],
  ['172.31.255.255', 'a private'],
  ['192.168.1.1', 'a private'],
  ['100.64.0.1', 'a carrier-grade NAT'],
  ['100.127.255.255', 'a carrier-grade NAT'],
  ['169.254.1.1', 'a link-local'],
  ['fe80::1', 'a link-local'],
  ['fe80::1%eth0', 'a link-local'],
  ['febf::1', 'a link-local'],
  ['fc00::1', 'a private (unique-local)'],
  ['fd12:3456::1', 'a private (unique-local)'],
  ['169.254.169.254', 'a cloud metadata'],
  ['fd00:ec2::254', 'a cloud metadata'],
  ['100.100.100.200', 'a cloud metadata'],
  ['168.63.129.16', 'a cloud metadata'],
  ['224.0.0.1', 'a multicast'],
  ['239.255.255.250', 'a multicast'],
  ['ff02::1', 'a multicast'],
  ['255.255.255.255', 'a broadcast'],
  ['240.0.0.1', 'a reserved'],
  ['198.18.0.1', 'a reserved'], // benchmarking, grouped with the reserved ranges for IPv4
  ['198.19.255.255', 'a reserved'],
  ['2001:2::1', 'a benchmarking'],
  ['192.0.2.1', 'a reserved'], // documentation (TEST-NET-1): never routed, so refused too
  ['2001:db8::1', 'a reserved'],
  // IPv6 forms of IPv4 addresses, judged by the IPv4 address they reach
  ['::ffff:127.0.0.1', 'a loopback'],
  ['::ffff:7f00:1', 'a loopback'],
  ['::ffff:10.0.0.5', 'a private'],
  ['::ffff:169.254.169.254', 'a cloud metadata'],
  ['::7f00:1', 'a loopback'],
  ['::ffff:0:7f00:1', 'a loopback'],
  ['64:ff9b::7f00:1', 'a loopback'],
  ['64:ff9b::a00:5', 'a private'],
  ['64:ff9b:1::1', 'a reserved'], // local-use NAT64
  ['2002:7f00:1::1', 'a reserved'], // 6to4, a transition mechanism no webhook receiver needs
];

describe('isForbiddenAddress', () => {
  it.each(forbidden)('refuses %s as %s address', (ip, kind) => {
    expect(isForbiddenAddress(ip)).toBe(true);
    expect(forbiddenAddressKind(ip)).toBe(kind);
  });

  it.each(['93.184.215.14', '8.8.8.8', '172.15.255.255', '172.32.0.1', '100.63.255.255', '100.128.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8', '64:ff9b::808:808'])(
    'allows the public address %s',
    (ip) => {
      expect(isForbiddenAddress(ip)).toBe(false);
    },
  );

  it.each(['', 'localhost', '127.1', '0x7f.0.0.1', '2130706433', '1.2.3.4.5', '[::1]'])('refuses %j, which is no canonical IP address', (text) => {
    expect(isForbiddenAddress(text)).toBe(true);
  });
});

describe('checkEndpointUrl', () => {
  const lookup = fakeLookup({
    'hooks.example.com': ['93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c'],
    'private.example.com': ['10.0.0.5'],
    'loopback.example.com': ['127.0.0.1'],
    'metadata.example.com': ['169.254.169.254'],
    'v6-loopback.example.com': ['::1'],
    'mixed.example.com': ['93.184.215.14', '192.168.0.10'],
    localhost: ['127.0.0.1', '::1'],
  });
  const publicOnly = { allowPrivate: false, lookup };
  const privateToo = { allowPrivate: true, lookup };

  it('accepts an https URL whose host resolves to public addresses only', async () => {
    const result = await checkEndpointUrl('https://hooks.example.com/contacts?source=api', publicOnly);
    expect(result).toEqual({ ok: true, url: new URL('https://hooks.example.com/contacts?source=api') });
  });

  it.each([
    ['https://private.example.com/hook', 'url resolves to a private address (10.0.0.5); webhooks go only to public hosts'],
    ['https://loopback.example.com/hook', 'url resolves to a loopback address (127.0.0.1); webhooks go only to public hosts'],
    ['https://metadata.example.com/latest/meta-data', 'url resolves to a cloud metadata address (169.254.169.254); webhooks go only to public hosts'],
    ['https://v6-loopback.example.com/hook', 'url resolves to a loopback address (::1); webhooks go only to public hosts'],
    ['https://mixed.example.com/hook', 'url resolves to a private address (192.168.0.10); webhooks go only to public hosts'],
    ['https://localhost:8443/hook', 'url resolves to a loopback address (127.0.0.1); webhooks go only to public hosts'],
  ])('refuses %s, whose host resolves to a refused address', async (url, message) => {
    expect(await checkEndpointUrl(url, publicOnly)).toEqual({ ok: false, message });
  });

  it.each([
    ['https://127.0.0.1/hook', "url's host is a loopback address (127.0.0.1); webhooks go only to public hosts"],
    ['https://[::1]:8443/hook', "url's host is a loopback address (::1); webhooks go only to public hosts"],
    ['https://[::ffff:127.0.0.1]/hook', "url's host is a loopback address (::ffff:7f00:1); webhooks go only to public hosts"],
    ['https://10.1.2.3/hook', "url's host is a private address (10.1.2.3); webhooks go only to public hosts"],
    ['https://172.20.0.1/hook', "url's host is a private address (172.20.0.1); webhooks go only to public hosts"],
    ['https://192.168.0.1/hook', "url's host is a private address (192.168.0.1); webhooks go only to public hosts"],
    ['https://169.254.169.254/latest/meta-data', "url's host is a cloud metadata address (169.254.169.254); webhooks go only to public hosts"],
    ['https://[fe80::1]/hook', "url's host is a link-local address (fe80::1); webhooks go only to public hosts"],
    ['https://[fc00::1]/hook', "url's host is a private (unique-local) address (fc00::1); webhooks go only to public hosts"],
    // Other spellings of 127.0.0.1, which the URL parser turns into it
    ['https://2130706433/hook', "url's host is a loopback address (127.0.0.1); webhooks go only to public hosts"],
    ['https://0x7f.1/hook', "url's host is a loopback address (127.0.0.1); webhooks go only to public hosts"],
  ])('refuses %s, whose host is a refused address, without resolving it', async (url, message) => {
    const unused: LookupFn = () => Promise.reject(new Error('an IP address is not looked up'));
    expect(await checkEndpointUrl(url, { allowPrivate: false, lookup: unused })).toEqual({ ok: false, message });
  });

  it('accepts a public IP address as the host', async () => {
    expect(await checkEndpointUrl('https://93.184.215.14/hook', publicOnly)).toMatchObject({ ok: true });
    expect(await checkEndpointUrl('https://[2606:4700:4700::1111]/hook', publicOnly)).toMatchObject({ ok: true });
  });

  it('accepts private and loopback hosts, and http, when private URLs are allowed', async () => {
    for (const url of ['http://localhost:4000/hook', 'https://private.example.com/hook', 'http://127.0.0.1:8080/', 'http://[::1]/', 'https://metadata.example.com/']) {
      expect(await checkEndpointUrl(url, privateToo), url).toMatchObject({ ok: true });
    }
  });

  it('refuses a host that does not resolve, private URLs allowed or not', async () => {
    const message = "url's host example.invalid does not resolve";
    expect(await checkEndpointUrl('https://example.invalid/hook', publicOnly)).toEqual({ ok: false, message });
    expect(await checkEndpointUrl('https://example.invalid/hook', privateToo)).toEqual({ ok: false, message });
    const nothing: LookupFn = async () => [];
    expect(await checkEndpointUrl('https://example.invalid/hook', { allowPrivate: false, lookup: nothing })).toEqual({ ok: false, message });
  });

  it('refuses http unless private URLs are allowed', async () => {
    expect(await checkEndpointUrl('http://hooks.example.com/contacts', publicOnly)).toEqual({
      ok: false,
      message: 'url uses http:; webhooks are sent only to https URLs',
    });
  });

  it.each([
    ['ftp://hooks.example.com/contacts', 'url uses ftp:; webhooks are sent only to https URLs'],
    ['file:///etc/passwd', 'url uses file:; webhooks are sent only to https URLs'],
    ['/contacts/hook', 'url is not an absolute URL; give one such as https://hooks.example.com/contacts'],
    ['hooks.example.com/contacts', 'url is not an absolute URL; give one such as https://hooks.example.com/contacts'],
    ['', 'url is not an absolute URL; give one such as https://hooks.example.com/contacts'],
    ['https://user:secret@hooks.example.com/contacts', 'url contains a user name or password; webhooks are authenticated by their signature instead'],
    ['https://user@hooks.example.com/contacts', 'url contains a user name or password; webhooks are authenticated by their signature instead'],
    [`https://hooks.example.com/${'a'.repeat(2049 - 'https://hooks.example.com/'.length)}`, 'url is 2049 characters long; at most 2048 are accepted'],
  ])('refuses %j with a sentence naming the problem', async (url, message) => {
    expect(await checkEndpointUrl(url, publicOnly)).toEqual({ ok: false, message });
  });

  it('refuses a scheme other than http and https when private URLs are allowed too', async () => {
    expect(await checkEndpointUrl('ftp://localhost/', privateToo)).toEqual({ ok: false, message: 'url uses ftp:; webhooks are sent only to http or https URLs' });
  });

  it('accepts a URL of exactly 2048 characters', async () => {
    const url = `https://hooks.example.com/${'a'.repeat(2048 - 'https://hooks.example.com/'.length)}`;
    expect(url).toHaveLength(2048);
    expect(await checkEndpointUrl(url, publicOnly)).toMatchObject({ ok: true });
  });
});
