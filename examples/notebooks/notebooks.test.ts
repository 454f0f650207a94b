import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

// Executes every notebook in this folder top to bottom in Jupyter (nbconvert) with the Deno
// kernel from the `deno` npm package, as a user would open it. Requirements: Jupyter's nbconvert
// (Debian: jupyter-nbconvert; .ci/run installs it when missing) and node_modules/.bin/deno.
// Outside CI the test is skipped, with the reason, when either is missing; in CI it fails.
//
// Nothing is written to the user's home: the kernelspec, Jupyter's runtime files and Deno's
// cache live in a temporary directory removed afterwards. Deno must not download anything:
// the proxies and the npm registry point at a closed local port, so any fetch fails the run.

const here = fileURLToPath(new URL('.', import.meta.url));
const root = join(here, '../..');
const deno = join(root, 'node_modules/.bin/deno');
const notebooks = readdirSync(here).filter((f) => f.endsWith('.ipynb'));
const hasJupyter = spawnSync('jupyter', ['nbconvert', '--version'], { encoding: 'utf8' }).status === 0;
const hasDeno = existsSync(deno);
const missing = [!hasJupyter && 'jupyter nbconvert', !hasDeno && 'node_modules/.bin/deno'].filter(Boolean);
const inCi = process.env.CI === 'true' || process.env.CI === '1';
const skip = missing.length > 0 && !inCi;
const reason = `needs ${missing.join(' and ')} (apt-get install jupyter-nbconvert; npm ci)`;
if (skip) console.warn(`examples/notebooks: skipped, ${reason}`);

const VEGA_LITE = 'application/vnd.vegalite.v5+json';
const work = mkdtempSync(join(tmpdir(), 'tandem-cx-notebooks-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Output {
  output_type: string;
  name?: string;
  ename?: string;
  evalue?: string;
  data?: Record<string, unknown>;
}
interface Cell {
  cell_type: string;
  execution_count?: number | null;
  outputs?: Output[];
}

/** A kernelspec for the Deno kernel in a private JUPYTER_PATH (what `deno jupyter --install` writes to ~). */
function kernelEnv(): NodeJS.ProcessEnv {
  const spec = join(work, 'jupyter/kernels/deno');
  mkdirSync(spec, { recursive: true });
  writeFileSync(
    join(spec, 'kernel.json'),
    JSON.stringify({
      argv: [deno, 'jupyter', '--kernel', '--conn', '{connection_file}'],
      display_name: 'Deno',
      language: 'typescript',
    }),
  );
  const closed = 'http://127.0.0.1:9';
  return {
    ...process.env,
    JUPYTER_PATH: join(work, 'jupyter'),
    JUPYTER_CONFIG_DIR: join(work, 'jupyter-config'),
    JUPYTER_RUNTIME_DIR: join(work, 'jupyter-runtime'),
    JUPYTER_DATA_DIR: join(work, 'jupyter-data'),
    DENO_DIR: join(work, 'deno'),
    DENO_NO_UPDATE_CHECK: '1',
    HTTP_PROXY: closed,
    HTTPS_PROXY: closed,
    http_proxy: closed,
    https_proxy: closed,
    NO_PROXY: '',
    NPM_CONFIG_REGISTRY: `${closed}/`,
  };
}

describe.skipIf(skip)(
  `notebooks execute in Jupyter with the Deno kernel${skip ? ` (skipped: ${reason})` : ''}`,
  () => {
    it('has at least one notebook and what it needs to run them', () => {
      expect(notebooks.length).toBeGreaterThan(0);
      expect(missing, `CI must provide: ${reason}`).toEqual([]);
    });

    it.each(notebooks)(
      '%s runs top to bottom without an error and draws a Vega-Lite chart',
      (name) => {
        const out = join(work, 'out');
        const run = spawnSync(
          'jupyter',
          [
            'nbconvert',
            '--to',
            'notebook',
            '--execute',
            '--ExecutePreprocessor.kernel_name=deno',
            '--ExecutePreprocessor.timeout=600',
            '--output-dir',
            out,
            join(here, name),
          ],
          { cwd: here, env: kernelEnv(), encoding: 'utf8', timeout: 900_000 },
        );
        expect(run.status, `nbconvert failed:\n${run.stderr}`).toBe(0);
        const executed = JSON.parse(readFileSync(join(out, name), 'utf8')) as { cells: Cell[] };
        const code = executed.cells.filter((c) => c.cell_type === 'code');
        expect(code.length).toBeGreaterThan(0);
        for (const cell of code) expect(cell.execution_count, 'every code cell ran').toBeTypeOf('number');
        const outputs = code.flatMap((c) => c.outputs ?? []);
        const errors = outputs.filter(
          (o) => o.output_type === 'error' || (o.output_type === 'stream' && o.name === 'stderr'),
        );
        expect(errors.map((o) => `${o.ename ?? o.name}: ${o.evalue ?? ''}`)).toEqual([]);
        const charts = outputs.flatMap((o) =>
          o.data?.[VEGA_LITE] ? [o.data[VEGA_LITE] as { data?: { values?: unknown[] } }] : [],
        );
        expect(charts.length).toBeGreaterThan(0);
        for (const spec of charts)
          expect(spec.data?.values?.length ?? 0, 'a chart with data').toBeGreaterThan(0);
      },
      900_000,
    );
  },
);
