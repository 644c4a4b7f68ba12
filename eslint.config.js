// ESLint for the TypeScript in src/, scripts/ and test/ and for .astro components. Formatting is
// Prettier's job (the "prettier" key in package.json); nothing here overlaps with it.
import js from '@eslint/js';
import astro from 'eslint-plugin-astro';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig([
  globalIgnores(['dist/', 'dist-preview/', 'preview-pr/', '.astro/', '.vitest/', 'test/.tmp/', 'test-results/']),
  js.configs.recommended,
  tseslint.configs.recommended,
  astro.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // Type-only imports stay type-only, as Node's type stripping needs for scripts/.
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // Tests walk parsed feeds, XML and JSON-LD, whose shapes are what the tests check: `any` there
    // keeps each assertion readable without restating every document's type.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Scripts that run in the reader's browser.
    files: ['src/**/*.astro', 'src/client/**/*.ts', 'public/**/*.js'],
    languageOptions: { globals: { ...globals.browser } },
  },
]);
