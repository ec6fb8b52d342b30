import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { fileRenamesOf, PlannedFileRenames } from '../../src/renames';

const renameAnswer = {
    documentChanges: [
        { textDocument: { uri: 'file:///v/a.md', version: 1 }, edits: [] },
        { kind: 'rename', oldUri: 'file:///v/old.md', newUri: 'file:///v/new.md', options: { overwrite: false } },
    ],
};

test('fileRenamesOf finds the RenameFile operations of an LSP workspace edit', () => {
    assert.deepEqual(fileRenamesOf(renameAnswer), [{ oldUri: 'file:///v/old.md', newUri: 'file:///v/new.md' }]);
    assert.deepEqual(fileRenamesOf({ changes: { 'file:///v/a.md': [] } }), []);
    assert.deepEqual(fileRenamesOf(null), []);
});

test('the file rename of the last rename answer is taken once; other renames are not', () => {
    const planned = new PlannedFileRenames();
    planned.remember(fileRenamesOf(renameAnswer));
    assert.equal(planned.takeIfPlanned([{ oldUri: 'file:///v/old.md', newUri: 'file:///v/other.md' }]), false);
    assert.equal(planned.takeIfPlanned([]), false);
    assert.equal(planned.takeIfPlanned([{ oldUri: 'file:///v/old.md', newUri: 'file:///v/new.md' }]), true);
    // Renamed again by hand afterwards: its links must be updated, so it is not taken.
    assert.equal(planned.takeIfPlanned([{ oldUri: 'file:///v/old.md', newUri: 'file:///v/new.md' }]), false);
});

test('a newer rename answer replaces the plan of an older one (that one was dropped)', () => {
    const planned = new PlannedFileRenames();
    planned.remember([{ oldUri: 'file:///v/a.md', newUri: 'file:///v/b.md' }]);
    planned.remember([{ oldUri: 'file:///v/c.md', newUri: 'file:///v/d.md' }]);
    assert.equal(planned.takeIfPlanned([{ oldUri: 'file:///v/a.md', newUri: 'file:///v/b.md' }]), false);
    assert.equal(planned.takeIfPlanned([{ oldUri: 'file:///v/c.md', newUri: 'file:///v/d.md' }]), true);
});

test('URIs are compared after normalizing (the server and VS Code escape differently)', () => {
    const planned = new PlannedFileRenames((u) => decodeURIComponent(u));
    planned.remember([{ oldUri: 'file:///v/caf%C3%A9.md', newUri: 'file:///v/new%20name.md' }]);
    assert.equal(planned.takeIfPlanned([{ oldUri: 'file:///v/café.md', newUri: 'file:///v/new name.md' }]), true);
});
