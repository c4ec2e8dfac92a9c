import { SynchronousTestCase } from 'trial-ts';
import { IPv4Address, IPv6Address } from '@trial-ts/runtime';
import { tcpAddress } from '@trial-ts/runtime/internal';

export class AddressTests extends SynchronousTestCase {
  /** An IPv4 address prints host:port. */
  test_ipv4(): void {
    const address = new IPv4Address('TCP', '127.0.0.1', 8080);
    this.assertEqual([address.type, address.host, address.port], ['TCP', '127.0.0.1', 8080]);
    this.assertEqual(String(address), '127.0.0.1:8080');
  }

  /** An IPv6 address prints [host]:port and carries flowInfo and scopeID (0 by default). */
  test_ipv6(): void {
    const address = new IPv6Address('TCP', '::1', 443);
    this.assertEqual(String(address), '[::1]:443');
    this.assertEqual([address.flowInfo, address.scopeID], [0, 0]);
    const scoped = new IPv6Address('TCP', 'fe80::1', 22, 5, 'eth0');
    this.assertEqual([scoped.flowInfo, scoped.scopeID], [5, 'eth0']);
  }

  /** tcpAddress picks IPv6Address for an IPv6 host and IPv4Address for anything else. */
  test_tcpAddress(): void {
    this.assertIsInstance(tcpAddress('::ffff:127.0.0.1', 1), IPv6Address);
    this.assertIsInstance(tcpAddress('10.0.0.1', 1), IPv4Address);
    this.assertIsInstance(tcpAddress('example.org', 1), IPv4Address);
    this.assertEqual(String(tcpAddress('::', 0)), '[::]:0');
  }
}
