// Builds the add-in (task pane, ribbon commands, standalone page, help) into dist/addin.
// dist/lib belongs to tsc (the CLI); nothing here writes there.
//   npx webpack --mode production --env baseUrl=https://intranet.example/shinchoku/
//   npx webpack serve --mode development            (https://localhost:3000, self-signed)
const path = require('path');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const webpack = require('webpack');

const DEV_URL = 'https://localhost:3000/';

/** The manifest with its dev-server URLs pointed at where the files are published. */
function rewriteManifest(xml, baseUrl) {
  // XML forbids "--" in a comment; Office would refuse the manifest, so the build does.
  for (const m of xml.matchAll(/<!--([\s\S]*?)-->/g)) {
    if (m[1].includes('--') || m[1].endsWith('-')) throw new Error('manifest.xml: a comment holds "--", which XML forbids');
  }
  if (!baseUrl || baseUrl === DEV_URL) return xml;
  return xml.split(DEV_URL).join(baseUrl);
}

function checkBaseUrl(raw) {
  if (!raw) return DEV_URL;
  const url = raw.endsWith('/') ? raw : `${raw}/`;
  // Office loads add-ins only over https.
  if (!/^https:\/\/[^\s"<>&']+\/$/.test(url)) throw new Error(`baseUrl must be an https URL, got: ${raw}`);
  return url;
}

module.exports = (env = {}, argv = {}) => {
  const production = argv.mode === 'production';
  const baseUrl = checkBaseUrl(env.baseUrl || process.env.ADDIN_BASE_URL);
  const page = (template, filename, chunks) =>
    new HtmlWebpackPlugin({ template: path.join(__dirname, 'addin', template), filename, chunks, inject: 'body', scriptLoading: 'defer', minify: false });
  return {
    mode: production ? 'production' : 'development',
    // No eval-based source maps: the pages' CSP forbids eval.
    devtool: 'source-map',
    context: __dirname,
    entry: {
      taskpane: './addin/taskpane/main.ts',
      commands: './addin/commands/commands.ts',
    },
    output: {
      path: path.join(__dirname, 'dist', 'addin'),
      filename: '[name].js',
      clean: true,
    },
    resolve: {
      extensions: ['.ts', '.js', '.json'],
      // SheetJS and fflate carry optional Node paths the browser never takes.
      fallback: { fs: false, path: false, stream: false, crypto: false, os: false, zlib: false },
    },
    module: {
      rules: [
        {
          test: /\.ts$/,
          loader: 'ts-loader',
          exclude: /node_modules/,
          // Types are checked by `tsc -p addin` (npm run typecheck:addin); the bundle only transpiles.
          // ES modules out of TypeScript let webpack take the packages' ESM builds and tree-shake them.
          options: { transpileOnly: true, configFile: path.join(__dirname, 'addin', 'tsconfig.json'), compilerOptions: { module: 'es2020', moduleResolution: 'bundler' } },
        },
        {
          // lib/ modules written for Node that use Buffer get a small browser shim (see the loader).
          test: /[\\/]lib[\\/].*\.ts$/,
          enforce: 'pre',
          loader: path.join(__dirname, 'addin', 'build', 'buffer-import-loader.js'),
        },
      ],
    },
    plugins: [
      // lib/read/file.ts (the CLI's file reader) imports node:fs; the pages never call it.
      new webpack.NormalModuleReplacementPlugin(/^node:/, (res) => {
        res.request = res.request.replace(/^node:/, '');
      }),
      page('taskpane/taskpane.html', 'taskpane.html', ['taskpane']),
      page('standalone/standalone.html', 'standalone.html', ['taskpane']),
      page('commands/commands.html', 'commands.html', ['commands']),
      page('help.html', 'help.html', []),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'addin/assets/*.png', to: 'assets/[name][ext]' },
          { from: 'addin/taskpane/taskpane.css', to: 'taskpane.css' },
          { from: 'manifest.xml', to: 'manifest.xml', transform: (buf) => rewriteManifest(buf.toString('utf8'), baseUrl) },
        ],
      }),
    ],
    performance: { hints: false },
    devServer: {
      port: 3000,
      server: 'https',
      headers: { 'Access-Control-Allow-Origin': '*' },
      static: false,
      // No live-reload client: it would need a websocket the pages' CSP does not allow.
      hot: false,
      liveReload: false,
      client: false,
    },
  };
};

module.exports.rewriteManifest = rewriteManifest;
module.exports.checkBaseUrl = checkBaseUrl;
