import { shellQuote } from './curl-snippet';
import { SnippetOptions, purgeUrl } from './snippet-options';

/** The repository secret the step reads; the key itself never appears in a workflow file. */
export const GITHUB_SECRET_NAME = 'PARADARUM_API_KEY';

/**
 * A workflow step that purges after a deploy. The key comes from a repository secret through
 * an environment variable; bash expands `"$PARADARUM_API_KEY"` once and never re-reads the
 * value, so the key's symbols stay literal. (Interpolating `${{ secrets.X }}` into `run:` itself
 * would paste the key into the script, where `$` and `` ` `` would be expanded.)
 */
export function buildGitHubActionsSnippet(options: Omit<SnippetOptions, 'rawKey'>): string {
  return [
    `- name: Purge the Paradarum cache`,
    `  env:`,
    `    ${GITHUB_SECRET_NAME}: \${{ secrets.${GITHUB_SECRET_NAME} }}`,
    `  run: |`,
    `    curl --fail-with-body -X POST ${shellQuote(purgeUrl({ ...options, rawKey: '' }))} \\`,
    `      -H "X-API-Key: $${GITHUB_SECRET_NAME}" \\`,
    `      -H 'Content-Type: application/json' \\`,
    `      -d '{ "type": "all" }'`,
  ].join('\n');
}
