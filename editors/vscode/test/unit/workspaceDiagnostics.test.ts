import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { forDocumentPull, withRemovedDocuments } from '../../src/workspaceDiagnostics';

const report = (uri: string) => ({ kind: 'unchanged', uri, resultId: 'r', version: null });

test('a document VS Code asked about and the answer leaves out gets an empty full report', () => {
    const params = { previousResultIds: [{ uri: 'file:///v/a.md', value: 'r' }, { uri: 'file:///v/old.md', value: 'r' }] };
    const answer = { items: [report('file:///v/a.md'), report('file:///v/new.md')] };
    assert.deepEqual(withRemovedDocuments(params, answer), {
        items: [report('file:///v/a.md'), report('file:///v/new.md'), { kind: 'full', uri: 'file:///v/old.md', version: null, items: [] }],
    });
});

test('an answer that covers every asked-about document is returned as it is', () => {
    const answer = { items: [report('file:///v/a.md')] };
    assert.equal(withRemovedDocuments({ previousResultIds: [{ uri: 'file:///v/a.md', value: 'r' }] }, answer), answer);
    assert.equal(withRemovedDocuments({ previousResultIds: [] }, answer), answer);
    assert.equal(withRemovedDocuments({}, answer), answer);
    assert.equal(withRemovedDocuments({ previousResultIds: [{ uri: 'file:///v/a.md', value: 'r' }] }, null), null);
});

test('a document reported under another spelling of its URI is not taken for a gone one', () => {
    const params = { previousResultIds: [{ uri: 'file:///v/caf%C3%A9.md', value: 'r' }] };
    const answer = { items: [report('file:///v/café.md')] };
    assert.equal(withRemovedDocuments(params, answer, decodeURIComponent), answer);
});

test('the last document pull of a gone file clears its problems; a file still there keeps its answer', () => {
    const answer = { kind: 'full', resultId: '7', items: [{ message: 'old problem' }] };
    assert.deepEqual(forDocumentPull(answer, false), { kind: 'full', items: [] });
    assert.equal(forDocumentPull(answer, true), answer);
});
