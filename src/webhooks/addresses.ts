/**
 * Where a webhook may go. The server posts from inside its own network to a URL
 * that a workspace chose; unguarded, an endpoint could make it post to its own
 * loopback, the private network or a cloud metadata service (SSRF). Only public
 * unicast addresses are allowed: an allow-list, so that a range nobody thought
 * of is refused rather than let through.
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/** The addresses a host name resolves to, in the resolver's order, as dns.promises.lookup with `all: true` gives them. */
export type LookupFn = (hostname: string) => Promise<{ address: string; family: number }[]>;

export const systemLookup: LookupFn = (hostname) => dnsLookup(hostname, { all: true, order: 'verbatim' });

export type EndpointUrlCheck = { ok: true; url: URL } | { ok: false; message: string };

export const maxEndpointUrlLength = 2048;

/**
 * Cloud metadata and host services, named in messages for what they are. All but
 * Azure's host agent (168.63.129.16, a public address answering only inside
 * Azure) lie in ranges refused anyway.
 */
const metadataServices = new Set(['169.254.169.254', 'fd00:ec2::254', '100.100.100.200', '168.63.129.16'].map((address) => ipaddr.parse(address).toNormalizedString()));

/** What a refused range is, as "a … address" reads in a message. */
const rangeKinds: Record<string, string> = {
  loopback: 'a loopback',
  unspecified: 'an unspecified',
  private: 'a private',
  uniqueLocal: 'a private (unique-local)',
  carrierGradeNat: 'a carrier-grade NAT',
  linkLocal: 'a link-local',
  multicast: 'a multicast',
  broadcast: 'a broadcast',
  benchmarking: 'a benchmarking',
};

const nat64 = ipaddr.parseCIDR('64:ff9b::/96');
/** The deprecated IPv4-compatible form ::a.b.c.d. */
const ipv4Compatible = ipaddr.parseCIDR('::/96');

/**
 * An IPv6 address that stands for an IPv4 one (mapped, translated, NAT64 or
 * the old compatible form) reaches that IPv4 address, so it is judged as it.
 */
function judgedAs(address: ipaddr.IPv4 | ipaddr.IPv6): ipaddr.IPv4 | ipaddr.IPv6 {
  if (address instanceof ipaddr.IPv4) return address;
  const range = address.range();
  const embeds =
    range === 'ipv4Mapped' || range === 'rfc6145' || address.match(nat64) || (range === 'unicast' && address.match(ipv4Compatible));
  if (!embeds) return address;
  const [high = 0, low = 0] = address.parts.slice(6);
  return new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
}

/** What kind of refused address `ip` is ("a loopback", "a cloud metadata", …), or null when a webhook may go there. */
export function forbiddenAddressKind(ip: string): string | null {
  // Only the canonical forms that a resolver returns and net.connect takes as an address; anything else is refused.
  if (isIP(ip) === 0) return 'a malformed';
  const address = judgedAs(ipaddr.parse(ip));
  if (metadataServices.has(address.toNormalizedString())) return 'a cloud metadata';
  const range = address.range();
  if (range === 'unicast') return null;
  return rangeKinds[range] ?? 'a reserved';
}

/** True when a webhook may not be sent to `ip`: anything but a public unicast address. */
export function isForbiddenAddress(ip: string): boolean {
  return forbiddenAddressKind(ip) !== null;
}

/** The URL's host when it is an IP address (brackets of IPv6 removed), else undefined: a name to resolve. */
export function literalAddress(url: URL): string | undefined {
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  return isIP(host) === 0 ? undefined : host;
}

/**
 * Whether `text` may be a webhook endpoint: an absolute https URL (http too when
 * private URLs are allowed, for local development) without credentials, whose
 * host resolves to public addresses only. Messages name the problem in one
 * sentence, for a validation error on the field `url`.
 */
export async function checkEndpointUrl(text: string, options: { allowPrivate: boolean; lookup?: LookupFn }): Promise<EndpointUrlCheck> {
  const refuse = (message: string): EndpointUrlCheck => ({ ok: false, message });
  if (text.length > maxEndpointUrlLength) return refuse(`url is ${text.length} characters long; at most ${maxEndpointUrlLength} are accepted`);
  const url = URL.canParse(text) ? new URL(text) : undefined;
  if (!url) return refuse('url is not an absolute URL; give one such as https://hooks.example.com/contacts');
  const schemes = options.allowPrivate ? ['https:', 'http:'] : ['https:'];
  if (!schemes.includes(url.protocol)) {
    return refuse(`url uses ${url.protocol}; webhooks are sent only to ${options.allowPrivate ? 'http or https' : 'https'} URLs`);
  }
  if (url.username || url.password) return refuse('url contains a user name or password; webhooks are authenticated by their signature instead');

  const literal = literalAddress(url);
  if (literal !== undefined) {
    const kind = options.allowPrivate ? null : forbiddenAddressKind(literal);
    return kind ? refuse(`url's host is ${kind} address (${literal}); webhooks go only to public hosts`) : { ok: true, url };
  }
  const addresses = await (options.lookup ?? systemLookup)(url.hostname).catch(() => []);
  if (addresses.length === 0) return refuse(`url's host ${url.hostname} does not resolve`);
  const problem = options.allowPrivate ? undefined : resolvedAddressProblem(addresses);
  return problem ? refuse(`url ${problem}; webhooks go only to public hosts`) : { ok: true, url };
}

/** "resolves to a private address (10.0.0.5)" for the first refused address among a host's, or undefined when all are public. */
export function resolvedAddressProblem(addresses: { address: string }[]): string | undefined {
  for (const { address } of addresses) {
    const kind = forbiddenAddressKind(address);
    if (kind) return `resolves to ${kind} address (${address})`;
  }
  return undefined;
}
