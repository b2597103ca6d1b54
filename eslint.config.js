// ESLint: correctness rules only (@eslint/js and typescript-eslint recommended); layout is
// Prettier's (.prettierrc.json), so no rule here is about formatting.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'reports/**', 'coverage/**', '.stryker-tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // Plain JavaScript files (scripts, the vendor mock example) run on Node.
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', Buffer: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  {
    rules: {
      // The kit looks for control characters on purpose: XML 1.0 forbids most of them, JSON
      // must escape them, and fuzzed identifiers carry NUL.
      'no-control-regex': 'off',
      // `const { secret: _secret, ...rest } = x` is how the code drops a field: a leading
      // underscore says "unused on purpose".
      '@typescript-eslint/no-unused-vars': [
        'error',
        { varsIgnorePattern: '^_', argsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
);
