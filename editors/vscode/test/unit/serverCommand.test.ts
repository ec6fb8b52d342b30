import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'path';
import { commandFromSettings, findOnPath, Host, resolveServer, splitCommandLine } from '../../src/serverCommand';

/** A machine with these files; every file is executable unless listed in notExecutable. */
function fakeHost(files: string[], envPath: string, notExecutable: string[] = []): Host {
    const set = new Set(files);
    return {
        isFile: (f) => set.has(f),
        isExecutable: (f) => set.has(f) && !notExecutable.includes(f),
        envPath,
        platform: 'linux',
        pathExt: '',
    };
}

test('splitCommandLine keeps quoted blanks and escaped blanks, and Windows backslashes', () => {
    assert.deepEqual(splitCommandLine('dotnet /opt/notelsp/notelsp.dll'), ['dotnet', '/opt/notelsp/notelsp.dll']);
    assert.deepEqual(splitCommandLine('  "/My Tools/notelsp"   --log  \'/tmp/a b.log\' '), ['/My Tools/notelsp', '--log', '/tmp/a b.log']);
    assert.deepEqual(splitCommandLine('/My\\ Tools/notelsp'), ['/My Tools/notelsp']);
    assert.deepEqual(splitCommandLine('C:\\tools\\notelsp.exe ""'), ['C:\\tools\\notelsp.exe', '']);
});

test('an empty path means notelsp from PATH, with the extra arguments', () => {
    assert.deepEqual(commandFromSettings({ path: '  ', args: ['--log', 'x'] }, fakeHost([], '')), { command: 'notelsp', args: ['--log', 'x'] });
});

test('a .dll runs with dotnet, before the extra arguments', () => {
    assert.deepEqual(commandFromSettings({ path: '/opt/n/notelsp.dll', args: ['-v'] }, fakeHost(['/opt/n/notelsp.dll'], '')), {
        command: 'dotnet',
        args: ['/opt/n/notelsp.dll', '-v'],
    });
});

test('a path with a blank is a file when such a file exists, else a command line', () => {
    const host = fakeHost(['/My Tools/notelsp'], '');
    assert.deepEqual(commandFromSettings({ path: '/My Tools/notelsp', args: [] }, host), { command: '/My Tools/notelsp', args: [] });
    assert.deepEqual(commandFromSettings({ path: 'dotnet /x/notelsp.dll server', args: ['--a'] }, host), {
        command: 'dotnet',
        args: ['/x/notelsp.dll', 'server', '--a'],
    });
});

test('findOnPath takes the first executable match in PATH order', () => {
    const host = fakeHost(['/a/notelsp', '/b/notelsp', '/c/notelsp'], '/a::/b:/c', ['/a/notelsp']);
    assert.equal(findOnPath('notelsp', host), path.join('/b', 'notelsp'));
    assert.equal(findOnPath('other', host), undefined);
});

test('resolveServer finds notelsp on PATH', () => {
    const resolved = resolveServer({ path: '', args: [] }, fakeHost(['/usr/local/bin/notelsp'], '/usr/bin:/usr/local/bin'));
    assert.deepEqual(resolved, { ok: true, command: '/usr/local/bin/notelsp', args: [] });
});

test('resolveServer says what is missing: notelsp on PATH, a configured file, dotnet, the dll', () => {
    const none = resolveServer({ path: '', args: [] }, fakeHost([], '/usr/bin'));
    assert.equal(none.ok, false);
    assert.match((none as { problem: string }).problem, /'notelsp' is not on PATH/);

    const missingFile = resolveServer({ path: '/opt/notelsp/notelsp', args: [] }, fakeHost([], '/usr/bin'));
    assert.match((missingFile as { problem: string }).problem, /\/opt\/notelsp\/notelsp .*does not exist/);

    const notExecutable = resolveServer({ path: '/opt/notelsp', args: [] }, fakeHost(['/opt/notelsp'], '', ['/opt/notelsp']));
    assert.match((notExecutable as { problem: string }).problem, /not executable/);

    const noDotnet = resolveServer({ path: 'dotnet /opt/n.dll', args: [] }, fakeHost(['/opt/n.dll'], '/usr/bin'));
    assert.match((noDotnet as { problem: string }).problem, /'dotnet'.*install the \.NET 10 runtime/);

    const noDll = resolveServer({ path: 'dotnet /opt/missing.dll', args: [] }, fakeHost(['/usr/bin/dotnet'], '/usr/bin'));
    assert.match((noDll as { problem: string }).problem, /\/opt\/missing\.dll .*does not exist/);
});

test('resolveServer runs a found dll with dotnet from PATH', () => {
    const resolved = resolveServer({ path: '/opt/n/notelsp.dll', args: [] }, fakeHost(['/opt/n/notelsp.dll', '/usr/bin/dotnet'], '/usr/bin'));
    assert.deepEqual(resolved, { ok: true, command: '/usr/bin/dotnet', args: ['/opt/n/notelsp.dll'] });
});
