import { buildCurlSnippet } from './curl-snippet';
import { buildGitHubActionsSnippet, GITHUB_SECRET_NAME } from './github-actions-snippet';
import { buildNodeSnippet } from './node-snippet';
import { buildPhpSnippet } from './php-snippet';
import { buildPowerShellSnippet } from './powershell-snippet';
import { buildPythonRequestsSnippet, buildPythonUrllibSnippet } from './python-snippet';
import { SnippetOptions } from './snippet-options';

/** One way to call the purge endpoint, as shown in a tab of the snippet picker. */
export interface SnippetLanguage {
  readonly id: string;
  /** The tab's label, also used in the copy button's and code region's accessible names. */
  readonly label: string;
  /** One sentence on where it runs and how. */
  readonly hint: string;
  readonly build: (options: SnippetOptions) => string;
}

/** Every stack the panel writes a purge snippet for, in the order the picker shows them. */
export const SNIPPET_LANGUAGES: readonly SnippetLanguage[] = [
  {
    id: 'curl',
    label: 'curl',
    hint: 'Paste into bash or zsh, on Linux or macOS.',
    build: buildCurlSnippet,
  },
  {
    id: 'powershell',
    label: 'PowerShell',
    hint: 'Paste into Windows PowerShell 5.1 or PowerShell 7.',
    build: buildPowerShellSnippet,
  },
  {
    id: 'node',
    label: 'Node.js',
    hint: 'Save as purge.mjs and run it with Node 18 or later; it needs no package.',
    build: buildNodeSnippet,
  },
  {
    id: 'python-urllib',
    label: 'Python (urllib)',
    hint: 'Python 3 with its standard library only.',
    build: buildPythonUrllibSnippet,
  },
  {
    id: 'python-requests',
    label: 'Python (requests)',
    hint: 'Python 3 with the requests package (pip install requests).',
    build: buildPythonRequestsSnippet,
  },
  {
    id: 'php',
    label: 'PHP',
    hint: 'Plain PHP 7 or later with no extension, as in a CMS plugin.',
    build: buildPhpSnippet,
  },
  {
    id: 'github-actions',
    label: 'GitHub Actions',
    hint:
      `A workflow step. Store the key as the repository secret ${GITHUB_SECRET_NAME} first ` +
      `(Settings, Secrets and variables, Actions; or gh secret set ${GITHUB_SECRET_NAME}, ` +
      `which asks for the value): the key never goes into the workflow file.`,
    build: buildGitHubActionsSnippet,
  },
];
