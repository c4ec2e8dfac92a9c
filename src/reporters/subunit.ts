/**
 * subunit v2, Trial's machine-readable format, readable by python-subunit's tools
 * (`subunit2junitxml`, `subunit-stats`, `subunit2pyunit`, `subunit-trace`): per test an
 * `inprogress` packet when it starts, its tracebacks, skip reason and captured output
 * as attached files, then its final status with a timestamp. Tests are tagged
 * `worker-N`. Failures and errors are both `fail` (subunit has no error status).
 *
 * @packageDocumentation
 */
import type { Outcome, RunnerEvent, TestEndEvent } from '../runner/events';
import { NOT_IN_TEST } from './format/problems';
import { renderError } from './format/renderError';
import { flakyBody } from './format/flaky';
import { encodePacket, fileChunks, type SubunitStatus } from './format/subunitPacket';
import type { Reporter, ReporterContext } from './interfaces';

/** The subunit status of each outcome. */
export const SUBUNIT_STATUS_OF: Readonly<Record<Outcome, SubunitStatus>> = {
  success: 'success',
  failure: 'fail',
  error: 'fail',
  skip: 'skip',
  expectedFailure: 'xfail',
  unexpectedSuccess: 'uxsuccess',
};

const TRACEBACK_MIME = 'text/x-traceback; charset=utf8';
const TEXT_MIME = 'text/plain; charset=utf8';
const encoder = new TextEncoder();

/** A named text attached to a test. */
interface Attachment {
  name: string;
  mimeType: string;
  text: string;
}

function attachmentsOf(event: TestEndEvent): Attachment[] {
  const attachments: Attachment[] = [];
  event.errors.forEach((error, index) => {
    attachments.push({ name: index === 0 ? 'traceback' : `traceback-${index + 1}`, mimeType: TRACEBACK_MIME, text: renderError(error) });
  });
  if (event.reason !== undefined && event.outcome !== 'failure' && event.outcome !== 'error') {
    attachments.push({ name: 'reason', mimeType: TEXT_MIME, text: event.reason });
  }
  // A flaky pass: the failed attempts' tracebacks, and the `flaky` tag on the result.
  if (event.flaky === true) attachments.push({ name: 'flaky-attempts', mimeType: TRACEBACK_MIME, text: flakyBody(event) });
  if (event.output?.stdout) attachments.push({ name: 'stdout', mimeType: TEXT_MIME, text: event.output.stdout });
  if (event.output?.stderr) attachments.push({ name: 'stderr', mimeType: TEXT_MIME, text: event.output.stderr });
  return attachments;
}

/**
 * Create the subunit reporter. It writes bytes: give it a file (`subunit:out.subunit`)
 * or a pipe, never a terminal.
 *
 * @param ctx - where to write.
 * @returns the reporter.
 */
export function subunit(ctx: ReporterContext): Reporter {
  const now = ctx.now ?? Date.now;
  const attach = (testId: string, tags: string[], attachment: Attachment): void => {
    const chunks = fileChunks(encoder.encode(attachment.text));
    chunks.forEach((chunk, index) => {
      ctx.write(
        encodePacket({
          testId,
          tags,
          mimeType: attachment.mimeType,
          fileName: attachment.name,
          fileBytes: chunk,
          eof: index === chunks.length - 1,
        }),
      );
    });
  };
  return {
    handle(event: RunnerEvent): void {
      switch (event.type) {
        case 'test:start':
          ctx.write(encodePacket({ testId: event.test.id, status: 'inprogress', timestamp: now(), tags: [`worker-${event.worker}`] }));
          break;
        case 'test:end': {
          const tags = event.flaky === true ? [`worker-${event.worker}`, 'flaky'] : [`worker-${event.worker}`];
          for (const attachment of attachmentsOf(event)) attach(event.test.id, tags, attachment);
          ctx.write(encodePacket({ testId: event.test.id, status: SUBUNIT_STATUS_OF[event.outcome], timestamp: now(), tags }));
          break;
        }
        case 'test:lateError': {
          const testId = event.test?.id ?? NOT_IN_TEST;
          const tags = [`worker-${event.worker}`];
          if (event.test === null) ctx.write(encodePacket({ testId, status: 'inprogress', timestamp: now(), tags }));
          const name = event.test === null ? 'traceback' : 'traceback-after-test-ended';
          attach(testId, tags, { name, mimeType: TRACEBACK_MIME, text: renderError(event.error) });
          ctx.write(encodePacket({ testId, status: 'fail', timestamp: now(), tags }));
          break;
        }
        case 'run:start':
        case 'worker:crash':
        case 'sidecar:state':
        case 'run:end':
          break;
        default:
          event satisfies never;
      }
    },
    async close(): Promise<void> {},
  };
}
