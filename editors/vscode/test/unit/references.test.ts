import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { showReferencesArguments } from '../../src/references';

const types = {
    uri: (text: string) => ({ uri: text }),
    position: (line: number, character: number) => ({ line, character }),
    location: (uri: { uri: string }, start: object, end: object) => ({ at: uri.uri, start, end }),
};

test('the lens arguments become the editor types of showReferences', () => {
    const range = { start: { line: 2, character: 4 }, end: { line: 2, character: 13 } };
    assert.deepEqual(
        showReferencesArguments(['file:///v/a.md', { line: 1, character: 7 }, [{ uri: 'file:///v/b.md', range }]], types),
        [{ uri: 'file:///v/a.md' }, { line: 1, character: 7 }, [{ at: 'file:///v/b.md', start: { line: 2, character: 4 }, end: { line: 2, character: 13 } }]],
    );
    assert.deepEqual(showReferencesArguments(['file:///v/a.md', { line: 0, character: 0 }, []], types)?.[2], []);
});

test('arguments of another shape are refused, not half converted', () => {
    assert.equal(showReferencesArguments([], types), undefined);
    assert.equal(showReferencesArguments(['file:///v/a.md', { line: 1 }, []], types), undefined);
    assert.equal(showReferencesArguments(['file:///v/a.md', { line: 1, character: 0 }, [{ uri: 'x' }]], types), undefined);
});
