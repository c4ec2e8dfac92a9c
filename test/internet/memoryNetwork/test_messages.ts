/** The network's messages say what happened and then what to do. */
import { SynchronousTestCase } from 'trial-ts';
import { describeConnection, describeRequest, messages } from '../../../src/internet/memoryNetwork/messages';

export class MessagesTests extends SynchronousTestCase {
  /** Every message has a remedy sentence after the first. */
  test_everyMessageHasARemedy(): void {
    const texts = [
      messages.addressInUse('a.test:1'),
      messages.badAddress('x'),
      messages.notAServer('object'),
      messages.installOutsideTest('undefined'),
      messages.installedTwice(),
      messages.flushEager(),
      messages.flushLimit(3),
      messages.settleLimit(3),
      messages.latencyWithoutClock(),
    ];
    for (const text of texts) this.assertTrue(/[.;] [A-Z].+/.test(text), text);
  }

  /** Leak descriptions name both ends, or the method and URL. */
  test_descriptions(): void {
    this.assertEqual(describeConnection('127.0.0.1:49152', 'api.test:80', 'open'), 'a memory connection from 127.0.0.1:49152 to api.test:80 (open)');
    this.assertEqual(describeRequest('GET', 'http://a.test/'), 'a memory fetch GET http://a.test/ still waiting for its response');
  }
}
