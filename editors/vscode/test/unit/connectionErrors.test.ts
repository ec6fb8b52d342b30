import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { isBrokenPipe } from '../../src/connectionErrors';

test('the writes that fail after the server died are broken-pipe errors; other failures are not', () => {
    const destroyed = Object.assign(new Error('Cannot call write after a stream was destroyed'), { code: 'ERR_STREAM_DESTROYED' });
    assert.equal(isBrokenPipe(destroyed), true);
    assert.equal(isBrokenPipe(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' })), true);
    assert.equal(isBrokenPipe(new Error('Cannot call write after a stream was destroyed')), true);
    assert.equal(isBrokenPipe(new Error('Header must provide a Content-Length property.')), false);
    assert.equal(isBrokenPipe(undefined), false);
});
