// Starts `digest-lint server` for digest files and hands it the
// `digest-lint.*` settings; everything else (diagnostics, quick fixes,
// `source.fixAll.digest-lint`, formatting, hover, tag completion) comes
// from the server through vscode-languageclient.
'use strict';

const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

let client;

function settings() {
  const c = vscode.workspace.getConfiguration('digest-lint');
  return {
    select: c.get('select'),
    ignore: c.get('ignore'),
    blankLinesBetweenEntries: c.get('blankLinesBetweenEntries'),
    ruleDocsUrl: c.get('ruleDocsUrl'),
  };
}

async function activate(context) {
  const command = vscode.workspace.getConfiguration('digest-lint').get('path') || 'digest-lint';
  const serverOptions = { command, args: ['server'] };
  const clientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'digest' },
      { scheme: 'untitled', language: 'digest' },
    ],
    initializationOptions: settings(),
    // Sends workspace/didChangeConfiguration with the `digest-lint` section
    // when a setting changes, and file events for configuration files.
    synchronize: {
      configurationSection: 'digest-lint',
      fileEvents: vscode.workspace.createFileSystemWatcher('**/*digest-lint.toml'),
    },
  };
  client = new LanguageClient('digest-lint', 'digest-lint', serverOptions, clientOptions);
  context.subscriptions.push(client);
  await client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
