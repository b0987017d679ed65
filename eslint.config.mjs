// ESLint flat config: typescript-eslint recommended, plus the boundary that keeps lib/
// free of Office.js so the core runs the same in Node, the browser and the add-in.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const OFFICE_PATHS = [
  { name: 'office-js', message: 'lib/ は Office.js に依存しない（アドインは addin/ のアダプタ経由）' },
  { name: '@microsoft/office-js', message: 'lib/ は Office.js に依存しない' },
  { name: 'office-addin-mock', message: 'lib/ は Office.js に依存しない' },
];
const OFFICE_PATTERNS = [
  { group: ['**/addin/**', '*office-js*', '@microsoft/office*', 'office-addin-*'], message: 'lib/ は Office.js とアドインに依存しない' },
];
// The core runs in the add-in's browser bundle too: Node built-ins only in lib/cli and lib/read/file.ts.
const NODE_PATTERNS = [
  { group: ['node:*', 'fs', 'path', 'os', 'child_process', 'zlib', 'crypto'], message: 'lib/ の中核は Node の組み込みモジュールを使わない（lib/cli か lib/read/file.ts へ）' },
];

// Layers of the core: the OOXML layer (zip, XML, package parts) sits under both the readers
// and the writer, so reading never depends on writing and the package code knows no report.
const LAYERS = [
  {
    files: ['lib/ooxml/**/*.ts'],
    group: ['**/read/**', '**/write/**', '**/consolidate/**', '**/rules/**', '**/locale/**', '**/cli/**'],
    message: 'lib/ooxml は zip・XML・パッケージの層: 読み書きやレポートの層に依存しない',
  },
  { files: ['lib/read/**/*.ts'], group: ['**/write/**', '**/consolidate/**', '**/cli/**'], message: 'lib/read は lib/write・集約・CLI に依存しない' },
  // The writer applies plans (lib/plan.ts) to bytes; it knows no consolidation, rule or message.
  { files: ['lib/write/**/*.ts'], group: ['**/consolidate/**', '**/rules/**', '**/locale/**', '**/cli/**'], message: 'lib/write は計画（lib/plan.ts）を書き込むだけ: 集約・ルール・文言・CLI に依存しない' },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'build/**', 'test-output/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['lib/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: OFFICE_PATHS, patterns: [...OFFICE_PATTERNS, ...NODE_PATTERNS] }],
      'no-restricted-globals': [
        'error',
        { name: 'Office', message: 'lib/ で Office.js のグローバルを使わない' },
        { name: 'Excel', message: 'lib/ で Office.js のグローバルを使わない' },
        { name: 'Buffer', message: 'lib/ はブラウザーでも動く: Uint8Array を使う' },
      ],
    },
  },
  ...LAYERS.map(({ files, group, message }) => ({
    files,
    rules: {
      'no-restricted-imports': ['error', { paths: OFFICE_PATHS, patterns: [...OFFICE_PATTERNS, ...NODE_PATTERNS, { group, message }] }],
    },
  })),
  {
    // The CLI and the file reader are the Node-only edge of lib/.
    files: ['lib/cli/**/*.ts', 'lib/read/file.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: OFFICE_PATHS, patterns: OFFICE_PATTERNS }],
      'no-restricted-globals': [
        'error',
        { name: 'Office', message: 'lib/ で Office.js のグローバルを使わない' },
        { name: 'Excel', message: 'lib/ で Office.js のグローバルを使わない' },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    languageOptions: { globals: { require: 'readonly', module: 'writable', process: 'readonly', __dirname: 'readonly', console: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
