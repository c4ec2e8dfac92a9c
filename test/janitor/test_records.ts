/** Context records are recognised by the brand of the janitor that made them. */
import { SynchronousTestCase } from 'trial-ts';
import { isContextRecord } from '../../src/janitor/records';

export class RecordsTests extends SynchronousTestCase {
  /** Only a record with this janitor's owner brand counts; another janitor's or a plain value does not. */
  test_recordsByBrand(): void {
    const owner = {};
    this.assertTrue(isContextRecord({ kind: 'suite', owner }, owner));
    this.assertFalse(isContextRecord({ kind: 'suite', owner: {} }, owner));
    this.assertFalse(isContextRecord(undefined, owner));
    this.assertFalse(isContextRecord('test', owner));
  }
}
