// Workaround, imported first by the benchmark: tools/swc-register.cjs adds '.ts' after Node's
// own '.js', '.json' and '.node', so `export * from './taxonomy'` in @ztt/contracts resolves to
// taxonomy.json instead of taxonomy.ts and TAXONOMY comes out undefined. Node tries the
// extensions in key order: move '.ts' before '.json'. (The real fix belongs in swc-register.cjs.)
// eslint-disable-next-line @typescript-eslint/no-require-imports
const exts = (require('node:module') as { _extensions: Record<string, unknown> })._extensions;
for (const ext of ['.json', '.node']) {
  const handler = exts[ext];
  if (handler && exts['.ts']) {
    delete exts[ext];
    exts[ext] = handler;
  }
}
export {};
