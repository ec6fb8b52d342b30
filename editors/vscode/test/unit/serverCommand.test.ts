import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'path';
import { bundledServerPath, commandFromSettings, findOnPath, Host, installHint, resolveServer, splitCommandLine } from '../../src/serverCommand';

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
    assert.match((none as { problem: string }).problem, /no bundled server and 'notelsp' is not on PATH/);

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

// The order the extension looks for its server in: notelsp.server.path, the server bundled in a platform build of the
// extension, notelsp on PATH; none of them: one message with the install command.
const extensionDir = '/ext/notelsp.notelsp-0.1.0-linux-x64';
const bundled = bundledServerPath(extensionDir, 'linux');

test('the bundled server lives in server/ of the extension, with .exe on Windows', () => {
    assert.equal(bundled, path.join(extensionDir, 'server', 'notelsp'));
    assert.equal(path.basename(bundledServerPath('C:\\ext', 'win32')), 'notelsp.exe');
});

test('notelsp.server.path wins over the bundled server and PATH', () => {
    const host = fakeHost(['/opt/mine/notelsp', bundled, '/usr/bin/notelsp'], '/usr/bin');
    assert.deepEqual(resolveServer({ path: '/opt/mine/notelsp', args: ['--x'] }, host, bundled), { ok: true, command: '/opt/mine/notelsp', args: ['--x'] });
});

test('without the setting the bundled server wins over notelsp on PATH', () => {
    const host = fakeHost([bundled, '/usr/bin/notelsp'], '/usr/bin');
    assert.deepEqual(resolveServer({ path: '', args: ['--log', 'l'] }, host, bundled), { ok: true, command: bundled, args: ['--log', 'l'] });
});

test('a bundled server that lost its executable bit gets it back, else the message says so', () => {
    const modes = new Set<string>();
    const host: Host = { ...fakeHost([bundled], '', [bundled]), isExecutable: (f) => modes.has(f), makeExecutable: (f) => (modes.add(f), true) };
    assert.deepEqual(resolveServer({ path: '', args: [] }, host, bundled), { ok: true, command: bundled, args: [] });
    const stuck = resolveServer({ path: '', args: [] }, fakeHost([bundled], '', [bundled]), bundled);
    assert.match((stuck as { problem: string }).problem, /bundled server .* is not executable/);
});

test('without the setting and a bundled server, notelsp on PATH is used', () => {
    const host = fakeHost(['/home/u/.dotnet/tools/notelsp'], '/usr/bin:/home/u/.dotnet/tools');
    assert.deepEqual(resolveServer({ path: '', args: [] }, host, bundled), { ok: true, command: '/home/u/.dotnet/tools/notelsp', args: [] });
});

test('with none of them, the message names the install command with the version and the PATH folder', () => {
    const none = resolveServer({ path: '', args: [] }, fakeHost([], '/usr/bin'), bundled);
    assert.equal(none.ok, false);
    assert.match((none as { problem: string }).problem, /no bundled server and 'notelsp' is not on PATH/);
    const hint = installHint('0.1.0');
    assert.match(hint, /`dotnet tool install --global --add-source <folder with notelsp\.0\.1\.0\.nupkg> notelsp`/);
    assert.match(hint, /~\/\.dotnet\/tools/);
    assert.match(hint, /notelsp\.server\.path/);
});
