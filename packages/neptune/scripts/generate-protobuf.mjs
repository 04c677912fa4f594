// Regenerates src/scale/protobuf/gen (TypeScript for @bufbuild/protobuf) from the protobuf
// descriptors compiled into the pinned neptune-api Python package — the messages neptune-scale
// sends — so nothing is hand-written. Step 1 dumps a FileDescriptorSet with the oracle Python
// (or $PYTHON) into src/scale/protobuf/neptune-api.binpb (checked in, with its provenance in
// the README beside it); step 2 runs buf + protoc-gen-es from npm on that image (offline).
// Run `node scripts/generate-protobuf.mjs` in packages/neptune after bumping neptune-api.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(packageRoot, 'package.json'));
const bufBinary = join(dirname(require.resolve('@bufbuild/buf/package.json')), 'bin', 'buf');
const pluginBinary = join(
  dirname(require.resolve('@bufbuild/protoc-gen-es/package.json')),
  'bin',
  'protoc-gen-es',
);
const protobufDirectory = join(packageRoot, 'src', 'scale', 'protobuf');
const image = join(protobufDirectory, 'neptune-api.binpb');
const output = join(protobufDirectory, 'gen');

const python = process.env.PYTHON ?? join(packageRoot, '..', '..', '.venv', 'oracle', 'bin', 'python');
if (process.argv.includes('--from-python') || !existsSync(image)) {
  execFileSync(python, [join(packageRoot, 'scripts', 'dump-neptune-api-descriptors.py'), image], {
    stdio: 'inherit',
  });
}

const workspace = mkdtempSync(join(tmpdir(), 'tasklens-neptune-protos-'));
try {
  writeFileSync(
    join(workspace, 'buf.gen.yaml'),
    [
      'version: v2',
      'plugins:',
      `  - local: ${JSON.stringify(pluginBinary)}`,
      `    out: ${JSON.stringify(output)}`,
      '    opt: [target=ts, import_extension=none]',
      '',
    ].join('\n'),
  );
  rmSync(output, { recursive: true, force: true });
  // google/protobuf/timestamp.proto comes with @bufbuild/protobuf (well-known types).
  execFileSync(bufBinary, ['generate', image, '--exclude-path', 'google/protobuf'], {
    cwd: workspace,
    stdio: 'inherit',
  });
  writeFileSync(
    join(output, 'biome.json'),
    `${JSON.stringify({ root: false, extends: '//', linter: { enabled: false } }, null, 2)}\n`,
  );
  const biome = join(dirname(require.resolve('@biomejs/biome/package.json')), 'bin', 'biome');
  execFileSync(biome, ['check', '--write', output], { cwd: packageRoot, stdio: 'inherit' });
  console.log(`generated TypeScript for ${image} into ${output}`);
} finally {
  rmSync(workspace, { recursive: true, force: true });
}
