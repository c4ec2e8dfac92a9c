/** Memory addresses: host:port, case-insensitive hosts, IPv6 in brackets, clear errors. */
import { SynchronousTestCase } from 'trial-ts';
import { familyOf, parseAddress } from '../../../src/internet/memoryNetwork/memoryAddress';
import { NetworkUsageError } from '../../../src/internet/memoryNetwork/networkErrors';

export class MemoryAddressTests extends SynchronousTestCase {
  /** Names are lower-cased; the key is host:port. */
  test_parseName(): void {
    this.assertEqual(parseAddress('API.Test:80'), { host: 'api.test', port: 80, key: 'api.test:80' });
  }

  /** IPv6 addresses are written in brackets and keyed in brackets. */
  test_parseIPv6(): void {
    this.assertEqual(parseAddress('[::1]:443'), { host: '::1', port: 443, key: '[::1]:443' });
    this.assertEqual([familyOf('::1'), familyOf('10.0.0.1'), familyOf('api.test')], ['IPv6', 'IPv4', 'IPv4']);
  }

  /** A missing or out-of-range port, or a bare IPv6 address, is a usage error. */
  test_badAddresses(): void {
    for (const bad of ['api.test', 'api.test:', 'api.test:0', 'api.test:70000', ':80', '::1:80']) {
      this.assertRaises(NetworkUsageError, () => parseAddress(bad));
    }
  }
}
