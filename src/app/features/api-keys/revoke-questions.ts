import { ApiKey } from '../../core/api/api-key-list-client';
import { plural } from '../../shared/plural';
import type { ConfirmDialogData } from '../../shared/ui/confirm-dialog';
import { keyLabel } from './api-key';

/**
 * What is asked before one key is revoked. During a roll two keys share the name: the prefixes
 * (`replacement`, the new key's) say which one goes and which one stays.
 */
export function revokeKeyQuestion(key: ApiKey, replacement?: string): ConfirmDialogData {
  return {
    title: replacement ? `Revoke the old ${keyLabel(key)}?` : `Revoke “${key.name}”?`,
    message:
      `The key ${keyLabel(key)} stops working at once: every script ` +
      'and plugin that uses it fails with 401 Unauthorized from its next request. ' +
      (replacement ? `Its replacement ${replacement} keeps working. ` : '') +
      'This cannot be undone.',
    confirmLabel: 'Revoke key',
    destructive: true,
  };
}

/** What is asked before the ticked keys are revoked: the first three by name, then a count. */
export function revokeKeysQuestion(keys: readonly ApiKey[]): ConfirmDialogData {
  const names = keys.slice(0, 3).map(keyLabel);
  const more =
    keys.length > 3 ? ` and ${plural(keys.length - 3, { one: 'other', other: 'others' })}` : '';
  const count = plural(keys.length, { one: 'key', other: 'keys' });
  return {
    title: `Revoke ${count}?`,
    message:
      `${names.join(', ')}${more} stop working at once: every script and plugin that uses ` +
      'them fails with 401 Unauthorized from its next request. This cannot be undone.',
    confirmLabel: `Revoke ${count}`,
    destructive: true,
  };
}
