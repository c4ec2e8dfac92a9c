/**
 * Tests for src/unittest/markers.ts: `skip`, `todo`, `timeout` and `cleanReactor` as
 * standard decorators on methods and classes, in the legacy (target, key, descriptor)
 * form, and as static fields; the method's marker winning over the class's; `classSkipOf`.
 */
import { SynchronousTestCase } from 'trial-ts';
import { classSkipOf, cleanReactor, flaky, markersOf, skip, timeout, todo } from '../../src/unittest/markers';
import { parametrize } from '../../src/unittest/parametrize';
import { SynchronousTestCase as SourceTestCase } from '../../src/unittest/synchronousTestCase';

class Decorated extends SourceTestCase {
  @skip('needs network') test_skipped(): void {}
  @todo('bug #1') test_todo(): void {}
  @todo([TypeError, 'RangeError'], 'bug #2') test_todoTypes(): void {}
  @timeout(5) test_timeout(): void {}
  @cleanReactor(false) test_dirty(): void {}
  test_plain(): void {}
}

@skip('whole class off')
class SkippedClass extends SourceTestCase {
  test_a(): void {}
  @todo('still todo') test_b(): void {}
}

@todo('class todo')
@timeout(10)
@cleanReactor(false)
class ClassMarked extends SourceTestCase {
  test_inherits(): void {}
  @todo('method todo') @timeout(2) @cleanReactor(true) test_overrides(): void {}
}

class StaticFields extends SourceTestCase {
  static skip = 'static skip';
  static timeout = 7;
  static cleanReactor = false;
  test_a(): void {}
}

class StaticTodoForms extends SourceTestCase {
  static todo: unknown = [[TypeError], 'why'];
  test_a(): void {}
}

class Legacy extends SourceTestCase {
  test_skipped(): void {}
  test_todo(): void {}
}

class Subclass extends ClassMarked {}

export class MarkerDecoratorTests extends SynchronousTestCase {
  /** An unmarked method has no markers and is leak-checked. */
  test_noMarkers(): void {
    this.assertEqual(markersOf(Decorated, 'test_plain'), { skip: undefined, todo: undefined, timeout: undefined, cleanReactor: true });
  }

  /** @skip on a method gives its reason. */
  test_skipMethod(): void {
    this.assertEqual(markersOf(Decorated, 'test_skipped').skip, 'needs network');
    this.assertEqual(markersOf(Decorated, 'test_plain').skip, undefined);
  }

  /** @todo('reason') expects any error. */
  test_todoReason(): void {
    this.assertEqual(markersOf(Decorated, 'test_todo').todo, { reason: 'bug #1', errors: [] });
  }

  /** @todo([types], 'reason') keeps classes and names. */
  test_todoTypes(): void {
    this.assertEqual(markersOf(Decorated, 'test_todoTypes').todo, { reason: 'bug #2', errors: [TypeError, 'RangeError'] });
  }

  /** @todo([types]) without a reason keeps the types and has an empty reason. */
  test_todoTypesWithoutReason(): void {
    const marked = (): void => {};
    todo([TypeError])(marked);
    class Holder extends SourceTestCase {}
    Object.defineProperty(Holder.prototype, 'test_x', { value: marked });
    this.assertEqual(markersOf(Holder, 'test_x').todo, { reason: '', errors: [TypeError] });
  }

  /** @timeout(seconds) on a method. */
  test_timeoutMethod(): void {
    this.assertEqual(markersOf(Decorated, 'test_timeout').timeout, 5);
  }

  /** @cleanReactor(false) turns leak checking off for the method. */
  test_cleanReactorMethod(): void {
    this.assertFalse(markersOf(Decorated, 'test_dirty').cleanReactor);
  }

  /** A class decorator applies to every method, and classSkipOf reports it. */
  test_classDecorator(): void {
    this.assertEqual(markersOf(SkippedClass, 'test_a').skip, 'whole class off');
    this.assertEqual(markersOf(SkippedClass, 'test_b').skip, 'whole class off');
    this.assertEqual(markersOf(SkippedClass, 'test_b').todo?.reason, 'still todo');
    this.assertEqual(classSkipOf(SkippedClass), 'whole class off');
  }

  /** Class-level todo, timeout and cleanReactor reach methods without their own. */
  test_classMarkersInherited(): void {
    this.assertEqual(markersOf(ClassMarked, 'test_inherits'), {
      skip: undefined,
      todo: { reason: 'class todo', errors: [] },
      timeout: 10,
      cleanReactor: false,
    });
  }

  /** A method's own markers win over its class's, including cleanReactor(true) over false. */
  test_methodWinsOverClass(): void {
    this.assertEqual(markersOf(ClassMarked, 'test_overrides'), {
      skip: undefined,
      todo: { reason: 'method todo', errors: [] },
      timeout: 2,
      cleanReactor: true,
    });
  }

  /** A subclass inherits its base class's class markers. */
  test_subclassInheritsClassMarkers(): void {
    this.assertEqual(markersOf(Subclass, 'test_inherits').timeout, 10);
    this.assertEqual(markersOf(Subclass, 'test_overrides').todo?.reason, 'method todo');
  }

