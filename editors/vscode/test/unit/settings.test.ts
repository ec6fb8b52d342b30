import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { forwardedSettings, notePatterns, ServerKey, WrittenValues } from '../../src/settings';

const inspectFrom = (values: Partial<Record<ServerKey, WrittenValues>>) => (key: ServerKey) => values[key];

test('only settings a user wrote are forwarded, so .notelsp.yml decides the rest', () => {
    assert.deepEqual(forwardedSettings(inspectFrom({})), {});
    assert.deepEqual(
        forwardedSettings(inspectFrom({ extensions: { globalValue: null }, ignore: { workspaceValue: ['archive/**'] } })),
        { ignore: ['archive/**'] },
    );
});

test('the most specific written value wins', () => {
    const settings = forwardedSettings(
        inspectFrom({
            maxFileBytes: { globalValue: 100, workspaceValue: 200 },
            timestampUrlTemplate: { globalValue: 'a{videoId}{seconds}', workspaceValue: 'b{videoId}{seconds}', workspaceFolderValue: 'c{videoId}{seconds}' },
        }),
    );
    assert.deepEqual(settings, { maxFileBytes: 200, timestampUrlTemplate: 'c{videoId}{seconds}' });
});

test('severities merge code by code across user, workspace and folder', () => {
    const settings = forwardedSettings(
        inspectFrom({
            severities: {
                globalValue: { 'link-broken': 'error', 'timestamp-no-video': 'off' },
                workspaceValue: { 'link-broken': 'hint' },
            },
        }),
    );
    assert.deepEqual(settings, { severities: { 'link-broken': 'hint', 'timestamp-no-video': 'off' } });
    assert.deepEqual(forwardedSettings(inspectFrom({ severities: { globalValue: {} } })), {});
});

test('notePatterns turns extensions into globs and drops what is not one', () => {
    assert.deepEqual(notePatterns(['.md', 'TXT', '*.note', '.md', 'a/b', '', 3]), ['**/*.md', '**/*.txt', '**/*.note']);
    assert.deepEqual(notePatterns('.md, .markdown'), ['**/*.md', '**/*.markdown']);
    assert.deepEqual(notePatterns(undefined), []);
});
