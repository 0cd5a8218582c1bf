import { Property } from '../api/property-list-client';

/** Somewhere the quick-jump box can take the user. */
export interface QuickJumpTarget {
  /** Unique among the options; also the option element's id suffix. */
  readonly id: string;
  readonly kind: 'property' | 'page' | 'action';
  readonly label: string;
  /** A second line: the hostname, or what the page or action is for. */
  readonly detail: string;
  readonly commands: readonly (string | number)[];
  readonly queryParams?: Record<string, string>;
  /** Lower-cased texts the query is matched against. */
  readonly texts: readonly string[];
}

/** Query parameter the API keys page reacts to by putting the cursor in the new key's name. */
export const CREATE_KEY_PARAM = 'create';
/** Query parameter the API keys page starts its list's order from (the overview's idle keys). */
export const KEY_ORDER_PARAM = 'order';
/** `KEY_ORDER_PARAM`'s value that lists the keys unused the longest first. */
export const STALE_FIRST_ORDER = 'stale-first';

function staticTarget(
  id: string,
  kind: 'page' | 'action',
  label: string,
  detail: string,
  commands: string[],
  queryParams?: Record<string, string>,
  synonyms: string[] = [],
): QuickJumpTarget {
  return {
    id,
    kind,
    label,
    detail,
    commands,
    queryParams,
    texts: [label, ...synonyms].map((text) => text.toLowerCase()),
  };
}

/** The panel's pages and the actions worth a shortcut. */
export const PAGE_AND_ACTION_TARGETS: readonly QuickJumpTarget[] = [
  staticTarget(
    'page-overview',
    'page',
    'Overview',
    'What needs your attention, recent purges',
    ['/'],
    undefined,
    ['home', 'dashboard', 'security checkup'],
  ),
  staticTarget(
    'page-properties',
    'page',
    'Properties',
    'Every property, searchable',
    ['/properties'],
    undefined,
    ['sites', 'purge'],
  ),
  staticTarget(
    'page-api-keys',
    'page',
    'API keys',
    'Create, roll and revoke keys',
    ['/api-keys'],
    undefined,
    ['tokens'],
  ),
  staticTarget(
    'page-account',
    'page',
    'Account',
    'Password and two-factor authentication',
    ['/account'],
    undefined,
    ['settings', 'profile'],
  ),
  staticTarget(
    'action-create-key',
    'action',
    'Create API key',
    'On the API keys page',
    ['/api-keys'],
    { [CREATE_KEY_PARAM]: '1' },
    ['new key'],
  ),
  staticTarget(
    'action-revoke-keys',
    'action',
    'Revoke API keys',
    'On the API keys page',
    ['/api-keys'],
    undefined,
    ['incident', 'stolen'],
  ),
  staticTarget(
    'action-two-factor',
    'action',
    'Turn on two-factor',
    'On the account page',
    ['/account'],
    undefined,
    ['2fa', 'mfa', 'totp', 'two-factor authentication'],
  ),
  staticTarget(
    'action-change-password',
    'action',
    'Change password',
    'On the account page',
    ['/account'],
    undefined,
    [],
  ),
];

export function propertyTarget(property: Property): QuickJumpTarget {
  return {
    id: `property-${property.id}`,
    kind: 'property',
    label: property.name,
    detail: property.hostname,
    commands: ['/properties', property.id],
    texts: [property.name.toLowerCase(), property.hostname.toLowerCase()],
  };
}
