import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { afterProgress, noteCounts, ServerState, statusView } from '../../src/progress';

test('noteCounts reads the server messages while and after indexing', () => {
    assert.deepEqual(noteCounts('120/500 notes'), { done: 120, total: 500 });
    assert.deepEqual(noteCounts('Indexed 1 note in 0.2 s'), { done: 1 });
    assert.deepEqual(noteCounts('Indexing stopped'), {});
    assert.deepEqual(noteCounts(undefined), {});
});

test('an indexing run goes from starting through indexing to the note count', () => {
    let state: ServerState = { kind: 'ready' };
    state = afterProgress(state, { kind: 'begin', title: 'Indexing notes', message: '0/15 notes', percentage: 0 });
    assert.deepEqual(state, { kind: 'indexing', done: 0, total: 15 });
    assert.equal(statusView(state).text, '$(sync~spin) NoteLsp: indexing 0/15');
    state = afterProgress(state, { kind: 'report', message: '8/15 notes', percentage: 53 });
    state = afterProgress(state, { kind: 'report', percentage: 60 });
    assert.deepEqual(state, { kind: 'indexing', done: 8, total: 15 });
    state = afterProgress(state, { kind: 'end', message: 'Indexed 15 notes in 0.1 s' });
    assert.deepEqual(state, { kind: 'ready', notes: 15, detail: undefined });
    assert.equal(statusView(state).text, '$(book) NoteLsp: 15 notes');
    assert.equal(statusView({ kind: 'ready', notes: 1 }).text, '$(book) NoteLsp: 1 note');
});

test('an indexing run that fails keeps the count it had and says why', () => {
    const state = afterProgress({ kind: 'indexing', done: 7, total: 9 }, { kind: 'end', message: 'Indexing failed: disk' });
    assert.deepEqual(state, { kind: 'ready', notes: 7, detail: 'Indexing failed: disk' });
    assert.match(statusView(state).tooltip, /Indexing failed: disk/);
});

test('failed and stopped show as errors that restart on click', () => {
    const failed = statusView({ kind: 'failed', problem: "'notelsp' is not on PATH" });
    assert.equal(failed.isError, true);
    assert.match(failed.tooltip, /not on PATH.*restart/);
    assert.equal(statusView({ kind: 'stopped' }).isError, true);
    assert.equal(statusView({ kind: 'starting' }).isError, false);
});
