// Lint for credit-hub: typescript-eslint's recommended rules plus the size limits the team keeps
// (docs/architecture.md "Code limits"). Prettier owns layout; eslint-config-prettier turns off
// the rules that would fight it.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  {
    // Generated (schema/ by `npm run schema`, clients/generated/ by GraphQL Code Generator) or recorded.
    ignores: [
      'dist/**',
      'coverage/**',
      'schema/**',
      'clients/generated/**',
      'bench/results/**',
      'tests/artifacts/**',
      'node_modules/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      'max-len': [
        'error',
        {
          code: 120,
          ignoreUrls: true,
          ignoreRegExpLiterals: true,
          ignoreStrings: true,
          ignoreTemplateLiterals: true,
          ignorePattern: '^\\s*(import|export) ',
        },
      ],
    },
  },
  {
    // Configuration and small launch helpers that run as plain CommonJS under Node.
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        module: 'writable',
        require: 'readonly',
        process: 'readonly',
        setTimeout: 'readonly',
        __dirname: 'readonly',
      },
    },
  },
  {
    // The query explorer's page script (a browser) and its bundling script (Node).
    files: ['web/explorer/*.mjs'],
    languageOptions: {
      globals: {
        document: 'readonly',
        fetch: 'readonly',
        location: 'readonly',
        sessionStorage: 'readonly',
        URLSearchParams: 'readonly',
        Worker: 'readonly',
      },
    },
  },
  {
    // GraphQL answers in tests are read as loosely typed JSON.
    files: ['tests/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Source files stay readable in one sitting; generated files, migrations and tests are exempt
    // (a migration is a record of what ran, a test file a specification read top to bottom).
    files: ['src/**/*.ts', 'bench/**/*.ts', 'web/**/*.mts'],
    rules: {
      'max-lines': ['error', { max: 250, skipBlankLines: true, skipComments: true }],
      'max-lines-per-function': ['error', { max: 60, skipBlankLines: true, skipComments: true, IIFEs: true }],
    },
  },
);
