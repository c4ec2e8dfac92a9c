/**
 * Tests for packages/runtime/src/defer/creationSite.ts: where a Deferred was created.
 */
import { SynchronousTestCase } from 'trial-ts';
import { captureCreationSite, siteFrames } from '@trial-ts/runtime/internal';

class Made {
  readonly site = captureCreationSite(Made);
}

/** Tests of capturing and printing creation sites. */
export class CreationSiteTests extends SynchronousTestCase {
  /** The site leaves out the constructor: its first frame is the line that ran `new`. */
  test_firstFrameIsTheCaller() {
    const made = new Made();
    const frames = siteFrames(made.site).split('\n');
    this.assertSubstring('test_firstFrameIsTheCaller', frames[0]!);
    this.assertSubstring('test_creationSite.ts:15:', frames[0]!);
  }

  /** At most eight frames are kept, however deep the stack. */
  test_framesAreBounded() {
    const deep = (n: number): Made => (n === 0 ? new Made() : deep(n - 1));
    this.assertEqual(siteFrames(deep(20).site).split('\n').length, 8);
  }

  /** The stack limit of the thread is left as it was. */
  test_stackLimitRestored() {
    const limit = Error.stackTraceLimit;
    new Made();
    this.assertEqual(Error.stackTraceLimit, limit);
  }

  /** No site (or a site without a stack) prints as no frames. */
  test_noSiteNoFrames() {
    this.assertEqual([siteFrames(undefined), siteFrames({})], ['', '']);
  }
}
