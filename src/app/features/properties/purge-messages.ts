import { apiErrorMessage, isNotFound } from '../../core/api/api-error-message';
import { FailureDescription } from '../../core/state/action';
import { PurgeRecord, PurgeRequest } from './properties-client';
import { countUrls } from './purge-url-list';

/** What the property page says about its purges, worded once, for the toast and the alerts. */

export const notFound = 'Property not found. It may have been removed from your account.';

/** "Purged everything on cdn.example at 14:03:07.", "Purged 250 URLs on … in 3 batches at …" */
export function describePurge(
  record: PurgeRecord,
  batches: number,
  hostname: string,
  timeOfDay: Intl.DateTimeFormat,
): string {
  const what = record.type === 'all' ? 'everything' : countUrls(record.urls.length);
  const inBatches = batches > 1 ? ` in ${batches} batches` : '';
  return `Purged ${what} on ${hostname}${inBatches} at ${timeOfDay.format(record.createdAt)}.`;
}

/** A URL list sent in batches of which some failed: why the first failed, and the URLs left. */
export class PartlyPurged extends Error {
  constructor(
    readonly reason: unknown,
    readonly left: readonly string[],
    readonly sentBatches: number,
    readonly totalBatches: number,
  ) {
    super('Some batches of the URL list failed');
  }
}

/**
 * Why a purge failed, in words, and whether the property is gone (404). For a list sent in
 * batches of which some failed, Try again sends only the failed batches' URLs.
 */
export function describePurgeFailure(error: unknown): FailureDescription<PurgeRequest> {
  if (!(error instanceof PartlyPurged)) {
    return {
      message: `The purge did not happen. ${apiErrorMessage(error, { 404: notFound })}`,
      gone: isNotFound(error),
    };
  }
  const { reason, left, sentBatches, totalBatches } = error;
  const gone = isNotFound(reason);
  return {
    message:
      `${sentBatches} of ${totalBatches} batches sent. ${totalBatches - sentBatches} failed ` +
      `(${apiErrorMessage(reason, { 404: notFound })}); their ${countUrls(left.length)} are ` +
      `still in the box${gone ? '.' : ': purge them again.'}`,
    gone,
    retry: { type: 'url', urls: left },
  };
}
