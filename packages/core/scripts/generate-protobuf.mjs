// Regenerates src/protobuf/gen from the .proto files shipped in the pinned @flyteorg/flyteidl
// package, with buf + protoc-gen-es from npm (fully offline). The output is checked in so a
// build needs neither buf nor flyteidl; run `npm run generate:protobuf -w @tasklens/core` after
// bumping @flyteorg/flyteidl.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(packageRoot, 'package.json'));
const flyteidlRoot = dirname(require.resolve('@flyteorg/flyteidl/package.json'));
const bufBinary = join(dirname(require.resolve('@bufbuild/buf/package.json')), 'bin', 'buf');
const pluginBinary = join(
  dirname(require.resolve('@bufbuild/protoc-gen-es/package.json')),
  'bin',
  'protoc-gen-es',
);
const output = join(packageRoot, 'src', 'protobuf', 'gen');

// Only what the entrypoint reads and writes, plus their imports (execution.proto for ErrorKind).
const protos = ['literals.proto', 'types.proto', 'errors.proto', 'execution.proto'];

// The tarball's own buf.yaml declares remote buf.build deps, so work on a plain copy instead.
const workspace = mkdtempSync(join(tmpdir(), 'tasklens-protos-'));
try {
  cpSync(join(flyteidlRoot, 'protos', 'flyteidl', 'core'), join(workspace, 'flyteidl', 'core'), {
    recursive: true,
  });
  writeFileSync(join(workspace, 'buf.yaml'), 'version: v2\n');
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
  const paths = protos.flatMap((file) => ['--path', join('flyteidl', 'core', file)]);
  execFileSync(bufBinary, ['generate', ...paths], { cwd: workspace, stdio: 'inherit' });
  // Generated code shadows globals (message `Error`), so lint is off there; formatting stays on.
  writeFileSync(
    join(output, 'biome.json'),
    `${JSON.stringify({ root: false, extends: '//', linter: { enabled: false } }, null, 2)}\n`,
  );
  // Format the output with the repo's biome settings so `biome ci` stays green on checked-in code.
  const biome = join(dirname(require.resolve('@biomejs/biome/package.json')), 'bin', 'biome');
  execFileSync(biome, ['check', '--write', output], { cwd: packageRoot, stdio: 'inherit' });
  const generated = readdirSync(join(output, 'flyteidl', 'core'));
  const { version } = require('@flyteorg/flyteidl/package.json');
  console.log(`generated ${generated.join(', ')} from @flyteorg/flyteidl@${version} into ${output}`);
} finally {
  rmSync(workspace, { recursive: true, force: true });
}
