// What a build costs, read from esbuild's metafile (`ng build --stats-json`): which chunks a page
// needs, what each weighs compressed, and which source modules the bytes come from.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** Builds the Angular workspace in `cwd` for production, with the metafile beside the output. */
export function build(cwd, ngBin) {
  execFileSync(ngBin, ['build', '--stats-json'], {
    cwd,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

const compressed = new Map();

/** Raw, gzip (level 9) and brotli (quality 11, what a precompressing build writes) bytes of a file. */
export function sizes(path) {
  let result = compressed.get(path);
  if (!result) {
    const bytes = readFileSync(path);
    result = {
      raw: bytes.length,
      gzip: gzipSync(bytes, { level: 9 }).length,
      brotli: brotliCompressSync(bytes, {
        params: { [constants.BROTLI_PARAM_QUALITY]: 11 },
      }).length,
    };
    compressed.set(path, result);
  }
  return result;
}

export function total(rows) {
  return rows.reduce(
    (sum, r) => ({ raw: sum.raw + r.raw, gzip: sum.gzip + r.gzip, brotli: sum.brotli + r.brotli }),
    { raw: 0, gzip: 0, brotli: 0 },
  );
}

export const kB = (n) => `${(n / 1000).toFixed(1)} kB`;

/** Prints rows as a plain-text table; `columns` maps a header to a cell function. */
export function printTable(title, rows, columns) {
  console.log(`\n${title}`);
  const headers = Object.keys(columns);
  const lines = rows.map((row) => headers.map((h) => String(columns[h](row))));
  const widths = headers.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  // Text columns (the first ones) align left, figures right.
  const isText = headers.map((_, i) => lines.every((l) => !/^[\d.,x -]+(kB|ms)?$/.test(l[i])));
  const format = (cells) =>
    cells.map((c, i) => (isText[i] ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(format(headers));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  lines.forEach((l) => console.log(format(l).trimEnd()));
}

export const sizeColumns = {
  raw: (r) => kB(r.raw),
  gzip: (r) => kB(r.gzip),
  brotli: (r) => kB(r.brotli),
};

/** Every chunk `start` pulls in by static imports, `start` included. */
function staticClosure(outputs, start) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const imported of outputs[file]?.imports ?? []) {
      if (imported.kind === 'import-statement') visit(imported.path);
    }
  };
  visit(start);
  return seen;
}

/** A readable name for a chunk: its entry point, else the source files or packages it holds. */
function describe(output) {
  if (output.entryPoint) return output.entryPoint.replace(/^src\/app\//, '');
  const sources = Object.keys(output.inputs).filter((i) => i.startsWith('src/'));
  if (sources.length)
    return `shared: ${sources
      .map((s) => s.replace(/^src\/app\//, ''))
      .slice(0, 2)
      .join(', ')}${sources.length > 2 ? ', …' : ''}`;
  const packages = [
    ...new Set(
      Object.keys(output.inputs).map(
        (i) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(i)?.[1] ?? moduleGroup(i),
      ),
    ),
  ];
  if (!packages.length) return 'shared: (bundler helpers)';
  return `shared: ${packages.slice(0, 3).join(', ')}${packages.length > 3 ? ', …' : ''}`;
}

/**
 * The group a metafile input is counted under: Angular's packages by file (their fesm split
 * files are the unit the bundler keeps or drops), other packages by name, app code by folder.
 */
export function moduleGroup(input) {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)$/.exec(input);
  if (pkg) return pkg[1].startsWith('@angular/') ? `${pkg[1]}/${pkg[2]}` : pkg[1];
  const app = /^(?:bench\/floor\/)?src\/(?:app\/)?(.*)$/.exec(input);
  if (app) {
    const folder = app[1].split('/').slice(0, -1).slice(0, 2).join('/');
    return `app: ${folder || app[1]}`;
  }
  return input;
}

/**
 * Reads a build's metafile. `initial` is what the entry point loads before anything else;
 * `routeClosure(entry)` is what a lazy route adds on top of it.
 */
export function readBuild(distDir) {
  const browserDir = join(distDir, 'browser');
  const { outputs } = JSON.parse(readFileSync(join(distDir, 'browser-stats.json'), 'utf8'));
  const jsFiles = Object.keys(outputs).filter((f) => f.endsWith('.js'));
  const main = jsFiles.find((f) => /(^|\/)src\/main\.ts$/.test(outputs[f].entryPoint ?? ''));
  if (!main) throw new Error(`no main entry point in ${distDir}/browser-stats.json`);
  const initial = staticClosure(outputs, main);
  const row = (file, what) => ({ file, what, ...sizes(join(browserDir, file)) });
  return {
    browserDir,
    outputs,
    initialRows: [...initial].map((f) => row(f, `initial: ${describe(outputs[f])}`)),
    /** Chunks that the lazy chunk with entry point `entry` needs beyond the initial ones. */
    routeRows(entry, label) {
      const chunk = jsFiles.find((f) => outputs[f].entryPoint === entry);
      if (!chunk) throw new Error(`no chunk has the entry point ${entry}`);
      return [...staticClosure(outputs, chunk)]
        .filter((f) => !initial.has(f))
        .map((f) => row(f, `${label}: ${describe(outputs[f])}`));
    },
    lazyRows: jsFiles
      .filter((f) => !initial.has(f))
      .map((f) => row(f, describe(outputs[f])))
      .sort((a, b) => b.brotli - a.brotli),
    /**
     * Bytes of the initial chunks per module group (see moduleGroup), `raw` and an estimated
     * `brotli`. The builder's chunk optimizer (Rolldown, on by default above 3 lazy chunks)
     * reports each module's size before the final minification, so every chunk's inputs are
     * scaled to the chunk's real size, and brotli is the chunk's own ratio applied to its share.
     */
    initialModules() {
      const groups = new Map();
      for (const file of initial) {
        const inputs = Object.entries(outputs[file].inputs);
        const reported = inputs.reduce((sum, [, input]) => sum + input.bytesInOutput, 0);
        if (reported === 0) continue;
        const actual = sizes(join(browserDir, file));
        for (const [input, { bytesInOutput }] of inputs) {
          const share = bytesInOutput / reported;
          const group = groups.get(moduleGroup(input)) ?? { raw: 0, brotli: 0 };
          group.raw += share * actual.raw;
          group.brotli += share * actual.brotli;
          groups.set(moduleGroup(input), group);
        }
      }
      return groups;
    },
  };
}
