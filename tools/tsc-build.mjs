// A workspace's build in one compile: type-checks everything its tsconfig.json names (the tests and their
// support code too, as `npm run typecheck` does) and writes out only what its tsconfig.build.json names (no
// test in dist). Before, `build` and `typecheck` each compiled the workspace, and `npm test` ran both: on two
// cores that second compile of every workspace was about a minute and a half of the run.
// Usage, in a workspace: node ../../tools/tsc-build.mjs
import { resolve } from 'node:path';
import ts from 'typescript';

const cwd = process.cwd();

function parse(name) {
  const file = resolve(cwd, name);
  const read = ts.readConfigFile(file, ts.sys.readFile);
  if (read.error) fail([read.error]);
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, cwd, undefined, file);
  if (parsed.errors.length > 0) fail(parsed.errors);
  return parsed;
}

function fail(diagnostics) {
  const host = {
    getCanonicalFileName: (f) => f,
    getCurrentDirectory: () => cwd,
    getNewLine: () => ts.sys.newLine,
  };
  const text = process.stdout.isTTY
    ? ts.formatDiagnosticsWithColorAndContext(diagnostics, host)
    : ts.formatDiagnostics(diagnostics, host);
  process.stderr.write(text);
  process.exit(1);
}

const checked = parse('tsconfig.json');
const built = parse('tsconfig.build.json');
// The build's output options, with the ambient types the tests need (jest's globals) in scope for the check.
// Those globals are then in scope for the code that ships too: ESLint's no-restricted-globals keeps them out.
const options = { ...built.options, types: checked.options.types ?? built.options.types, noEmit: false };
const program = ts.createProgram({
  rootNames: [...new Set([...checked.fileNames, ...built.fileNames])],
  options,
});

// TS6059 ("not under rootDir") names test files outside the build's rootDir (the portal's browser tests);
// they are checked, never written, so the output layout the rule protects is not at stake.
const NOT_UNDER_ROOT_DIR = 6059;
const errors = ts
  .getPreEmitDiagnostics(program)
  .filter((d) => d.category === ts.DiagnosticCategory.Error && d.code !== NOT_UNDER_ROOT_DIR);
if (errors.length > 0) fail(errors);

const emitted = new Set(built.fileNames.map((f) => ts.sys.resolvePath(f)));
for (const source of program.getSourceFiles()) {
  if (!emitted.has(ts.sys.resolvePath(source.fileName))) continue;
  const result = program.emit(source);
  if (result.emitSkipped) fail(result.diagnostics);
}
