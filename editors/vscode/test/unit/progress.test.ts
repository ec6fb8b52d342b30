import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { afterProgress, ServerState, statusView } from '../../src/progress';

test('an indexing run goes from starting through indexing to the note count', () => {
    let state: ServerState = { kind: 'ready' };
    state = afterProgress(state, { kind: 'begin', title: 'Indexing notes', message: '0/15 notes', percentage: 0, done: 0, total: 15 });
    assert.deepEqual(state, { kind: 'indexing', done: 0, total: 15 });
    assert.equal(statusView(state).text, '$(sync~spin) NoteLsp: indexing 0/15');
    state = afterProgress(state, { kind: 'report', message: '8/15 notes', percentage: 53, done: 8, total: 15 });
    state = afterProgress(state, { kind: 'report', percentage: 60 });
    assert.deepEqual(state, { kind: 'indexing', done: 8, total: 15 });
    state = afterProgress(state, { kind: 'end', message: 'Indexed 15 notes in 0.1 s', notes: 15 });
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

test('the counts come from the numbers, not from the message text', () => {
    // A message that reads like another count (a translated or reworded server message) changes nothing.
    const state = afterProgress({ kind: 'indexing', done: 3, total: 4 }, { kind: 'end', message: 'Indexed 999 notes in 0.1 s', notes: 4 });
    assert.deepEqual(state, { kind: 'ready', notes: 4, detail: undefined });
    const reworded = afterProgress({ kind: 'starting' }, { kind: 'report', message: '5/6 notes' });
    assert.deepEqual(reworded, { kind: 'indexing', done: undefined, total: undefined });
    const hostile = afterProgress({ kind: 'starting' }, { kind: 'end', notes: -1 } as never);
    assert.deepEqual(hostile, { kind: 'ready', notes: undefined, detail: undefined });
});