  /** A method skip does not make a class skip. */
  test_classSkipIgnoresMethods(): void {
    this.assertEqual(classSkipOf(Decorated), undefined);
  }
}

export class LegacyDecoratorTests extends SynchronousTestCase {
  /** The legacy (prototype, name, descriptor) form marks the method. */
  test_legacyMethodForm(): void {
    const proto = Legacy.prototype;
    skip('legacy skip')(proto, 'test_skipped', Object.getOwnPropertyDescriptor(proto, 'test_skipped'));
    todo([RangeError], 'legacy todo')(proto, 'test_todo', Object.getOwnPropertyDescriptor(proto, 'test_todo'));
    this.assertEqual(markersOf(Legacy, 'test_skipped').skip, 'legacy skip');
    this.assertEqual(markersOf(Legacy, 'test_todo').todo, { reason: 'legacy todo', errors: [RangeError] });
    this.assertEqual(classSkipOf(Legacy), undefined);
  }

  /** The legacy class form (the class alone) marks the class. */
  test_legacyClassForm(): void {
    class LegacyClass extends SourceTestCase {
      test_a(): void {}
    }
    timeout(3)(LegacyClass);
    this.assertEqual(markersOf(LegacyClass, 'test_a').timeout, 3);
  }
}

export class StaticFieldTests extends SynchronousTestCase {
  /** static skip, timeout and cleanReactor apply to every method. */
  test_staticFields(): void {
    this.assertEqual(markersOf(StaticFields, 'test_a'), { skip: 'static skip', todo: undefined, timeout: 7, cleanReactor: false });
    this.assertEqual(classSkipOf(StaticFields), 'static skip');
  }

  /** static todo accepts 'reason', [[Type], 'reason'], [Type, 'reason'], true and { reason, errors }. */
  test_staticTodoForms(): void {
    const forms: Array<[unknown, unknown]> = [
      ['why', { reason: 'why', errors: [] }],
      [[[TypeError], 'why'], { reason: 'why', errors: [TypeError] }],
      [[TypeError, 'why'], { reason: 'why', errors: [TypeError] }],
      [[['ParseError', RangeError], 'why'], { reason: 'why', errors: ['ParseError', RangeError] }],
      [true, { reason: '', errors: [] }],
      [{ reason: 'obj', errors: [TypeError] }, { reason: 'obj', errors: [TypeError] }],
      [{ reason: 'obj' }, { reason: 'obj', errors: [] }],
      [false, undefined],
      [null, undefined],
    ];
    for (const [value, expected] of forms) {
      StaticTodoForms.todo = value;
      this.assertEqual(markersOf(StaticTodoForms, 'test_a').todo, expected, JSON.stringify(value));
    }
  }

  /** Non-positive or non-numeric timeouts are ignored; false or null skips are no skip. */
  test_invalidValuesIgnored(): void {
    class Odd extends SourceTestCase {
      static timeout: unknown = 0;
      static skip: unknown = false;
      test_a(): void {}
    }
    for (const value of [0, -1, '5', NaN]) {
      Odd.timeout = value;
      this.assertEqual(markersOf(Odd, 'test_a').timeout, undefined, String(value));
    }
    for (const value of [false, null, undefined]) {
      Odd.skip = value;
      this.assertEqual(markersOf(Odd, 'test_a').skip, undefined, String(value));
      this.assertEqual(classSkipOf(Odd), undefined);
    }
  }

  /** A class decorator wins over a static field of the same marker. */
  test_decoratorWinsOverStatic(): void {
    @skip('decorated')
    class Both extends SourceTestCase {
      static skip = 'static';
      test_a(): void {}
    }
    this.assertEqual(markersOf(Both, 'test_a').skip, 'decorated');
  }
}

export class FlakyMarkerTests extends SynchronousTestCase {
  /** @flaky on a method, on a class and as a static field gives the retries; a method's beats its class's. */
  test_flakyForms(): void {
    class Marked {
      static flaky = 4;
      test_a() {}
      test_b() {}
    }
    flaky(2)(Marked.prototype, 'test_a', Object.getOwnPropertyDescriptor(Marked.prototype, 'test_a'));
    this.assertEqual(markersOf(Marked, 'test_a').flaky, 2);
    this.assertEqual(markersOf(Marked, 'test_b').flaky, 4);
    class Unmarked {
      test_a() {}
    }
    this.assertEqual(markersOf(Unmarked, 'test_a').flaky, undefined);
  }

  /** flaky() needs a positive integer. */
  test_flakyBadCount(): void {
    this.assertRaises(TypeError, () => flaky(0));
    this.assertRaises(TypeError, () => flaky(1.5));
    this.assertEqual(markersOf(class { static flaky = 'x'; test_a() {} }, 'test_a').flaky, undefined);
  }

  /** A parametrized case carries its method's markers. */
  test_caseHasMethodMarkers(): void {
    class Cases {
      test_a() {}
    }
    const descriptor = Object.getOwnPropertyDescriptor(Cases.prototype, 'test_a');
    skip('not today')(Cases.prototype, 'test_a', descriptor);
    parametrize({ one: [] })(Cases.prototype, 'test_a', descriptor);
    this.assertEqual(markersOf(Cases, 'test_a[one]').skip, 'not today');
  }
}
