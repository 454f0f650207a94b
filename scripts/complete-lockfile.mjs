#!/usr/bin/env node
// Completes package-lock.json with the platform-specific optional packages that the registry
// this project is built against does not serve (e.g. @biomejs/cli-win32-x64, @rollup/rollup-
// darwin-arm64). npm resolves the tree without them, but `npm ci` then refuses the lockfile as
// "out of sync". Each missing entry is added as an optional package restricted to its platform
// (os / cpu / libc read from its name), which is what a lockfile written against the full
// registry records; npm ci skips such entries on other platforms without fetching them.
//
//   npm install --package-lock-only && node scripts/complete-lockfile.mjs   (npm run lock)
import { readFileSync, writeFileSync } from 'node:fs';

const OS = [
  'android',
  'darwin',
  'linux',
  'win32',
  'freebsd',
  'openbsd',
  'netbsd',
  'openharmony',
  'sunos',
  'aix',
];
const CPU = ['arm64', 'x64', 'ia32', 'arm', 'riscv64', 's390x', 'loong64', 'ppc64', 'mips64el', 'wasm32'];

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(file, 'utf8'));
const packages = lock.packages;
let added = 0;
for (const [path, meta] of Object.entries(packages)) {
  for (const [name, range] of Object.entries(meta.optionalDependencies ?? {})) {
    const base = path ? `${path}/node_modules/` : 'node_modules/';
    if (packages[`${base}${name}`] || packages[`node_modules/${name}`]) continue;
    const tokens = name.split('/').pop().split('-');
    const os = OS.find((o) => tokens.includes(o));
    const cpu = CPU.find((c) => tokens.includes(c));
    if (!os || !cpu) {
      console.error(`cannot infer the platform of ${name}; leaving it out`);
      continue;
    }
    const entry = {
      version: range.replace(/^[\^~=]/, ''),
      cpu: [cpu],
      dev: meta.dev || undefined,
      license: meta.license,
      optional: true,
      os: [os],
    };
    if (os === 'linux') entry.libc = [tokens.includes('musl') ? 'musl' : 'glibc'];
    packages[`node_modules/${name}`] = entry;
    added++;
  }
}
const sorted = Object.fromEntries(
  Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))),
);
lock.packages = sorted;
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`complete-lockfile: added ${added} platform-specific optional entries`);
