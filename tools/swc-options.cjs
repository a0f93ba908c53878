// The one swc setup for running and testing the TypeScript sources: decorators with their
// metadata kept (Nest's dependency injection reads it), CommonJS output.
module.exports = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
};
